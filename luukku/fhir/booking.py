"""Booking as FHIR R4: Calendar -> Schedule, Slot -> Slot, Appointment -> Appointment."""

import datetime as dt

from django.utils import timezone
from fhir.resources.R4B.appointment import Appointment as FhirAppointment
from fhir.resources.R4B.schedule import Schedule
from fhir.resources.R4B.slot import Slot as FhirSlot

from luukku.booking.models import Appointment, Calendar, Slot

STATUS = {Appointment.Status.BOOKED: "booked", Appointment.Status.CANCELLED: "cancelled"}
V2_0276 = "http://terminology.hl7.org/CodeSystem/v2-0276"  # the preferred binding of appointmentType
MODALITY_SYSTEM = "urn:luukku:appointment-type"  # in person, phone, video: not in v2-0276


def _service_concept(service) -> dict:
    return {"coding": [{"system": "urn:luukku:service", "code": service.code}], "text": service.name}


def schedule(calendar: Calendar, horizon_days: int = 56) -> Schedule:
    today = timezone.localdate()
    services = {t.service for t in calendar.templates.select_related("service")}
    return Schedule.model_validate(
        {
            "resourceType": "Schedule",
            "id": str(calendar.pk),
            "active": True,
            "serviceType": [_service_concept(s) for s in sorted(services, key=lambda s: s.code)],
            "actor": [
                {
                    "reference": f"Practitioner/{calendar.professional_id}",
                    "display": str(calendar.professional),
                },
                {"reference": f"Location/{calendar.unit.code}", "display": calendar.unit.name},
                *[
                    {"reference": f"HealthcareService/{s.code}", "display": s.name}
                    for s in sorted(services, key=lambda s: s.code)
                ],
            ],
            "planningHorizon": {
                "start": today.isoformat(),
                "end": (today + dt.timedelta(days=horizon_days)).isoformat(),
            },
        }
    )


def slot(slot: Slot) -> FhirSlot:
    status = "busy-unavailable" if slot.blocked else "free" if slot.booked < slot.capacity else "busy"
    return FhirSlot.model_validate(
        {
            "resourceType": "Slot",
            "id": str(slot.pk),
            "schedule": {"reference": f"Schedule/{slot.calendar_id}"},
            "serviceType": [_service_concept(slot.service)],
            "status": status,
            "start": timezone.localtime(slot.starts_at).isoformat(),
            "end": timezone.localtime(slot.ends_at).isoformat(),
            "comment": f"{slot.capacity - slot.booked}/{slot.capacity} free",
        }
    )


def appointment(appointment: Appointment) -> FhirAppointment:
    participants = [
        {
            "actor": {"reference": f"Practitioner/{appointment.slot.calendar.professional_id}"},
            "status": "accepted",
            "required": "required",
        }
    ]
    if appointment.person is not None:
        participants.insert(
            0,
            {
                "actor": {
                    "reference": f"Patient/{appointment.person.public_id}",
                    "display": appointment.person.full_name,
                },
                "status": "accepted",
                "required": "required",
            },
        )
    return FhirAppointment.model_validate(
        {
            "resourceType": "Appointment",
            "id": str(appointment.public_id),
            "status": STATUS[appointment.status],
            "serviceType": [_service_concept(appointment.service)],
            "appointmentType": {
                "coding": [
                    {"system": V2_0276, "code": "ROUTINE", "display": "Routine appointment"},
                    {"system": MODALITY_SYSTEM, "code": appointment.service.appointment_type},
                ],
                "text": appointment.service.get_appointment_type_display(),
            },
            "start": timezone.localtime(appointment.slot.starts_at).isoformat(),
            "end": timezone.localtime(appointment.slot.ends_at).isoformat(),
            "minutesDuration": appointment.service.duration_minutes,
            "slot": [{"reference": f"Slot/{appointment.slot_id}"}],
            "created": appointment.created_at.isoformat(),
            "participant": participants,
        }
    )
