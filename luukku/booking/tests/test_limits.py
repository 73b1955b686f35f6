"""Limits against abuse of the anonymous booking: per client address, per phone number (text
messages), and the times one person may hold in a week. The API answers 429 with Retry-After, the
form says how long to wait."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from luukku.audit.tests.capture import security_events
from luukku.booking import services
from luukku.booking.models import Appointment, Slot
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.notify.models import OutboundMessage
from luukku.testing import professional, resident_user

pytestmark = pytest.mark.django_db

API = "/api/booking/appointments"


@pytest.fixture
def quick():
    """A quick phone time: bookable without identification."""
    return booking_service(requires_authentication=False, name="Perhekeskuksen pika-aika")


def slot_in(service, days: float = 2, hours: int = 0) -> Slot:
    return open_slot(service, starts_in=dt.timedelta(days=days, hours=hours))


def book_by_api(client, slot: Slot, phone: str, address: str = "198.51.100.1"):
    return client.post(
        API,
        {"slot": slot.pk, "name": "Sanna", "phone": phone},
        content_type="application/json",
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_anonymous_bookings_per_address_get_429_with_retry_after(client, quick):
    for n in range(5):
        made = book_by_api(client, slot_in(quick, days=1 + 7 * n), f"+35840100000{n}")
        assert made.status_code == 201, made.content
    refused = book_by_api(client, slot_in(quick, days=40), "+358401000009")
    assert refused.status_code == 429
    assert 9 * 60 < int(refused["Retry-After"]) <= 10 * 60
    assert refused.json()["retry_after"] == int(refused["Retry-After"])
    assert refused.json()["detail"] == "Too many requests in a short time. Try again in 10 minutes."
    assert Appointment.objects.count() == 5
    other = book_by_api(client, slot_in(quick, days=40), "+358401000009", address="203.0.113.20")
    assert other.status_code == 201


def test_three_texts_an_hour_to_one_number(client):
    services_ = [booking_service(requires_authentication=False) for _ in range(4)]
    for n, service in enumerate(services_[:3]):
        made = book_by_api(client, slot_in(service), "+358405550000", address=f"198.51.100.{n + 1}")
        assert made.status_code == 201
    refused = book_by_api(client, slot_in(services_[3]), "+358405550000", address="198.51.100.9")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 50 * 60
    assert "Too many text messages have been sent to this number" in refused.json()["detail"]
    assert OutboundMessage.objects.filter(channel="sms", to="+358405550000").count() == 3


def test_the_form_tells_how_long_to_wait(client):
    services_ = [booking_service(requires_authentication=False) for _ in range(4)]
    for service in services_[:3]:
        services.book(slot_in(service), services.booker_for(None, None), "+358405550001", contact_name="S")
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("booking:confirm", args=[slot_in(services_[3]).pk]),
        {"name": "Sanna", "phone": "040 555 0001"},
    )
    assert response.status_code == 429 and int(response["Retry-After"]) > 50 * 60
    page = response.content.decode()
    assert "Too many text messages have been sent to this number in a short time. Try again in" in page
    assert 'value="Sanna"' in page  # what was typed is kept
    assert not Appointment.objects.filter(service=services_[3]).exists()


def test_a_refused_booking_does_not_use_up_the_texts(quick):
    full = slot_in(quick)
    services.book(full, services.booker_for(None, None), "+358405550002", contact_name="A")
    for _ in range(3):
        with pytest.raises(services.BookingRefused):
            services.book(
                Slot.objects.get(pk=full.pk),
                services.booker_for(None, None),
                "+358405550003",
                contact_name="B",
            )
    for days in (3, 10, 17):
        services.book(
            slot_in(quick, days=days), services.booker_for(None, None), "+358405550003", contact_name="B"
        )


def test_one_number_holds_two_quick_times_a_week(client, quick, settings):
    settings.LUUKKU_THROTTLES = {"booking.texts.anonymous": (10, 3600)}  # the week's limit, not the texts'
    monday = dt.date.today() + dt.timedelta(days=7 - dt.date.today().weekday())
    days = [(monday - dt.date.today()).days + offset for offset in (0, 2, 4)]
    for day in days[:2]:
        assert book_by_api(client, slot_in(quick, days=day, hours=10), "+358405550004").status_code == 201
    third = book_by_api(client, slot_in(quick, days=days[2], hours=10), "+358405550004")
    assert third.status_code == 409 and third.json()["detail"].startswith("weekly_limit:")
    assert "You already hold 2 times of this service in the same week" in third.json()["detail"]
    # The next week is another week; a cancelled time is no longer held.
    assert book_by_api(client, slot_in(quick, days=days[0] + 7, hours=10), "+358405550004").status_code == 201
    services.cancel(Appointment.objects.filter(contact_phone="+358405550004").first(), None)
    assert book_by_api(client, slot_in(quick, days=days[2], hours=11), "+358405550004").status_code == 201


def test_an_identified_resident_holds_two_quick_times_a_week_too(quick):
    person = resident_user(age=40)
    me = services.booker_for(person.user, person)
    services.book(slot_in(quick, days=7, hours=1), me)
    services.book(slot_in(quick, days=7, hours=2), me)
    with pytest.raises(services.BookingRefused) as refused:
        services.book(slot_in(quick, days=7, hours=3), me)
    assert refused.value.code == "weekly_limit"


def test_professionals_are_not_limited(quick):
    nurse, client = professional(), resident_user(age=40)
    for hour in range(5):
        services.book(
            slot_in(quick, days=7, hours=hour), services.booker_for(nurse.user, client), "+358405550005"
        )
    assert Appointment.objects.filter(person=client, status="booked").count() == 5


def test_a_cancellation_over_the_limit_goes_through_without_its_text(
    quick, django_capture_on_commit_callbacks
):
    anonymous = services.booker_for(None, None)
    made = [
        services.book(slot_in(quick, days=d), anonymous, "+358405550006", contact_name="C")
        for d in (2, 9, 16)
    ]
    services.cancel(made[0], None)
    assert Appointment.objects.get(pk=made[0].pk).status == "cancelled"
    assert not OutboundMessage.objects.filter(kind="booking.cancelled").exists()


def test_a_throttled_request_is_in_the_security_log_without_the_number(client):
    services_ = [booking_service(requires_authentication=False) for _ in range(4)]
    for service in services_[:3]:
        services.book(slot_in(service), services.booker_for(None, None), "+358405550007", contact_name="S")
    with security_events() as log, translation.override("en"):
        book_by_api(client, slot_in(services_[3]), "+358405550007", address="192.0.2.44")
    event = log.one("rate-limited")
    assert event["luukku"]["throttle"]["scope"] == "booking.texts.anonymous"
    assert event["source"]["ip"] == "192.0.2.44" and event["event"]["outcome"] == "failure"
    assert not [line for line in log.lines if "5550007" in line]
