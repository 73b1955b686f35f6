"""Limits against abuse of booking: the quick phone times can be booked without identification, and
every booking sends a text message to whatever number was typed in.

- Anonymous bookings: at most 5 per client address in 10 minutes (`luukku.web.throttle`).
- Text messages a booking or a cancellation sends to one number: at most 3 an hour when nobody is
  identified, 10 an hour for identified residents (a guardian booking for several children). A
  booking over the limit is refused with the minutes to wait; a cancellation still happens, without
  the text. Professionals' bookings are not limited.
- Times held: one person (an identified resident, or an anonymous booker by phone number) holds at
  most `HELD_PER_WEEK` live bookings of one service that needs no identification in one week.
"""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import ngettext_lazy

from luukku.web import throttle

from .models import Appointment, Service

HELD_PER_WEEK = 2
TOO_MANY_TEXTS = ngettext_lazy(
    "Too many text messages have been sent to this number in a short time. Try again in %(minutes)d minute.",
    "Too many text messages have been sent to this number in a short time. Try again in %(minutes)d minutes.",
    "minutes",
)
ANONYMOUS_BOOKINGS_PER_ADDRESS = throttle.Limit("booking.anonymous.address", 5, dt.timedelta(minutes=10))
TEXTS_PER_NUMBER_ANONYMOUS = throttle.Limit(
    "booking.texts.anonymous", 3, dt.timedelta(hours=1), message=TOO_MANY_TEXTS
)
TEXTS_PER_NUMBER = throttle.Limit(
    "booking.texts.identified", 10, dt.timedelta(hours=1), message=TOO_MANY_TEXTS
)

Spent = list[tuple[throttle.Limit, str]]


def _texts_limit(anonymous: bool) -> throttle.Limit:
    return TEXTS_PER_NUMBER_ANONYMOUS if anonymous else TEXTS_PER_NUMBER


def spend_booking(booked_as: str, address: str, phone: str) -> Spent:
    """Count a booking attempt against the limits; raises throttle.Throttled when over one.

    Returns the text-message hit, to be given back if the booking is refused after all (the address
    keeps its count: a refused attempt is an attempt).
    """
    if booked_as == Appointment.BookedAs.PROFESSIONAL:
        return []
    anonymous = booked_as == Appointment.BookedAs.ANONYMOUS
    if anonymous and address:
        throttle.hit(ANONYMOUS_BOOKINGS_PER_ADDRESS, address)
    if not phone:
        return []
    throttle.hit(_texts_limit(anonymous), phone)
    return [(_texts_limit(anonymous), phone)]


def give_back(spent: Spent) -> None:
    for limit, key in spent:
        throttle.refund(limit, key)


def may_text_cancellation(appointment: Appointment, by_professional: bool) -> bool:
    """Whether a cancellation's text may go to the booking's number (it counts when it does)."""
    if not appointment.contact_phone or by_professional:
        return True
    try:
        throttle.hit(_texts_limit(appointment.person is None), appointment.contact_phone)
    except throttle.Throttled:
        return False
    return True


def held_in_week(
    service: Service,
    person,
    phone: str,
    day: dt.date,
    ignoring: Appointment | None = None,
) -> int:
    """Live bookings of the service in the week (Monday to Sunday) of `day` held by the person, or by
    the phone number when nobody is identified."""
    monday = day - dt.timedelta(days=day.weekday())
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(monday, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time.min, tzinfo=zone)
    held: QuerySet[Appointment] = Appointment.objects.filter(
        service=service, status=Appointment.Status.BOOKED, slot__starts_at__gte=start, slot__starts_at__lt=end
    )
    if person is not None:
        held = held.filter(person=person)
    elif phone:
        held = held.filter(person__isnull=True, contact_phone=phone)
    else:
        return 0
    if ignoring is not None:
        held = held.exclude(pk=ignoring.pk)
    return held.count()
