import datetime as dt

import pytest
from django.utils import timezone

from luukku.booking.models import Appointment, Service
from luukku.booking.tests.factories import booked
from luukku.feedback import services, triggers
from luukku.feedback.models import Invitation
from luukku.identity.models import OrgUnit, Professional
from luukku.identity.personas import BY_KEY
from luukku.identity.services import resident_from_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def appointment(personas):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    service, _created = Service.objects.get_or_create(
        code="test-vastaanotto",
        defaults={"unit": OrgUnit.objects.get(code="rmk-terveysasema"), "name": "Vastaanotto"},
    )
    made = booked(lempi, service, Professional.objects.get(user__username="hoitaja.riikka"), days=2)
    Appointment.objects.filter(pk=made.pk).update(contact_phone="+358401234567")
    return made


def test_the_appointment_trigger_resolves_the_event(appointment):
    happened = triggers.appointment_event(str(appointment.pk))
    assert happened.unit.code == "rmk-terveysasema" and happened.phone == "+358401234567"
    assert happened.ends_at == appointment.slot.starts_at + dt.timedelta(
        minutes=appointment.service.duration_minutes
    )


def test_an_appointment_is_asked_about_after_it_was_held(appointment):
    after = appointment.slot.starts_at + dt.timedelta(hours=1)
    assert services.invite_after("appointment", str(appointment.pk), appointment.slot.starts_at) is None
    invitation = services.invite_after("appointment", str(appointment.pk), after)
    assert (
        invitation.survey_key == "palaute-vastaanotto" and invitation.target.unit.code == "rmk-terveysasema"
    )


def test_a_cancelled_appointment_is_not_asked_about(appointment):
    Appointment.objects.filter(pk=appointment.pk).update(status=Appointment.Status.CANCELLED)
    assert (
        services.invite_after("appointment", str(appointment.pk), timezone.now() + dt.timedelta(days=5))
        is None
    )
    assert not Invitation.objects.exists()


def test_booking_schedules_the_invitation_for_after_the_appointment(
    appointment, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from luukku.booking.events import AppointmentBooked
    from luukku.web import events

    with django_capture_on_commit_callbacks(execute=True):
        events.publish(AppointmentBooked(appointment.pk))
    queued = DBTaskResult.objects.get(task_path="luukku.feedback.tasks.send_invitation")
    assert queued.args_kwargs["args"] == ["appointment", str(appointment.pk)]
    assert queued.run_after == appointment.slot.starts_at + dt.timedelta(
        minutes=appointment.service.duration_minutes, hours=2
    )


def test_an_ended_care_path_is_asked_about_the_next_day(personas, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    from luukku.carepaths import services as carepaths
    from luukku.carepaths.tests.factories import care_path
    from luukku.testing import resident_user

    person = resident_user(age=60)
    path = care_path(person)
    assert triggers.care_path_event(str(path.pk)) is None  # not ended: nothing to ask about
    with django_capture_on_commit_callbacks(execute=True):
        carepaths.end_path(path, None)
    path.refresh_from_db()
    happened = triggers.care_path_event(str(path.pk))
    assert happened.unit == path.team and happened.person == person and happened.ends_at == path.ended_at
    queued = DBTaskResult.objects.get(task_path="luukku.feedback.tasks.send_invitation")
    assert queued.args_kwargs["args"] == ["care_path", str(path.pk)]
    assert queued.run_after == path.ended_at + dt.timedelta(days=1)
