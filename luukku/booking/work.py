"""A pre-information form answered for an appointment becomes work for the appointment's unit: the
professional reviews it before the visit (desk)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from luukku.desk import services as desk
from luukku.desk.models import WorkItem
from luukku.questionnaires.events import QuestionnaireAnswered
from luukku.questionnaires.models import Response
from luukku.questionnaires.services import activation_sources
from luukku.web import events

from .models import Appointment
from .services import appointment_by_public_id


def on_answered(event: QuestionnaireAnswered) -> None:
    response = Response.objects.select_related("definition", "person").get(pk=event.response_id)
    if response.person is None or response.recipient_unit is not None:
        return
    for source in activation_sources(response):
        kind, _sep, public_id = source.partition(":")
        appointment = appointment_by_public_id(public_id) if kind == "appointment" else None
        if appointment is None or appointment.status != Appointment.Status.BOOKED:
            continue
        desk.submit(
            WorkItem.Kind.FORM_REVIEW,
            f"response:{response.public_id}",
            appointment.slot.calendar.unit,
            _("%(form)s to review: %(person)s, %(service)s")
            % {
                "form": response.definition.title,
                "person": response.person.full_name,
                "service": appointment.service.name,
            },
            reverse("questionnaires:professional_response", args=[response.public_id]),
            client=response.person,
            due_at=appointment.slot.starts_at,
        )


def connect() -> None:
    events.subscribe(QuestionnaireAnswered, "booking.form_review", on_answered)
