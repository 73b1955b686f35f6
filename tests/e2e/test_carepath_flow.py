import pytest

from luukku.carepaths.demo import seed_templates
from luukku.identity.personas import seed_organisation, seed_personas
from luukku.questionnaires.services import publish_catalogue

from .forms import sign_in_professional
from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_resident_completes_a_task_and_the_team_receives_it(browser, live_server):
    seed_organisation()
    seed_personas()
    publish_catalogue()
    seed_templates()
    resident = browser.new_context(
        base_url=live_server.url, locale="fi-FI", viewport={"width": 390, "height": 844}
    )
    nurse = browser.new_context(base_url=live_server.url, locale="fi-FI")
    try:
        page = resident.new_page()
        page.goto("/tunnistautuminen/")
        page.get_by_role("button", name="Kirjaudu: Matti Kalevi Esimerkki").click()
        page.get_by_role("link", name="Hoitopolut, jotka voit aloittaa").click()
        assert_accessible(page)
        page.get_by_role("listitem").filter(has_text="Tyypin 2 diabeteksen riski").get_by_role(
            "button", name="Aloita polku"
        ).click()
        assert_accessible(page)
        page.get_by_role("link", name="Tee diabeteksen riskitesti").click()
        page.get_by_role("button", name="Avaa kysely").click()
        for group, label in (
            ("Sukupuoli", "Mies"),
            ("Ikä", "55–64 vuotta"),
            ("liikuntaa", "Ei"),
            ("kasviksia", "Päivittäin"),
            ("verenpainelääkitys", "Ei"),
            ("verensokerisi", "Ei"),
            ("diabetes (tyyppi", "Kyllä: isällä, äidillä, sisaruksilla tai omilla lapsilla"),
        ):
            page.get_by_role("group", name=group).get_by_label(label, exact=True).check()
        page.get_by_label("Pituus (cm)").fill("178")
        page.get_by_label("Paino (kg)").fill("92,5")
        page.get_by_label("Vyötärönympärys navan kohdalta (cm)").fill("104")
        page.get_by_role("button", name="Lähetä").click()
        assert page.get_by_role("heading", name="FINDRISC: 15 / 26").is_visible()

        page.goto("/hoitopolut/")
        page.get_by_role("link", name="Tyypin 2 diabeteksen riski").click()
        assert page.get_by_text("Riihimäen terveysasema ottaa sinuun yhteyttä.").is_visible()
        page.get_by_role("link", name="Mittaa verenpaineesi").click()
        page.get_by_label("Yläpaine (mmHg)").fill("146")
        page.get_by_label("Alapaine (mmHg)").fill("92")
        page.get_by_label("Syke (minuutissa)").fill("71")
        assert_accessible(page)
        page.get_by_role("button", name="Lähetä mittaus").click()
        assert page.get_by_text("Kiitos. Mittaus lähetettiin hoitotiimillesi.").is_visible()

        team = nurse.new_page()
        sign_in_professional(team, "hoitaja.riikka")
        team.goto("/ammattilainen/hoitopolut/")
        assert team.get_by_text("FINDRISC 15 pistettä (raja 12): ota yhteyttä asiakkaaseen").is_visible()
        team.get_by_role("link", name="Matti Kalevi Esimerkki: Mittaa verenpaineesi tehty").click()
        assert team.get_by_text("Yläpaine (mmHg): 146").is_visible()
        assert_accessible(team)
    finally:
        resident.close()
        nurse.close()
