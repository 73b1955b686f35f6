"""What booking tells the access policy and the own-data export about its client data."""

import datetime as dt
from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.access.policy import category_of_unit
from luukku.access.registry import CareRelationship
from luukku.identity.models import Resident

from .models import Appointment

# A booked appointment makes the professional the client's carer from a month before it (preparing,
# reading the pre-information) to a month after it (results, follow-up). Client Data Act 703/2023 § 13.
RELATIONSHIP_BEFORE = dt.timedelta(days=30)
RELATIONSHIP_AFTER = dt.timedelta(days=30)


def scope(appointment: Appointment) -> tuple[str, str]:
    """An appointment is data of its service's unit's sector, in the service's service event."""
    return category_of_unit(appointment.service.unit), appointment.service.code


def booked_with(user: AbstractBaseUser, client: Resident) -> Iterator[CareRelationship]:
    now = timezone.now()
    appointments = Appointment.objects.filter(
        person=client,
        status=Appointment.Status.BOOKED,
        slot__calendar__professional__user=user,
        slot__starts_at__gte=now - RELATIONSHIP_AFTER,
        slot__starts_at__lte=now + RELATIONSHIP_BEFORE,
    ).select_related("slot__calendar__unit")
    for appointment in appointments:
        yield CareRelationship("appointment", appointment.slot.calendar.unit)


def service_event_of_appointment(public_id: str) -> str | None:
    """The service of the appointment a form was asked for (its pre-information form)."""
    from luukku.identity.services import is_uuid

    if not is_uuid(public_id):
        return None
    return Appointment.objects.filter(public_id=public_id).values_list("service__code", flat=True).first()


def service_event_category(code: str) -> str | None:
    from .models import Service

    service = Service.objects.filter(code=code).select_related("unit").first()
    return category_of_unit(service.unit) if service else None


def event_scope(data: dict) -> tuple[str, str]:
    from .models import Service

    service = Service.objects.filter(code=data.get("service", "")).select_related("unit").first()
    return (category_of_unit(service.unit) if service else "health"), data.get("service", "")


def as_json(appointment: Appointment) -> dict:
    return {
        "service": appointment.service.name,
        "starts_at": appointment.slot.starts_at.isoformat(),
        "status": appointment.status,
        "booked_as": appointment.booked_as,
    }


def summary(appointment: Appointment) -> str:
    when = timezone.localtime(appointment.slot.starts_at).strftime("%d.%m.%Y %H.%M")
    return f"{when} · {appointment.service.local_name} · {appointment.get_status_display()}"


RELATIONSHIP_LABEL = _("a booked appointment")
