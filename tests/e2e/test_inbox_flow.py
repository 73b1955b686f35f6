"""A resident reads a message in the inbox, answers the unit, and pays a client fee online (the local
Suomi.fi Payments stand-in); the receipt arrives in the inbox. Texts are looked up in the page's
language (Finnish), so the test holds before and after the translations are merged."""

import pytest
from django.utils import translation

from luukku.identity.models import OrgUnit
from luukku.identity.personas import BY_KEY, seed_organisation, seed_personas
from luukku.identity.services import resident_from_register
from luukku.inbox.services import deliver
from luukku.payments.models import Invoice
from luukku.payments.services import create_invoice

from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fi(text: str) -> str:
    with translation.override("fi"):
        return str(translation.gettext(text))


def test_resident_reads_a_message_answers_and_pays_a_fee(browser, live_server):
    seed_organisation()
    seed_personas()
    matti = resident_from_register(BY_KEY["matti"].hetu)
    unit = OrgUnit.objects.get(code="rmk-terveysasema")
    deliver(
        matti,
        key="e2e:laboratorio",
        subject="Laboratoriotutkimukset",
        body="Varaa aika laboratorioon kahden viikon sisällä.",
        unit=unit,
        sender=unit.name,
        replies_allowed=True,
        notify=False,
    )
    invoice = create_invoice(matti, "e2e:fee", "Käyttämätön vastaanottoaika", 5150, "health")
    context = browser.new_context(
        base_url=live_server.url, locale="fi-FI", viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        page.goto("/tunnistautuminen/")
        page.locator("button", has_text="Matti Kalevi Esimerkki").click()
        page.wait_for_url("**/oma/")
        nav = page.get_by_role("navigation", name=fi("Main"))
        menu = nav.get_by_role("button", name=fi("Menu"))  # a phone: the links fold behind the menu
        assert menu.locator(".main-nav__count").first.inner_text().startswith("2")  # unread, folded too
        menu.click()
        nav.get_by_role("link", name=fi("Messages")).click()
        page.wait_for_url("**/viestit/")
        assert_accessible(page)

        page.get_by_role("link", name="Laboratoriotutkimukset").click()
        assert page.get_by_text("Varaa aika laboratorioon kahden viikon sisällä.").is_visible()
        assert_accessible(page)
        page.get_by_label(fi("Message")).fill("Kiitos, varaan ajan.")
        page.get_by_role("button", name=fi("Send")).click()
        assert page.get_by_text("Kiitos, varaan ajan.").is_visible()

        page.goto("/viestit/")
        page.get_by_role("link", name="Käyttämätön vastaanottoaika", exact=False).click()
        page.get_by_role("link", name=fi("Open")).click()
        page.wait_for_url(f"**/maksut/{invoice.public_id}/")
        assert page.get_by_text("51,50 €").is_visible()
        assert_accessible(page)
        page.get_by_role("button", name=fi("Pay online")).click()
        assert_accessible(page)
        page.get_by_role("button", name=fi("Pay"), exact=True).click()
        page.wait_for_url(f"**/maksut/{invoice.public_id}/")
        assert page.get_by_text(
            fi("Thank you, the invoice has been paid. The receipt is in your messages.")
        ).is_visible()
        invoice.refresh_from_db()
        assert invoice.status == Invoice.Status.PAID

        page.goto("/viestit/")
        page.get_by_role("link", name="Käyttämätön vastaanottoaika", exact=False).click()
        assert page.get_by_text("51,50 €", exact=False).last.is_visible()
        assert page.get_by_text(fi("receipt")).first.is_visible()
    finally:
        context.close()
