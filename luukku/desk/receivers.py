"""Work arrives in the desk's queue from the other apps, and leaves it when handled at either end."""

from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.translation import gettext as _

from . import services
from .models import WorkItem

URGENT_NOTIFICATIONS = {"lastensuojeluilmoitus", "huoli-iakkaasta"}


def on_questionnaire_answered(sender, response, **kwargs) -> None:
    link = reverse("questionnaires:professional_response", args=[response.public_id])
    definition = response.definition
    if response.recipient_unit is not None:
        danger = response.answers.get("immediate-danger") == ["yes"]
        priority = (
            WorkItem.Priority.URGENT
            if danger
            else WorkItem.Priority.HIGH
            if definition.key in URGENT_NOTIFICATIONS
            else WorkItem.Priority.NORMAL
        )
        services.submit(
            WorkItem.Kind.NOTIFICATION,
            f"response:{response.public_id}",
            response.recipient_unit,
            definition.title,
            link,
            client=response.person,
            priority=priority,
        )
        return
    from luukku.booking.services import appointment_by_public_id
    from luukku.questionnaires.services import activation_sources

    for source in activation_sources(response):
        kind, _sep, public_id = source.partition(":")
        appointment = appointment_by_public_id(public_id) if kind == "appointment" else None
        if appointment is None or appointment.status != "booked":
            continue
        title = _("%(form)s to review: %(person)s, %(service)s") % {
            "form": definition.title,
            "person": response.person.full_name,
            "service": appointment.service.name,
        }
        services.submit(
            WorkItem.Kind.FORM_REVIEW,
            f"response:{response.public_id}",
            appointment.slot.calendar.unit,
            title,
            link,
            client=response.person,
            due_at=appointment.slot.starts_at,
        )


def on_team_task_saved(sender, instance, created, **kwargs) -> None:
    if not created:
        return
    path = instance.path
    priority = WorkItem.Priority.HIGH if instance.kind == "routed" else WorkItem.Priority.NORMAL
    services.submit(
        WorkItem.Kind.CARE_PATH,
        f"teamtask:{instance.pk}",
        instance.team,
        instance.summary,
        reverse("carepaths:professional_path", args=[path.public_id]),
        client=path.person,
        priority=priority,
    )


def on_conversation_waiting(sender, conversation, **kwargs) -> None:
    who = conversation.person.full_name if conversation.person else _("Anonymous")
    services.submit(
        WorkItem.Kind.CHAT,
        f"chat:{conversation.public_id}",
        conversation.queue.unit,
        _("Chat waiting: %(who)s (%(queue)s)") % {"who": who, "queue": conversation.queue.name},
        reverse("chat:professional", args=[conversation.public_id]),
        client=conversation.person,
        priority=WorkItem.Priority.HIGH,
    )


def on_conversation_taken(sender, conversation, **kwargs) -> None:
    services.close_source(f"chat:{conversation.public_id}", conversation.assignee)


def on_response_handled(sender, response, user, **kwargs) -> None:
    services.close_source(f"response:{response.public_id}", user)


def on_team_task_handled(sender, team_task, user, **kwargs) -> None:
    services.close_source(f"teamtask:{team_task.pk}", user)


def _close_response(public_id: str, user) -> None:
    from luukku.questionnaires.models import Response
    from luukku.questionnaires.services import mark_handled

    response = Response.objects.filter(public_id=public_id).first()
    if response is not None:
        mark_handled(response, user)


def _close_team_task(pk: str, user) -> None:
    from luukku.carepaths.models import TeamTask
    from luukku.carepaths.services import handle_team_task

    team_task = TeamTask.objects.filter(pk=pk).first()
    if team_task is not None:
        handle_team_task(team_task, user)


def connect() -> None:
    from luukku.carepaths.models import TeamTask
    from luukku.carepaths.signals import team_task_handled
    from luukku.chat.signals import conversation_taken, conversation_waiting
    from luukku.questionnaires.signals import questionnaire_answered, response_handled

    questionnaire_answered.connect(on_questionnaire_answered, dispatch_uid="desk-answered")
    response_handled.connect(on_response_handled, dispatch_uid="desk-response-handled")
    team_task_handled.connect(on_team_task_handled, dispatch_uid="desk-team-task-handled")
    post_save.connect(on_team_task_saved, sender=TeamTask, dispatch_uid="desk-team-task")
    conversation_waiting.connect(on_conversation_waiting, dispatch_uid="desk-chat-waiting")
    conversation_taken.connect(on_conversation_taken, dispatch_uid="desk-chat-taken")
    services.SOURCE_CLOSERS.update({"response": _close_response, "teamtask": _close_team_task})
