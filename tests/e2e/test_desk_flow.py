import pytest

from luukku.identity.personas import BY_KEY, seed_organisation, seed_personas
from luukku.questionnaires.services import publish_catalogue

from .forms import send_older_person_concern, sign_in_professional
from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_anonymous_notification_is_claimed_and_the_read_shows_in_the_residents_log(browser, live_server):
    seed_organisation()
    seed_personas()
    publish_catalogue()
    contexts = [browser.new_context(base_url=live_server.url, locale="fi-FI") for _ in range(3)]
    try:
        neighbour = contexts[0].new_page()
        send_older_person_concern(
            neighbour, "Lempi Esimerkki", "Riihimäki", "Lempi on eksynyt kahdesti tällä viikolla."
        )
        assert neighbour.get_by_text("lähetetty yksikköön Ikääntyneiden palveluohjaus").is_visible()

        worker = contexts[1].new_page()
        sign_in_professional(worker, "palveluohjaaja.paula")
        worker.get_by_role("link", name="Työjono").first.click()
        assert_accessible(worker)
        worker.get_by_role("button", name="Ota käsittelyyn").click()
        assert worker.get_by_text("Paula Palveluohjaaja", exact=False).first.is_visible()
        worker.get_by_label("Asiakkaan henkilötunnus").fill(BY_KEY["lempi"].hetu)
        worker.get_by_role("button", name="Liitä asiakkaaseen").click()
        worker.get_by_role("link", name="Lempi Kerttu Esimerkki").click()
        assert worker.get_by_role("heading", name="Sosiaalihuollon ilmoitukset").is_visible()
        assert_accessible(worker)

        resident = contexts[2].new_page()
        resident.goto("/tunnistautuminen/")
        resident.get_by_role("button", name="Kirjaudu: Lempi Kerttu Esimerkki").click()
        resident.get_by_role("link", name="Kuka on katsonut tietojani").click()
        log = resident.get_by_role("table")
        assert log.get_by_text("Paula Palveluohjaaja").first.is_visible()
        assert log.get_by_text("Ikääntyneiden palveluohjaus", exact=False).first.is_visible()
        assert_accessible(resident)
    finally:
        for context in contexts:
            context.close()
