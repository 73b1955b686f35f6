"""A pre-information form answered for an appointment becomes work for the appointment's unit: the
professional reviews it before the visit (desk)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from luukku.desk import services as desk
from luukku.desk.models import WorkItem
from luukku.desk.registry import register_work_titles
from luukku.questionnaires.events import QuestionnaireAnswered
from luukku.questionnaires.models import Activation, Response
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
            review_title(response, appointment),
            reverse("questionnaires:professional_response", args=[response.public_id]),
            client=response.person,
            due_at=appointment.slot.starts_at,
        )


def review_title(response: Response, appointment: Appointment) -> str:
    return _("%(form)s to review: %(person)s, %(service)s") % {
        "form": response.definition.title,
        "person": response.person.full_name,
        "service": appointment.service.local_name,
    }


def titles(items: list[WorkItem]) -> dict[int, str]:
    """Pre-information forms to review, titled in the reader's language (the form's and the service's
    names too)."""
    by_id = {item.source.partition(":")[2]: item.pk for item in items}
    activations = Activation.objects.filter(
        response__public_id__in=by_id,
        response__recipient_unit__isnull=True,
        source__startswith="appointment:",
    ).select_related("response__definition", "response__person")
    by_appointment = {a.source.partition(":")[2]: a.response for a in activations if a.response.person}
    appointments = Appointment.objects.select_related("service").filter(public_id__in=by_appointment)
    return {
        by_id[str(response.public_id)]: review_title(response, appointment)
        for appointment in appointments
        if (response := by_appointment[str(appointment.public_id)])
    }


def connect() -> None:
    events.subscribe(QuestionnaireAnswered, "booking.form_review", on_answered)
    register_work_titles("response", titles)
