"""A vaccination rush on PostgreSQL: simultaneous bookings from separate connections never over-book a
slot and never give one person two bookings in a campaign."""

import datetime as dt
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from luukku.booking.models import Appointment, Campaign, Slot
from luukku.booking.services import BookingRefused, book, booker_for
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.testing import resident_user

pytestmark = pytest.mark.django_db(transaction=True)


def rush(attempts: list) -> Counter:
    """Run the attempts at the same moment, each in its own thread and database connection."""
    barrier = threading.Barrier(len(attempts))

    def run(attempt):
        try:
            barrier.wait(timeout=30)
            attempt()
            return "booked"
        except BookingRefused as refused:
            return refused.code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        return Counter(pool.map(run, attempts))


def test_simultaneous_bookings_fill_a_slot_exactly():
    assert connection.vendor == "postgresql", "the rush tests need PostgreSQL (./run test sets it)"
    slot = open_slot(booking_service(capacity=3))
    people = [resident_user(age=70 + i) for i in range(16)]
    results = rush([lambda p=p: book(Slot.objects.get(pk=slot.pk), booker_for(p.user, p)) for p in people])
    assert results == Counter({"booked": 3, "full": 13})
    assert Slot.objects.get(pk=slot.pk).booked == 3
    assert Appointment.objects.filter(slot=slot, status="booked").count() == 3


def test_one_person_racing_for_many_slots_of_a_campaign_gets_one():
    campaign = Campaign.objects.create(
        code="flu", name="Flu", starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2027, 3, 31)
    )
    service = booking_service(campaign=campaign, capacity=2)
    slots = [open_slot(service, starts_in=dt.timedelta(days=2, minutes=10 * i)) for i in range(10)]
    lempi = resident_user(age=82)
    results = rush(
        [lambda s=s: book(Slot.objects.get(pk=s.pk), booker_for(lempi.user, lempi)) for s in slots]
    )
    assert results == Counter({"booked": 1, "campaign": 9})
    assert Appointment.objects.filter(person=lempi, status="booked").count() == 1
    assert sum(Slot.objects.filter(service=service).values_list("booked", flat=True)) == 1


def test_cancellations_and_bookings_interleaved_keep_the_count_true():
    slot = open_slot(booking_service(capacity=2))
    holders = [resident_user(age=66), resident_user(age=67)]
    booked = [book(slot, booker_for(p.user, p)) for p in holders]
    newcomers = [resident_user(age=68 + i) for i in range(6)]
    from luukku.booking.services import cancel

    attempts = [lambda a=a: cancel(Appointment.objects.get(pk=a.pk), a.booked_by) for a in booked]
    attempts += [lambda p=p: book(Slot.objects.get(pk=slot.pk), booker_for(p.user, p)) for p in newcomers]
    rush(attempts)
    live = Appointment.objects.filter(slot=slot, status="booked").count()
    assert Slot.objects.get(pk=slot.pk).booked == live <= 2
