import datetime as dt

import pytest

from luukku.booking.calendars import HELSINKI, block_period, generate_slots, holiday_name
from luukku.booking.models import AvailabilityTemplate, Calendar, CalendarException, Slot
from luukku.booking.services import Booker, book
from luukku.booking.tests.factories import booking_service
from luukku.testing import ProfessionalFactory, resident_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar():
    service = booking_service(duration_minutes=20)
    calendar = Calendar.objects.create(professional=ProfessionalFactory(), unit=service.unit)
    for weekday in range(5):
        AvailabilityTemplate.objects.create(
            calendar=calendar,
            service=service,
            weekday=weekday,
            start_time=dt.time(8),
            end_time=dt.time(9),
            valid_from=dt.date(2026, 1, 1),
        )
    return calendar


def local_days(slots) -> set[dt.date]:
    return {s.starts_at.astimezone(HELSINKI).date() for s in slots}


def test_weekly_template_gives_slots_on_weekdays_only(calendar):
    created = generate_slots(calendar, dt.date(2027, 2, 1), dt.date(2027, 2, 7))  # Mon-Sun, no holidays
    assert created == 5 * 3
    starts = sorted(
        s.starts_at.astimezone(HELSINKI).time()
        for s in calendar.slots.filter(starts_at__date=dt.date(2027, 2, 1))
    )
    assert starts == [dt.time(8), dt.time(8, 20), dt.time(8, 40)]


def test_generation_is_idempotent(calendar):
    generate_slots(calendar, dt.date(2027, 2, 1), dt.date(2027, 2, 5))
    assert generate_slots(calendar, dt.date(2027, 2, 1), dt.date(2027, 2, 5)) == 0
    assert calendar.slots.count() == 15


def test_finnish_holidays_are_closed(calendar):
    generate_slots(calendar, dt.date(2026, 12, 21), dt.date(2026, 12, 27))  # Christmas week
    days = local_days(calendar.slots.all())
    assert days == {dt.date(2026, 12, 21), dt.date(2026, 12, 22), dt.date(2026, 12, 23)}
    assert holiday_name(dt.date(2026, 12, 24)) == "Jouluaatto"
    assert holiday_name(dt.date(2027, 6, 25)) == "Juhannusaatto"
    assert holiday_name(dt.date(2027, 1, 6)) == "Loppiainen"


def test_template_open_on_holidays(calendar):
    calendar.templates.update(open_on_holidays=True)
    generate_slots(calendar, dt.date(2026, 12, 24), dt.date(2026, 12, 24))
    assert calendar.slots.count() == 3


def test_wall_clock_times_survive_daylight_saving_change(calendar):
    generate_slots(calendar, dt.date(2027, 10, 29), dt.date(2027, 11, 1))  # summer time ends Sun 31 October
    for slot in calendar.slots.all():
        assert slot.starts_at.astimezone(HELSINKI).time() in {dt.time(8), dt.time(8, 20), dt.time(8, 40)}
    offsets = {slot.starts_at.astimezone(HELSINKI).utcoffset() for slot in calendar.slots.all()}
    assert offsets == {dt.timedelta(hours=3), dt.timedelta(hours=2)}
    assert calendar.slots.count() == 6


def test_blocking_closes_slots_and_reports_bookings_to_move(calendar):
    generate_slots(calendar, dt.date(2027, 2, 1), dt.date(2027, 2, 5))
    slot = calendar.slots.get(starts_at=dt.datetime(2027, 2, 2, 8, 20, tzinfo=HELSINKI))
    person = resident_user(age=40)
    appointment = book(slot, Booker(person.user, person, "self"))
    affected = block_period(
        calendar,
        dt.datetime(2027, 2, 2, 8, tzinfo=HELSINKI),
        dt.datetime(2027, 2, 2, 12, tzinfo=HELSINKI),
        "koulutus",
    )
    assert affected == [appointment]
    assert calendar.slots.filter(blocked=True).count() == 3
    generate_slots(calendar, dt.date(2027, 2, 1), dt.date(2027, 2, 5))  # regeneration keeps them closed
    assert calendar.slots.filter(blocked=True).count() == 3


def test_extra_opening_adds_slots(calendar):
    service = calendar.templates.first().service
    CalendarException.objects.create(
        calendar=calendar,
        kind="extra",
        service=service,
        starts_at=dt.datetime(2027, 2, 6, 10, tzinfo=HELSINKI),
        ends_at=dt.datetime(2027, 2, 6, 11, tzinfo=HELSINKI),
    )
    generate_slots(calendar, dt.date(2027, 2, 6), dt.date(2027, 2, 6))  # a Saturday
    assert Slot.objects.filter(calendar=calendar).count() == 3


def test_expired_template_gives_nothing(calendar):
    calendar.templates.update(valid_until=dt.date(2027, 1, 31))
    assert generate_slots(calendar, dt.date(2027, 2, 1), dt.date(2027, 2, 5)) == 0
