"""Lempi compares home care providers on her service voucher and chooses one; the provider's staff
member signs in with the professionals' login, accepts her and records a visit; Lempi sees it. Texts are
looked up in the page's language (Finnish), so the test holds before and after the translations merge."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from luukku.identity.personas import BY_KEY, seed_organisation, seed_personas
from luukku.identity.services import resident_from_register
from luukku.vouchers import services
from luukku.vouchers.demo import seed_test_vouchers
from luukku.vouchers.models import ServiceEvent, Voucher, VoucherService

from .forms import sign_in_professional
from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fi(text: str, **values: str) -> str:
    with translation.override("fi"):
        return str(translation.gettext(text)) % values if values else str(translation.gettext(text))


def test_a_client_chooses_and_the_provider_accepts_and_records(browser, live_server):
    seed_organisation()
    seed_personas()
    seed_test_vouchers()
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    voucher = services.grant(
        get_user_model().objects.get(username="palveluohjaaja.paula"),
        lempi,
        VoucherService.objects.get(code="kotihoito-palveluseteli"),
        valid_from=dt.date.today(),
        units_per_month=Decimal(12),
        household_size=1,
        monthly_income_cents=165000,
    )
    resident = browser.new_context(base_url=live_server.url, locale="fi-FI")
    staff = browser.new_context(base_url=live_server.url, locale="fi-FI")
    try:
        page = resident.new_page()
        page.goto("/tunnistautuminen/")
        page.locator("button", has_text="Lempi Kerttu Esimerkki").click()
        page.wait_for_url("**/oma/")
        page.goto("/palvelusetelit/")
        assert_accessible(page)
        page.locator("[data-vouchers] a").first.click()
        page.wait_for_url(f"**/palvelusetelit/{voucher.public_id}/")
        table = page.locator("[data-choices]")
        assert table.get_by_role("rowheader", name="Riihimäen Kotiapu Oy").is_visible()
        # Hoivapalvelu Tuulia does not serve Riihimäki
        assert table.get_by_role("rowheader", name="Hoivapalvelu Tuulia Oy").count() == 0
        assert_accessible(page)
        page.get_by_role("button", name=fi("Choose %(name)s", name="Riihimäen Kotiapu Oy")).click()
        page.wait_for_url(f"**/palvelusetelit/{voucher.public_id}/")
        assert page.locator('[data-status="chosen"]').is_visible()

        provider = staff.new_page()
        sign_in_professional(provider, "tuottaja.rasmus")
        provider.goto("/palveluntuottaja/")
        assert_accessible(provider)
        provider.get_by_role("button", name=fi("Accept %(name)s", name=lempi.full_name)).click()
        provider.wait_for_url("**/palveluntuottaja/")
        provider.get_by_label(fi("Day")).fill(dt.date.today().isoformat())
        provider.get_by_label(fi("Amount delivered (units)")).fill("2")
        provider.get_by_role("button", name=fi("Record")).click()
        provider.wait_for_url("**/palveluntuottaja/")
        assert provider.get_by_text(fi("Recorded.")).is_visible()
        assert_accessible(provider)

        voucher.refresh_from_db()
        assert voucher.status == Voucher.Status.ACCEPTED
        event = ServiceEvent.objects.get(voucher=voucher)
        assert event.status == ServiceEvent.Status.APPROVED and event.units == 2
        page.reload()
        assert page.locator('[data-status="accepted"]').is_visible()
        assert_accessible(page)
    finally:
        resident.close()
        staff.close()
