"""Slots derived from professionals' recurring availability, exceptions and Finnish public holidays."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q

from luukku.web.holidays import holiday_name

from .models import Appointment, AvailabilityTemplate, Calendar, CalendarException, Slot

HELSINKI = ZoneInfo("Europe/Helsinki")


def _local(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=HELSINKI)


def _steps(start: dt.datetime, end: dt.datetime, minutes: int):
    step = dt.timedelta(minutes=minutes)
    while start + step <= end:
        yield start, start + step
        start += step


def _slots_between(calendar: Calendar, service, start: dt.datetime, end: dt.datetime) -> list[Slot]:
    return [
        Slot(calendar=calendar, service=service, starts_at=s, ends_at=e, capacity=service.capacity)
        for s, e in _steps(start, end, service.duration_minutes)
    ]


def planned_slots(calendar: Calendar, first_day: dt.date, last_day: dt.date) -> list[Slot]:
    """The slots the templates and extra openings give for the days, before blocking."""
    templates = list(
        calendar.templates.select_related("service").filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=first_day),
            valid_from__lte=last_day,
            service__active=True,
        )
    )
    slots = []
    day = first_day
    while day <= last_day:
        closed = holiday_name(day) is not None
        for template in templates:
            if (
                template.weekday != day.weekday()
                or not (template.valid_from <= day)
                or (template.valid_until and day > template.valid_until)
                or (closed and not template.open_on_holidays)
            ):
                continue
            slots += _slots_between(
                calendar, template.service, _local(day, template.start_time), _local(day, template.end_time)
            )
        day += dt.timedelta(days=1)
    extras = calendar.exceptions.filter(
        kind=CalendarException.Kind.EXTRA,
        service__isnull=False,
        starts_at__date__lte=last_day,
        ends_at__date__gte=first_day,
    )
    for extra in extras.select_related("service"):
        slots += _slots_between(calendar, extra.service, extra.starts_at, extra.ends_at)
    return slots


@transaction.atomic
def generate_slots(calendar: Calendar, first_day: dt.date, last_day: dt.date) -> int:
    """Create the missing slots for the days (idempotent) and apply the blocked periods."""
    planned = planned_slots(calendar, first_day, last_day)
    existing = set(
        calendar.slots.filter(starts_at__in=[s.starts_at for s in planned]).values_list(
            "starts_at", flat=True
        )
    )
    new = [slot for slot in planned if slot.starts_at not in existing]
    Slot.objects.bulk_create(new, ignore_conflicts=True)
    for blocked in calendar.exceptions.filter(kind=CalendarException.Kind.BLOCKED):
        _block_slots(calendar, blocked.starts_at, blocked.ends_at)
    return len(new)


def _block_slots(calendar: Calendar, starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    calendar.slots.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).update(blocked=True)


@transaction.atomic
def block_period(calendar: Calendar, starts_at: dt.datetime, ends_at: dt.datetime, reason: str = "") -> list:
    """Close the calendar for a period; returns the live appointments that now need a new time."""
    CalendarException.objects.create(
        calendar=calendar,
        kind=CalendarException.Kind.BLOCKED,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
    )
    _block_slots(calendar, starts_at, ends_at)
    return list(
        Appointment.objects.filter(
            slot__calendar=calendar,
            slot__starts_at__lt=ends_at,
            slot__ends_at__gt=starts_at,
            status=Appointment.Status.BOOKED,
        )
    )


def generate_all(first_day: dt.date, days: int) -> int:
    last_day = first_day + dt.timedelta(days=days - 1)
    used = AvailabilityTemplate.objects.values_list("calendar_id", flat=True).distinct()
    return sum(
        generate_slots(calendar, first_day, last_day) for calendar in Calendar.objects.filter(pk__in=used)
    )
