from django.db import transaction
from django.tasks import task
from django.utils import timezone


@task()
def remind_task(task_id: int, due_at: str) -> str:
    """At the task's due time: a message to the client's thread and the same reminder to the team."""
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    from luukku.audit.services import record_event

    from .models import ClientTask, PathMessage, TeamTask
    from .services import new_team_task

    with transaction.atomic():
        item = (
            ClientTask.objects.select_for_update(of=("self",))
            .select_related("path__person", "path__team", "template_task")
            .filter(pk=task_id, status=ClientTask.Status.OPEN, reminded_at__isnull=True)
            .first()
        )
        if item is None or item.due_at is None or item.due_at.isoformat() != due_at:
            return "skipped"  # done, removed, already reminded, or rescheduled (a new reminder is queued)
        path = item.path
        with override(path.person.language):
            reminder = PathMessage.objects.create(
                path=path,
                from_team=True,
                automatic=True,
                body=_("Reminder: %(task)s") % {"task": item.display_title},
            )
        new_team_task(
            path=path,
            team=path.team,
            kind=TeamTask.Kind.REMINDER,
            summary=_("%(person)s: %(task)s is due")
            % {"person": path.person.full_name, "task": item.display_title},
            task=item,
        )
        item.reminded_at = timezone.now()
        item.save(update_fields=["reminded_at"])
        from luukku.web import events

        from .events import PathMessagePosted

        events.publish(PathMessagePosted(reminder.pk))
        record_event(
            "carepath.reminded", subject=path.person, template=path.template.code, path=str(path.public_id)
        )
    return "sent"
