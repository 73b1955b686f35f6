"""The urgent assessment results in a phone-sized browser: the crisis numbers come first, emergency numbers
are tap-to-call links that say what they are (not colour alone), and a closed chat on an urgent result
says to call 116 117 now. Axe checks every page visited."""

import pytest

from luukku.assessment.services import publish as publish_assessment
from luukku.chat.demo import seed_queues
from luukku.chat.models import ChatQueue
from luukku.identity.personas import seed_organisation, seed_personas
from luukku.questionnaires.services import publish_catalogue

from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ALWAYS = {str(day): ["00:00", "24:00"] for day in range(7)}


@pytest.fixture
def assessment():
    seed_organisation()
    seed_personas()
    publish_catalogue()
    publish_assessment()
    seed_queues()


def answer(page, flags: list[str], concern: str, severity: str) -> None:
    page.goto("/hoidon-tarve/")
    assert_accessible(page)
    page.get_by_role("button", name="Aloita").click()
    red_flags = page.get_by_role("group", name="Onko sinulla nyt jokin näistä?")
    for flag in flags:
        red_flags.get_by_label(flag).check()
    page.get_by_role("group", name="Kuinka paljon asia vaivaa?").get_by_label(severity).check()
    page.get_by_role("group", name="Mitä asiasi koskee?").get_by_label(concern).check()
    page.wait_for_load_state("networkidle")  # the concern re-renders the form through htmx
    assert_accessible(page)
    page.get_by_role("button", name="Lähetä").click()
    page.wait_for_url("**/hoidon-tarve/tulos/**")


def assert_tap_to_call(link, number: str) -> None:
    assert link.get_attribute("href") == f"tel:{number}"
    box = link.bounding_box()
    assert box is not None and box["height"] >= 44  # a finger-sized target


def test_self_harm_shows_112_and_the_crisis_line_first_then_the_open_chat(page, assessment):
    ChatQueue.objects.update(hours=ALWAYS, open_on_holidays=True)
    answer(page, ["Ajatuksia itsensä vahingoittamisesta"], "Mieliala, ahdistus tai uupumus", "Haittaa arkea")
    crisis = page.get_by_role("alert").filter(has_text="Kriisipuhelin")
    assert crisis.get_by_text("Hae apua nyt").is_visible()  # a worded label besides the colour
    assert_tap_to_call(crisis.get_by_role("link", name="Soita 112"), "112")
    assert_tap_to_call(crisis.get_by_role("link", name="Kriisipuhelin 09 2525 0111"), "+358925250111")
    chat = page.get_by_role("button", name="Aloita chat")
    assert chat.is_visible()
    crisis_top = crisis.bounding_box()["y"]
    assert crisis_top < chat.bounding_box()["y"]  # the numbers come before the chat
    assert_accessible(page)


def test_self_harm_at_night_shows_the_crisis_line_and_116_117_now(page, assessment):
    ChatQueue.objects.update(hours={})
    answer(
        page,
        ["Ajatuksia itsensä vahingoittamisesta"],
        "Mieliala, ahdistus tai uupumus",
        "Lievä, pärjään kotona",
    )
    assert page.get_by_role("alert").filter(has_text="Kriisipuhelin").is_visible()
    assert page.get_by_role("button", name="Aloita chat").count() == 0
    assert page.get_by_role("heading", name="Soita päivystysnumeroon 116 117 nyt.").is_visible()
    assert_tap_to_call(page.get_by_role("link", name="Soita 116 117"), "116117")
    assert_accessible(page)


def test_severe_matter_with_the_chat_closed_says_call_116_117_now(page, assessment):
    ChatQueue.objects.update(hours={})
    answer(page, ["Ei mitään näistä"], "Hampaat tai suu", "Voimakas tai pahenee nopeasti")
    urgent = page.locator(".urgent").filter(has_text="116 117")
    assert urgent.get_by_text("Kiireellinen").is_visible()
    assert page.get_by_role("heading", name="Soita päivystysnumeroon 116 117 nyt.").is_visible()
    assert_tap_to_call(urgent.get_by_role("link", name="Soita 116 117"), "116117")
    assert page.get_by_role("link", name="Pyydä soittoa").count() == 0
    assert_accessible(page)


def test_emergency_is_a_labelled_alert_with_a_call_link(page, assessment):
    answer(page, ["Äkillinen puheen tai raajojen heikkous"], "Sairaus tai oire", "Lievä, pärjään kotona")
    alert = page.get_by_role("alert").filter(has_text="Soita nyt 112.")
    assert alert.get_by_text("Hätätilanne").is_visible()
    assert_tap_to_call(alert.get_by_role("link", name="Soita 112"), "112")
    assert_accessible(page)
