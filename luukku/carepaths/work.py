"""The team's tasks of a care path are work in the team's queue (desk), closed at either end."""

from django.urls import reverse

from luukku.desk import services as desk
from luukku.desk.models import WorkItem
from luukku.desk.registry import WorkSource, register_work_source, register_work_titles
from luukku.identity.services import user_by_pk
from luukku.web import events

from .events import TeamTaskCreated, TeamTaskHandled
from .models import TeamTask
from .services import handle_team_task


def on_created(event: TeamTaskCreated) -> None:
    team_task = TeamTask.objects.select_related("path__person", "team").get(pk=event.team_task_id)
    desk.submit(
        WorkItem.Kind.CARE_PATH,
        f"teamtask:{team_task.pk}",
        team_task.team,
        team_task.shown_summary,
        reverse("carepaths:professional_path", args=[team_task.path.public_id]),
        client=team_task.path.person,
        priority=WorkItem.Priority.HIGH
        if team_task.kind == TeamTask.Kind.ROUTED
        else WorkItem.Priority.NORMAL,
    )


def on_handled(event: TeamTaskHandled) -> None:
    desk.close_source(f"teamtask:{event.team_task_id}", user_by_pk(event.user_id))


def close_at_origin(pk: str, user) -> None:
    team_task = (
        TeamTask.objects.select_related("path__person", "path__template", "path__team").filter(pk=pk).first()
    )
    if team_task is not None:
        handle_team_task(team_task, user, announce=False)


def titles(items: list[WorkItem]) -> dict[int, str]:
    """The team's tasks titled in the reader's language."""
    by_pk = {item.source.partition(":")[2]: item.pk for item in items}
    team_tasks = TeamTask.objects.select_related("path__person", "task__template_task").filter(
        pk__in=[pk for pk in by_pk if pk.isdigit()]
    )
    return {by_pk[str(team_task.pk)]: team_task.shown_summary for team_task in team_tasks}


def connect() -> None:
    events.subscribe(TeamTaskCreated, "carepaths.work", on_created)
    events.subscribe(TeamTaskHandled, "carepaths.work", on_handled)
    register_work_source(WorkSource("teamtask", close_at_origin))
    register_work_titles("teamtask", titles)
