"""Journeys on a 390 x 844 phone screen, in Finnish, Swedish and English: the header navigation takes a
visitor and a resident everywhere they need, the booking journey states its deadline, tells what
happens next and asks before cancelling; axe checks every page, and no text of another language
shows in what these journeys touch."""

import datetime as dt

import pytest
from django.utils import translation

from luukku.booking.demo import seed_booking
from luukku.booking.models import Appointment, Service
from luukku.booking.tests.factories import open_slot
from luukku.identity.personas import seed_organisation, seed_personas

from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"fi": "suomi", "sv": "svenska", "en": "English"}

# The texts these journeys show (English msgids): in a page of one language, the other languages'
# versions of them must not appear.
TOUCHED = (
    "Front page",
    "Book a time",
    "Care-need assessment",
    "Call-back request",
    "Notifications and forms",
    "Without signing in",
    "Quick phone times and appointments",
    "Appointments",
    "Forms",
    "My data",
    "Cancel the booking?",
    "Yes, cancel the booking",
    "No, keep the booking",
    "The time has been booked.",
    "The booking has been cancelled.",
    "You can book a new time whenever you need one.",
    "no online changes",
    "Done",
    "End the chat",
    "Menu",
    "The client ended the chat.",
)


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


def assert_only(page, language: str) -> None:
    """No touched text of another language is on the page (where the languages' texts differ)."""
    shown = page.locator("body").inner_text()
    for text in TOUCHED:
        own = in_language(language, text)
        for other in LANGUAGES:
            foreign = in_language(other, text)
            if other != language and foreign != own and foreign not in own:
                assert foreign not in shown, f"{other} text {foreign!r} on a {language} page {page.url}"


def choose_language(page, language: str) -> None:
    page.get_by_role("button", name=LANGUAGES[language], exact=True).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language


def nav_link(page, text: str, language: str):
    """A link of the header navigation; on a phone the menu is opened first (it folds the links)."""
    nav = page.get_by_role("navigation", name=in_language(language, "Main"))
    menu = nav.get_by_role("button", name=in_language(language, "Menu"))
    if menu.is_visible() and menu.get_attribute("aria-expanded") != "true":
        menu.click()
        assert_accessible(page)  # the open menu too
    return nav.get_by_role("link", name=in_language(language, text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_reaches_every_service_without_sign_in(page, language):
    seed_organisation()
    page.goto("/")
    choose_language(page, language)
    assert_accessible(page)
    assert_only(page, language)
    links = page.locator(".main-nav__list")
    assert not links.is_visible()  # on a phone the links fold behind the menu button
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 844 / 2  # the page's own content starts on the first screen
    for text, heading_path in (
        ("Book a time", "/ajanvaraus/"),
        ("Care-need assessment", "/hoidon-tarve/"),
        ("Chat", "/chat/"),
        ("Call-back request", "/soittopyynto/"),
        ("Notifications and forms", "/lomakkeet/"),
    ):
        nav_link(page, text, language).click()
        page.wait_for_url(f"**{heading_path}")
        current = page.locator('.main-nav a[aria-current="page"]')
        assert current.count() == 1 and current.inner_text().startswith(in_language(language, text))
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing widens the page
        assert_accessible(page)
        assert_only(page, language)
    nav_link(page, "Front page", language).click()
    page.wait_for_url("**/")
    assert page.request.get("/favicon.ico").ok


@pytest.mark.parametrize("language", LANGUAGES)
def test_resident_books_sees_what_happens_next_and_cancels_after_confirming(page, language):
    seed_organisation()
    seed_personas()
    seed_booking(weeks=1)
    service = Service.objects.get(code="influenssarokotus-65-rmk")
    open_slot(service, starts_in=dt.timedelta(days=2))

    page.goto("/tunnistautuminen/")
    choose_language(page, language)
    page.locator("button", has_text="Lempi Kerttu Esimerkki").click()
    page.wait_for_url("**/oma/")
    nav_link(page, "Appointments", language).click()
    page.wait_for_url("**/ajanvaraus/omat/")
    assert_accessible(page)
    assert_only(page, language)
    page.get_by_role("link", name=in_language(language, "Book an appointment")).click()
    page.locator(f'a[href="/ajanvaraus/palvelu/{service.code}/"]').click()
    assert_accessible(page)
    assert_only(page, language)
    changeable = page.locator("details.day", has=page.locator("a.slot:not(.slot--late)")).first
    if changeable.get_attribute("open") is None:
        changeable.locator("summary").click()
    changeable.locator("a.slot:not(.slot--late)").first.click()

    assert page.locator("#deadline").is_visible()
    assert_accessible(page)
    phone = page.get_by_label(in_language(language, "Mobile phone for text messages"))
    assert phone.get_attribute("required") is not None
    phone.fill("040 123 4567")
    page.get_by_role("button", name=in_language(language, "Confirm the booking")).click()

    notice = page.locator(".notification--success")
    assert notice.is_visible() and in_language(language, "The time has been booked.") in notice.inner_text()
    assert "+358401234567" in notice.inner_text()
    assert_accessible(page)
    assert_only(page, language)
    appointment = Appointment.objects.get(status="booked", person__first_names="Lempi Kerttu")

    page.get_by_role("link", name=in_language(language, "Cancel the booking")).click()
    assert page.get_by_role("heading", name=in_language(language, "Cancel the booking?")).is_visible()
    assert_accessible(page)
    assert_only(page, language)
    assert Appointment.objects.get(pk=appointment.pk).status == "booked"
    page.get_by_role("button", name=in_language(language, "Yes, cancel the booking")).click()
    notice = page.locator(".notification--success")
    assert in_language(language, "The booking has been cancelled.") in notice.inner_text()
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"
    assert_accessible(page)
    assert_only(page, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_resident_waits_in_the_chat_queue_sees_own_messages_and_ends_the_chat(
    browser, asgi_live_server, language
):
    from luukku.chat.demo import seed_queues
    from luukku.chat.models import ChatQueue, Conversation

    seed_organisation()
    seed_personas()
    seed_queues()
    ChatQueue.objects.update(hours={str(day): ["00:00", "24:00"] for day in range(7)}, open_on_holidays=True)
    context = browser.new_context(base_url=asgi_live_server, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto("/tunnistautuminen/")
        choose_language(page, language)
        page.locator("button", has_text="Lempi Kerttu Esimerkki").click()
        page.wait_for_url("**/oma/")
        nav_link(page, "Chat", language).click()
        page.wait_for_url("**/chat/")
        page.locator('form[action="/chat/aloita/hoitaja/"] button').click()
        page.locator("[data-connected=true]").wait_for()
        assert page.locator("#queue-position").is_visible()
        page.locator("#id_body").fill("Minulla on yskää.")
        page.locator("#chat-form button[type=submit]").click()
        you = in_language(language, "You")
        page.locator(".chat__message--resident .chat__meta", has_text=you).first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the picture input fits
        assert_accessible(page)  # #chat-messages scrolls and can be focused
        assert_only(page, language)
        labels = page.locator(".chat__meta").all_inner_texts()
        for other in LANGUAGES:  # one word: compared as the label's first word, not as a substring
            if other != language:
                assert in_language(other, "You") not in [label.split()[0] for label in labels]
        page.get_by_role("button", name=in_language(language, "End the chat")).click()
        page.locator(".notification--success").wait_for()
        assert Conversation.objects.get().status == Conversation.Status.CLOSED
        assert page.get_by_text(in_language(language, "The client ended the chat.")).first.is_visible()
        assert_accessible(page)
        assert_only(page, language)
    finally:
        context.close()
