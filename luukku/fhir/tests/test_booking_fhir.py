import datetime as dt

import pytest
from django.utils import timezone
from fhir.resources.R4B.appointment import Appointment as FhirAppointment
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.schedule import Schedule

from luukku.audit.models import AccessLogEntry
from luukku.booking.models import Calendar, Slot
from luukku.booking.services import book, booker_for
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.identity.models import Role
from luukku.testing import OrgUnitFactory, professional, resident, resident_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked():
    person = resident_user(age=70)
    slot = open_slot(booking_service(capacity=2))
    return person, slot, book(slot, booker_for(person.user, person))


def test_schedule_and_slots_are_valid_fhir(client, booked):
    _person, slot, _appointment = booked
    schedule = client.get(f"/fhir/Schedule/{slot.calendar_id}")
    assert schedule["Content-Type"].startswith("application/fhir+json")
    Schedule.model_validate_json(schedule.content)
    day = timezone.localtime(slot.starts_at).date().isoformat()
    bundle = Bundle.model_validate_json(
        client.get(f"/fhir/Slot?schedule=Schedule/{slot.calendar_id}&start={day}").content
    )
    assert bundle.total == 1
    resource = bundle.entry[0].resource
    assert (resource.status, resource.comment) == ("free", "1/2 free")
    Slot.objects.filter(pk=slot.pk).update(booked=2)
    assert client.get(f"/fhir/Slot/{slot.pk}").json()["status"] == "busy"
    assert client.get("/fhir/Slot?status=free").json()["total"] == 0
    assert client.get(f"/fhir/Slot?start=ge{day}&start=lt2100-01-01").json()["total"] == 1


def test_bad_search_parameters_get_operation_outcome(client):
    answer = client.get("/fhir/Slot?start=yesterday")
    assert answer.status_code == 400 and answer.json()["resourceType"] == "OperationOutcome"
    assert client.get("/fhir/Slot?schedule=Practitioner/1").status_code == 400
    assert client.get("/fhir/Schedule/999999").status_code == 404


def test_resident_reads_own_appointment(client, booked):
    person, _slot, appointment = booked
    client.force_login(person.user)
    answer = client.get(f"/fhir/Appointment/{appointment.public_id}")
    resource = FhirAppointment.model_validate_json(answer.content)
    assert resource.status == "booked"
    assert resource.participant[0].actor.reference == f"Patient/{person.public_id}"
    bundle = client.get(f"/fhir/Appointment?patient=Patient/{person.public_id}").json()
    assert bundle["total"] == 1


def test_others_cannot_read_appointments(client, booked):
    person, _slot, appointment = booked
    assert client.get(f"/fhir/Appointment/{appointment.public_id}").status_code == 404
    client.force_login(resident_user(age=30).user)
    assert client.get(f"/fhir/Appointment/{appointment.public_id}").status_code == 404
    assert client.get(f"/fhir/Appointment?patient=Patient/{person.public_id}").json()["total"] == 0


def test_serving_professional_reads_and_is_logged(client, booked):
    person, _slot, appointment = booked
    nurse = professional(role=Role.NURSE, unit=OrgUnitFactory(municipality_codes=["109"]))
    client.force_login(nurse.user)
    assert client.get(f"/fhir/Appointment/{appointment.public_id}").status_code == 200
    assert AccessLogEntry.objects.filter(subject=person, what="appointments").count() == 1
    outsider = professional(role=Role.NURSE, unit=OrgUnitFactory(municipality_codes=["061"]))
    client.force_login(outsider.user)
    assert client.get(f"/fhir/Appointment/{appointment.public_id}").status_code == 404
    search = client.get(f"/fhir/Appointment?patient=Patient/{person.public_id}")
    assert search.status_code == 200 and search.json()["total"] == 0  # results are filtered by the policy
    assert AccessLogEntry.objects.filter(subject=person, actor=outsider.user, allowed=False).count() == 2
    assert resident(age=5) and Calendar.objects.count() == 1
    assert dt.date.today()
