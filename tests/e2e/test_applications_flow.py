"""Lempi applies for support services online (prefilled from the register) and gets a receipt; Paula
asks for more information, Lempi answers in the same thread; Paula assesses, drafts and approves the
decision, which Lempi opens with its signature verified. Texts are looked up through gettext in Finnish,
so the test holds before and after the translations are merged."""

import pytest
from django.utils import translation

from luukku.applications.demo import seed_types
from luukku.applications.models import Application
from luukku.identity.personas import seed_organisation, seed_personas

from .forms import sign_in_professional
from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fi(text: str) -> str:
    with translation.override("fi"):
        return str(translation.gettext(text))


def test_an_application_from_the_form_to_the_signed_decision(browser, live_server, settings, tmp_path):
    from luukku.applications import adapters

    settings.LUUKKU_SIGNING_DIR = str(tmp_path)
    adapters.signer.cache_clear()
    seed_organisation()
    seed_personas()
    seed_types()
    context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    try:
        page = context.new_page()
        page.goto("/tunnistautuminen/")
        page.get_by_role("button", name="Kirjaudu: Lempi Kerttu Esimerkki").click()
        page.goto("/hakemukset/")
        assert_accessible(page)
        page.locator("button[data-type='hakemus-tukipalvelut']").click()
        assert page.get_by_label("Osoite").input_value() != ""  # from the population register
        assert_accessible(page)
        page.get_by_role("button", name="Seuraava").click()
        page.get_by_role("group", name="Onko tilanne kiireellinen").get_by_label("Ei").check()
        page.get_by_label("Kuvaile, missä tarvitset apua ja miksi.").fill("En jaksa enää laittaa ruokaa.")
        page.get_by_role("button", name="Seuraava").click()
        page.get_by_label("Ateriapalvelu").check()
        page.get_by_role("button", name="Lähetä").click()
        reference = page.locator("[data-reference]").inner_text()
        application = Application.objects.get()
        assert reference == application.reference
        assert_accessible(page)

        professional = browser.new_context(base_url=live_server.url, locale="fi-FI").new_page()
        sign_in_professional(professional, "palveluohjaaja.paula")
        professional.goto("/ammattilainen/hakemukset/")
        assert_accessible(professional)
        assert professional.get_by_text(application.reference).is_visible()
        professional.locator(f"a[href='/ammattilainen/hakemukset/{application.public_id}/']").click()
        assert_accessible(professional)
        info = professional.locator("form:has(input[value='request_info'])")
        info.get_by_label(fi("Message")).fill("Kuinka monta ateriaa päivässä tarvitsette?")
        info.get_by_role("button").click()

        page.goto(f"/hakemukset/{application.public_id}/")
        assert page.get_by_text("Kuinka monta ateriaa päivässä tarvitsette?").is_visible()
        answer = page.locator("form:has(input[value='answer'])")
        answer.get_by_label(fi("Message")).fill("Yhden lämpimän aterian.")
        answer.get_by_role("button").click()
        assert page.get_by_text("Yhden lämpimän aterian.").is_visible()
        assert_accessible(page)

        professional.reload()
        assess = professional.locator("form:has(input[value='assess'])")
        assess.get_by_label(fi("Functional ability and the need for services")).fill(
            "Tarvitsee ateriapalvelun."
        )
        assess.get_by_role("button").click()
        draft = professional.locator("form:has(input[value='draft'])")
        draft.get_by_role("button").click()
        professional.locator("form:has(input[value='approve'])").get_by_role("button").click()
        assert professional.locator("[data-signature='valid']").is_visible()
        assert_accessible(professional)

        page.goto(f"/hakemukset/{application.public_id}/")
        assert page.locator("[data-signature='valid']").is_visible()
        assert_accessible(page)
        application.refresh_from_db()
        assert application.status == Application.Status.DECIDED
    finally:
        context.close()
        adapters.signer.cache_clear()
