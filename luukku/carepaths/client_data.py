"""What care paths tell the access policy and the own-data export about their client data."""

from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.access.policy import category_of_unit, work_roles
from luukku.access.registry import CareRelationship
from luukku.identity.models import Resident
from luukku.identity.services import units_below

from .models import ClientPath, PathTemplate

RELATIONSHIP_LABEL = _("the team of the client's care path")


def scope(path: ClientPath) -> tuple[str, str]:
    return category_of_unit(path.team), f"carepath:{path.template.code}"


def team_of_path(user: AbstractBaseUser, client: Resident) -> Iterator[CareRelationship]:
    """Professionals of the path's team (its unit and the units under it) while the path is active."""
    units = {r.unit_id for r in work_roles(user)}
    if not units:
        return
    for path in ClientPath.objects.filter(person=client, status=ClientPath.Status.ACTIVE).select_related(
        "team"
    ):
        if units & set(units_below([path.team])):
            yield CareRelationship("care_path", path.team)


def service_event_category(service_event: str) -> str | None:
    if not service_event.startswith("carepath:"):
        return None
    code = service_event.removeprefix("carepath:")
    template = PathTemplate.objects.filter(code=code).select_related("team").first()
    return category_of_unit(template.team) if template else None


def event_scope(data: dict) -> tuple[str, str]:
    template = PathTemplate.objects.filter(code=data.get("template", "")).select_related("team").first()
    category = category_of_unit(template.team) if template else "health"
    return category, f"carepath:{data.get('template', '')}"


def as_json(path: ClientPath) -> dict:
    def when(value) -> str | None:
        return value.isoformat() if value else None

    return {
        "path": path.template.name,
        "phase": path.phase,
        "status": path.status,
        "started_at": when(path.started_at),
        "tasks": [
            {"task": t.display_title, "status": t.status, "due_at": when(t.due_at), "result": t.result}
            for t in path.tasks.all()
        ],
        "messages": [
            {"at": when(m.created_at), "from_team": m.from_team, "text": m.body} for m in path.messages.all()
        ],
    }


def summary(path: ClientPath) -> str:
    started = timezone.localtime(path.started_at).strftime("%d.%m.%Y")
    return f"{path.template.name} · {path.get_status_display()} · {started}"
