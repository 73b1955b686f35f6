"""A resident opens Assi from the corner of the front page with the keyboard, asks in English and in
Finnish, rates an answer, picks up the emergency answer, and hands over to a person; the answers are
read from the aria-live log. Run in English (the msgids), so the test does not depend on the
translations being merged."""

import re

import pytest
from playwright.sync_api import expect

from luukku.assistant.demo import seed_knowledge
from luukku.chat.demo import seed_queues
from luukku.identity.personas import seed_organisation

from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_resident_asks_assi_and_hands_over(browser, live_server):
    seed_organisation()
    seed_queues()
    seed_knowledge()
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    try:
        page = context.new_page()
        page.goto("/")
        page.get_by_role("button", name="English").click()
        toggle = page.get_by_role("button", name="Ask Assi")
        toggle.focus()
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        question = page.get_by_label("Your question")
        assert question.evaluate("element => element === document.activeElement")
        question.fill("How do I cancel my appointment?")
        page.keyboard.press("Enter")
        log = page.get_by_role("log")
        expect(log.get_by_text("Cancelling or moving an appointment")).to_be_visible()
        expect(log.get_by_role("link", name="My appointments")).to_have_attribute("href", "/ajanvaraus/omat/")
        assert_accessible(page)
        log.get_by_role("button", name="Yes").click()
        expect(log.get_by_text("Thank you for rating the answer.")).to_be_visible()

        question.fill("mikä on maksukatto")  # Finnish on an English page: answered in Finnish
        question.press("Enter")
        expect(log.get_by_text("Maksukatto", exact=True)).to_be_visible()

        question.fill("my dad has chest pain")
        question.press("Enter")
        expect(log.get_by_text(re.compile("call the emergency number 112 now"))).to_be_visible()

        page.keyboard.press("Escape")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        assert toggle.evaluate("element => element === document.activeElement")

        toggle.click()
        question.fill("qwzx plorf")
        question.press("Enter")
        expect(log.get_by_role("link", name="Talk to a person")).to_be_visible()
        log.get_by_role("link", name="Talk to a person").click()
        page.wait_for_url("**/assi/ihmiselle/")
        assert page.get_by_role("heading", name="Talk to a person").is_visible()
        assert page.get_by_text(re.compile("questions you asked Assi")).is_visible()
        assert_accessible(page)
    finally:
        context.close()
