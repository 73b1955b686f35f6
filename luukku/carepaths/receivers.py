"""Care paths listen to what residents do elsewhere (after it commits): answering a questionnaire or
booking a time completes the matching open task, and a routing questionnaire moves the path to its
phase."""

from luukku.booking.events import AppointmentBooked
from luukku.booking.models import Appointment
from luukku.questionnaires.events import QuestionnaireAnswered
from luukku.questionnaires.models import Response

from .models import ClientPath, ClientTask, TaskKind
from .services import complete_task, route_by_score


def _open_tasks(person, kind: str, **match):
    return ClientTask.objects.filter(
        path__person=person,
        path__status=ClientPath.Status.ACTIVE,
        kind=kind,
        status=ClientTask.Status.OPEN,
        **match,
    ).select_related("path__template")


def on_questionnaire_answered(event: QuestionnaireAnswered) -> None:
    response = Response.objects.select_related("definition", "person", "author").get(pk=event.response_id)
    if response.person is None:
        return
    key = response.definition.key
    for task in _open_tasks(response.person, TaskKind.QUESTIONNAIRE, questionnaire=key):
        complete_task(
            task,
            response.author,
            {"response": str(response.public_id), "scores": response.scores},
            guard=False,
        )
    for path in ClientPath.objects.filter(
        person=response.person, status=ClientPath.Status.ACTIVE, template__routing_questionnaire=key
    ).select_related("template"):
        for score in response.scores:
            route_by_score(path, score)


def on_appointment_booked(event: AppointmentBooked) -> None:
    appointment = Appointment.objects.select_related("person", "service", "booked_by").get(
        pk=event.appointment_id
    )
    if appointment.person is None:
        return
    for task in _open_tasks(appointment.person, TaskKind.BOOKING, service=appointment.service.code):
        complete_task(task, appointment.booked_by, {"appointment": str(appointment.public_id)}, guard=False)
