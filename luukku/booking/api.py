import datetime as dt
import uuid

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from luukku.identity.rules import Matter, acts_for
from luukku.web import throttle
from luukku.web.api_errors import errors
from luukku.web.api_fields import Day, Email, Id, Phone, Text
from luukku.web.routes import Audience, route
from luukku.web.validation import max_length

from . import services
from .models import Appointment, Service, Slot

router = Router(tags=["booking"])


class ServiceOut(Schema):
    code: str
    name: str
    description: str
    appointment_type: str
    duration_minutes: int
    location: str
    requires_authentication: bool


class SlotOut(Schema):
    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    free: int
    unit: str


class BookIn(Schema):
    slot: Id
    phone: Phone = ""
    email: Email(max_length(Appointment, "contact_email")) = ""
    name: Text(max_length(Appointment, "contact_name")) = ""


class AppointmentOut(Schema):
    id: uuid.UUID
    service: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    booked_as: str
    manage_token: str | None = None


def _booker(request) -> services.Booker:
    person = request.acting_for if getattr(request.user, "resident", None) is not None else None
    return services.booker_for(request.user, person or None, throttle.address_key(request))


def _service(service: Service) -> ServiceOut:
    return ServiceOut(
        code=service.code,
        name=service.local_name,
        description=service.local_description,
        appointment_type=service.appointment_type,
        duration_minutes=service.duration_minutes,
        location=service.location or service.unit.name,
        requires_authentication=service.requires_authentication,
    )


def _appointment(appointment: Appointment, with_token: bool = False) -> AppointmentOut:
    return AppointmentOut(
        id=appointment.public_id,
        service=appointment.service.code,
        starts_at=appointment.slot.starts_at,
        ends_at=appointment.slot.ends_at,
        status=appointment.status,
        booked_as=appointment.booked_as,
        manage_token=appointment.manage_token if with_token else None,
    )


@route(Audience.PUBLIC, "none")
@router.get("/services", response=list[ServiceOut])
def bookable_services(request):
    """Services the caller may book now: for the person they act for, or anonymous ones."""
    return [_service(s) for s in services.bookable_services(_booker(request), timezone.localdate())]


@route(Audience.PUBLIC, "none")
@router.get("/services/{code}/slots", response={200: list[SlotOut], **errors(404, 422)})
def free_slots(request, code: str, start: Day | None = None, days: int = 7):
    service = get_object_or_404(Service, code=code, active=True)
    first_day = max(start or timezone.localdate(), timezone.localdate())
    return [
        SlotOut(id=s.pk, starts_at=s.starts_at, ends_at=s.ends_at, free=s.free, unit=s.calendar.unit.name)
        for s in services.free_slots(service, first_day, min(max(days, 1), 31))
    ]


@route(Audience.RESIDENT_OR_ANONYMOUS, "own")
@router.post("/appointments", response={201: AppointmentOut, **errors(400, 403, 404, 409, 422, 429)})
def book(request, payload: BookIn):
    """Book a slot. 409 with a reason code when the rules or a full slot refuse it."""
    slot = get_object_or_404(Slot.objects.select_related("service"), pk=payload.slot)
    booker = _booker(request)
    if booker.person is None and not (payload.phone and payload.name.strip()):
        raise HttpError(400, _("Give your name and phone number to book without identification."))
    try:
        appointment = services.book(slot, booker, payload.phone, payload.email, payload.name)
    except services.BookingRefused as refused:
        raise HttpError(409, f"{refused.code}: {refused.message}") from None
    return Status(201, _appointment(appointment, with_token=booker.person is None))


@route(Audience.RESIDENT, "own")
@router.get("/appointments", response={200: list[AppointmentOut], **errors(401)})
def my_appointments(request):
    booker = _booker(request)
    if booker.person is None:
        raise HttpError(401, _("Identify yourself to see your appointments."))
    return [
        _appointment(a)
        for a in services.appointments_of(booker.person)
        if acts_for(request.user, Matter(a.person, a.service.code))
    ]


@route(Audience.RESIDENT, "own")
@router.post("/appointments/{public_id}/cancel", response={200: AppointmentOut, **errors(403, 404, 409, 422)})
def cancel(request, public_id: uuid.UUID):
    appointment = get_object_or_404(
        Appointment.objects.select_related("slot", "service"), public_id=public_id
    )
    if appointment.person is None or not acts_for(
        request.user, Matter(appointment.person, appointment.service.code)
    ):
        raise HttpError(404, _("No such appointment."))
    try:
        services.cancel(appointment, request.user)
    except services.BookingRefused as refused:
        raise HttpError(409, f"{refused.code}: {refused.message}") from None
    appointment.refresh_from_db()
    return _appointment(appointment)
