import pytest

from luukku.identity.personas import seed_organisation, seed_personas
from luukku.questionnaires.models import Response
from luukku.questionnaires.services import publish_catalogue

from .forms import send_older_person_concern
from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def forms():
    seed_organisation()
    seed_personas()
    publish_catalogue()


def test_audit_shows_follow_up_questions_as_answers_are_given(page, forms):
    page.goto("/tunnistautuminen/")
    page.get_by_role("button", name="Kirjaudu: Lempi Kerttu Esimerkki").click()
    page.goto("/lomakkeet/")
    assert_accessible(page)
    page.get_by_role("button", name="AUDIT – alkoholinkäytön riskit").click()
    assert page.get_by_role("heading", name="AUDIT – alkoholinkäytön riskit").is_visible()
    assert page.get_by_text("Kuinka monta annosta").count() == 0
    assert_accessible(page)

    page.get_by_label("2–4 kertaa kuussa").check()
    page.get_by_text("Kuinka monta annosta").wait_for()  # htmx re-rendered the page with the follow-ups
    assert_accessible(page)
    page.get_by_role("button", name="Lähetä").click()
    assert page.get_by_role("alert").get_by_text("Vastaa tähän kysymykseen.").first.is_visible()
    assert_accessible(page)

    answers = (
        ("Kuinka monta annosta", "3–4 annosta"),
        ("kerralla kuusi tai useampia", "Ei koskaan"),
        ("et pystynyt lopettamaan", "Ei koskaan"),
        ("saanut tehdyksi", "Ei koskaan"),
        ("tarvinnut aamulla", "Ei koskaan"),
        ("syyllisyyttä tai katumusta", "Ei koskaan"),
        ("voinut muistaa edellisen illan", "Ei koskaan"),
        ("satuttanut tai loukannut", "Ei"),
        ("ollut huolissaan alkoholinkäytöstäsi", "Ei"),
    )
    for question, answer in answers:
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Lähetä").click()
    assert page.get_by_role("heading", name="AUDIT: 3 / 40").is_visible()
    assert page.get_by_text("Vyöhyke I: vähäisen riskin käyttö").is_visible()
    assert_accessible(page)
    assert Response.objects.get().status == "completed"


def test_anonymous_concern_about_an_older_person(page, forms):
    page.goto("/lomakkeet/")
    page.get_by_role("button", name="Huoli-ilmoitus iäkkäästä henkilöstä").click()
    page.get_by_role("group", name="Onko henkilö välittömässä vaarassa?").get_by_label("Kyllä").check()
    page.get_by_text("Soita heti hätänumeroon 112.").wait_for()  # the danger answer shows the 112 advice
    assert_accessible(page)
    send_older_person_concern(
        page, "Aili Naapuri", "Hattula", "Naapuri on eksynyt kahdesti tällä viikolla.", start=False
    )
    assert page.get_by_text("lähetetty yksikköön Ikääntyneiden palveluohjaus").is_visible()
    assert_accessible(page)
    response = Response.objects.get()
    assert response.recipient_unit.code == "ikaantyneiden-palveluohjaus" and response.person is None
