"""A home-care nurse's day on a phone: her visit to Lempi in the list, the door opened with the visit's
key, the visit started and ended with its tasks; Lempi then sees the door opening on her own page.
Texts are looked up in the page's language (Finnish), so the test holds before and after the
translations are merged."""

import pytest
from django.utils import timezone, translation

from luukku.homecare import services
from luukku.homecare.tests import factories
from luukku.identity.models import OrgUnit, Professional
from luukku.identity.personas import BY_KEY, seed_organisation, seed_personas
from luukku.identity.services import resident_from_register

from .forms import sign_in_professional
from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fi(text: str) -> str:
    with translation.override("fi"):
        return str(translation.gettext(text))


def test_nurse_opens_the_door_records_the_visit_and_the_client_sees_the_opening(browser, live_server):
    seed_organisation()
    seed_personas()
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    unit = OrgUnit.objects.get(code="rmk-terveysasema")
    nurse = factories.nurse(unit, pro=Professional.objects.get(user__username="hoitaja.riikka"))
    visit = factories.visit_today(factories.client(unit, person=lempi, key_info="Kissa sisällä."), nurse)
    services.publish(unit, timezone.localdate(), None)
    context = browser.new_context(
        base_url=live_server.url, locale="fi-FI", viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        sign_in_professional(page, "hoitaja.riikka")
        page.goto("/ammattilainen/kotihoito/paiva/")
        assert page.get_by_text("Kissa sisällä.").is_visible()
        assert_accessible(page)
        page.locator(f'[data-visit="{visit.public_id}"] h2 a').click()
        page.wait_for_url(f"**/kotihoito/kaynti/{visit.public_id}/")
        assert_accessible(page)
        page.get_by_role("button", name=fi("Open the door")).click()
        assert page.get_by_text(fi("The door was opened.")).is_visible()
        page.get_by_role("button", name=fi("Start the visit")).click()
        assert page.get_by_text(fi("Visit started.")).is_visible()
        page.get_by_label("medication").check()
        page.get_by_role("button", name=fi("End the visit")).click()
        assert page.locator('[data-status="done"]').is_visible()
        assert_accessible(page)
        context.close()

        context = browser.new_context(base_url=live_server.url, locale="fi-FI")
        page = context.new_page()
        page.goto("/tunnistautuminen/")
        persona = BY_KEY["lempi"]
        page.locator("button", has_text=f"{persona.first_names} {persona.last_name}").click()
        page.wait_for_url("**/oma/")
        page.goto("/oma/kotihoito/")
        assert page.locator("[data-opening]").count() == 1
        assert_accessible(page)
    finally:
        context.close()
