"""A resident finds a unit by predictive search, answers the survey, writes a complaint asking for a
reply; the unit's named handler answers it from the feedback queue; the resident reads the reply.

Run in English (the msgids), so the test does not depend on the translations being merged."""

import re

import pytest

from luukku.feedback.demo import seed_targets
from luukku.identity.personas import seed_organisation, seed_personas

from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_resident_gives_feedback_and_the_handler_answers(browser, live_server):
    seed_organisation()
    seed_personas()
    seed_targets()
    resident_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    handler_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    try:
        resident = resident_context.new_page()
        resident.goto("/tunnistautuminen/")
        resident.get_by_role("button", name="Sign in as Lempi Kerttu Esimerkki").click()
        resident.goto("/palaute/")
        resident.get_by_role("button", name="English").click()  # Lempi's own language is Finnish
        resident.get_by_label("Search for a unit, service or team").fill("riihimaen terveysasme")
        resident.get_by_role("link", name="Riihimäen terveysasema").click()
        assert_accessible(resident)
        nps = resident.get_by_role("group", name=re.compile("How likely would you be to recommend"))
        nps.get_by_label("9", exact=True).check()
        resident.get_by_role("button", name="Send").click()
        assert resident.get_by_role("heading", name="Thank you for your feedback!").is_visible()

        resident.go_back()
        resident.get_by_role("link", name=re.compile("Write praise, a suggestion or a complaint")).click()
        resident.get_by_label("complaint", exact=True).check()
        resident.get_by_label("Your feedback").fill("I waited an hour on the phone and nobody called back.")
        resident.get_by_label("I would like a reply").check()
        resident.get_by_role("button", name="Send").click()
        assert resident.get_by_text("No reply yet.", exact=False).is_visible()
        assert_accessible(resident)
        feedback_page = resident.url

        handler = handler_context.new_page()
        handler.goto("/ammattilainen/")
        handler.get_by_label("Username").fill("hoitaja.riikka")
        handler.get_by_label("Password").fill("demo-salasana-2026")
        handler.get_by_role("button", name="Sign in").click()
        handler.goto("/ammattilainen/palaute/")
        assert_accessible(handler)
        handler.get_by_role("link", name="Complaint").click()
        assert handler.get_by_text("I waited an hour on the phone").is_visible()
        handler.get_by_label("Reply").fill("We are sorry. We have added a second person to the phone line.")
        handler.get_by_role("button", name="Send the reply").click()
        assert handler.get_by_text("We have added a second person").is_visible()
        assert_accessible(handler)

        resident.goto(feedback_page)
        assert resident.get_by_text("We have added a second person to the phone line.").is_visible()
        assert_accessible(resident)
    finally:
        resident_context.close()
        handler_context.close()
