import datetime as dt

import pytest

from luukku.booking.demo import seed_booking
from luukku.booking.models import Appointment, Service
from luukku.booking.tests.factories import open_slot
from luukku.identity.personas import seed_organisation, seed_personas
from luukku.notify.models import OutboundMessage

from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_82_year_old_books_a_flu_shot_on_a_phone_and_cancels_it(page):
    seed_organisation()
    seed_personas()
    seed_booking(weeks=1)
    service = Service.objects.get(code="influenssarokotus-65-rmk")
    open_slot(service, starts_in=dt.timedelta(days=2))  # at least one time well before the deadline

    page.goto("/tunnistautuminen/")
    page.get_by_role("button", name="Kirjaudu: Lempi Kerttu Esimerkki").click()
    page.get_by_role("link", name="Varaa aika").click()
    assert_accessible(page)
    page.get_by_role("link", name="Influenssarokotus 65 vuotta täyttäneille (Riihimäki)").click()
    assert page.get_by_role("heading", name="Vapaat ajat", exact=False).is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Seuraava viikko").click()  # htmx swaps the week in place
    page.wait_for_url("**alkaen=*")
    assert page.get_by_role("link", name="Edellinen viikko").is_visible()
    page.get_by_role("link", name="Edellinen viikko").click()
    page.wait_for_url("**alkaen=*")
    # The first day with a time that can still be changed online (today's times, always inside the
    # 24-hour rule, open first during the day; which day that is depends on the hour the test runs).
    changeable = page.locator("details.day", has=page.locator("a.slot:not(.slot--late)")).first
    if changeable.get_attribute("open") is None:
        changeable.locator("summary").click()
    changeable.locator("a.slot:not(.slot--late)").last.click()

    assert page.get_by_role("heading", name="Vahvista varaus").is_visible()
    assert_accessible(page)
    page.get_by_label("Matkapuhelin tekstiviestejä varten").fill("040 12")
    page.get_by_role("button", name="Vahvista varaus").click()
    assert page.get_by_role("alert").get_by_text("Kirjoita puhelinnumero numeroina").is_visible()
    assert_accessible(page)
    page.get_by_label("Matkapuhelin tekstiviestejä varten").fill("040 123 4567")
    page.get_by_role("button", name="Vahvista varaus").click()

    assert page.get_by_text("+358401234567", exact=True).is_visible()
    assert page.locator(".notification--success").get_by_text("Aika on varattu.", exact=False).is_visible()
    assert_accessible(page)
    appointment = Appointment.objects.get(status="booked")
    assert appointment.person.first_names == "Lempi Kerttu"
    assert OutboundMessage.objects.filter(kind="booking.confirmation", to="+358401234567").exists()
    with page.expect_download() as download:
        page.get_by_role("link", name="Lisää kalenteriin").click()
    assert download.value.suggested_filename.endswith(".ics")

    page.get_by_role("link", name="Peru varaus").click()
    page.get_by_role("button", name="Kyllä, peru varaus").click()
    assert page.locator(".notification--success").get_by_text("Varaus on peruttu.", exact=False).is_visible()
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"


def test_anonymous_quick_booking_opens_later_with_the_saved_link(browser, live_server):
    """The link to save carries the booking's code in its fragment: a script posts it, so no URL the
    server sees (and logs) ever holds the code, and the booking still opens in another browser."""
    seed_organisation()
    seed_personas()
    seed_booking(weeks=1)
    service = Service.objects.get(code="perhekeskus-pika-aika")
    slot = open_slot(service, starts_in=dt.timedelta(days=2))
    seen: list[str] = []
    contexts = [browser.new_context(base_url=live_server.url, locale="fi-FI") for _ in range(2)]
    try:
        for context in contexts:
            context.on("request", lambda request: seen.append(request.url))
        page = contexts[0].new_page()
        page.goto(f"/ajanvaraus/aika/{slot.pk}/")
        page.get_by_label("Nimesi").fill("Sanna")
        page.get_by_label("Matkapuhelin tekstiviestejä varten").fill("040 765 4321")
        page.get_by_role("button", name="Vahvista varaus").click()
        appointment = Appointment.objects.get(contact_name="Sanna")
        page.wait_for_url(f"**/ajanvaraus/hallinnoi/{appointment.public_id}/")
        link = page.locator(".manage-link a").get_attribute("href")
        assert link.endswith(f"/ajanvaraus/hallinnoi/#{appointment.manage_token}")

        later = contexts[1].new_page()  # another browser, days later: only the saved link
        later.goto(link)
        later.wait_for_url(f"**/ajanvaraus/hallinnoi/{appointment.public_id}/")
        assert later.get_by_role("heading", name=service.name).is_visible()
        later.get_by_role("link", name="Peru varaus").click()
        later.get_by_role("button", name="Kyllä, peru varaus").click()
        assert (
            later.locator(".notification--success")
            .get_by_text("Varaus on peruttu.", exact=False)
            .is_visible()
        )
    finally:
        for context in contexts:
            context.close()
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"
    assert seen and not [url for url in seen if appointment.manage_token in url.split("#")[0]]
