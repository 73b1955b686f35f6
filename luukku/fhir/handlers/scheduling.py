"""Schedules and slots (Finnish Scheduling): public, no personal data."""

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest

from luukku.booking.models import Calendar, Slot
from luukku.web.routes import Audience

from .. import booking as booking_mapping
from .. import directory
from ..protocol import Stamped, stamp
from ..registry import Handler, Page, Param, register
from ..search import DATE, REFERENCE, TOKEN, Query, Value
from .common import (
    ID,
    Filters,
    apply,
    date_filter,
    int_id,
    int_reference,
    ordered,
    public_page,
    public_read,
    reference_to,
    token_code,
    token_in,
)


def _stamp_schedule(calendar: Calendar) -> Stamped:
    return stamp(booking_mapping.schedule(calendar), SCHEDULE.profile, None)


def _calendars() -> QuerySet:
    return Calendar.objects.select_related("professional__user", "unit").order_by("pk")


def _read_schedule(request: HttpRequest, resource_id: str) -> Stamped | None:
    return public_read(_calendars(), int_id(resource_id), _stamp_schedule)


def _schedule_actor(value: Value) -> Q:
    kind = value.text.rstrip("/").split("/")[-2] if "/" in value.text else ""
    if kind == "Location":
        return Q(unit__code=reference_to(value, "Location"))
    return int_reference(value, "Practitioner", "professional_id")


def _schedule_service(value: Value) -> Q:
    """A calendar offers a service by its availability templates or by the times made in it."""
    code = token_code(value, directory.SERVICE_SYSTEM)
    return Q(templates__service__code=code) | Q(slots__service__code=code)


def _search_schedule(request: HttpRequest, query: Query) -> Page:
    filters: Filters = {
        "_id": lambda v: int_id(v.text),
        "actor": _schedule_actor,
        "service-type": _schedule_service,
    }
    return public_page(apply(_calendars(), query, filters).distinct(), query, _stamp_schedule)


SCHEDULE = register(
    Handler(
        type="Schedule",
        profile=f"{directory.SCHEDULING}fi-scheduling-schedule",
        audience=Audience.PUBLIC,
        category="none",
        url_name="schedule",
        documentation="A professional's calendar in a unit.",
        read=_read_schedule,
        search=_search_schedule,
        params=(
            ID,
            Param("actor", REFERENCE, "Practitioner/<id> or Location/<unit>"),
            Param("service-type", TOKEN, "A service the calendar offers"),
        ),
    )
)


def _stamp_slot(slot: Slot) -> Stamped:
    return stamp(booking_mapping.slot(slot), SLOT.profile, None)


def _read_slot(request: HttpRequest, resource_id: str) -> Stamped | None:
    return public_read(Slot.objects.select_related("service"), int_id(resource_id), _stamp_slot)


SLOT_STATUS = {
    "free": Q(blocked=False, booked__lt=F("capacity")),
    "busy": Q(blocked=False, booked__gte=F("capacity")),
    "busy-unavailable": Q(blocked=True),
}


def _search_slot(request: HttpRequest, query: Query) -> Page:
    filters: Filters = {
        "_id": lambda v: int_id(v.text),
        "schedule": lambda v: int_reference(v, "Schedule", "calendar_id"),
        "status": lambda v: token_in(v, "http://hl7.org/fhir/slotstatus", SLOT_STATUS, "status"),
        "service-type": lambda v: Q(service__code=token_code(v, directory.SERVICE_SYSTEM)),
        "start": date_filter("starts_at"),
    }
    items = ordered(
        apply(Slot.objects.select_related("service"), query, filters),
        query,
        {"start": "starts_at"},
        ["starts_at", "pk"],
    )
    return public_page(items, query, _stamp_slot)


SLOT = register(
    Handler(
        type="Slot",
        profile=f"{directory.SCHEDULING}fi-scheduling-slot",
        audience=Audience.PUBLIC,
        category="none",
        url_name="slot",
        documentation="A bookable time in a schedule.",
        read=_read_slot,
        search=_search_slot,
        params=(
            ID,
            Param("schedule", REFERENCE, "Schedule/<id>"),
            Param("status", TOKEN, "free | busy | busy-unavailable"),
            Param("service-type", TOKEN, "The service (urn:luukku:service)"),
            Param("start", DATE, "The start of the time"),
        ),
        sorts=("start",),
    )
)
