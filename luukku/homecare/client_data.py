"""What home care tells the access policy: its data's category and the home-visit care relationship."""

from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.access.registry import CareRelationship
from luukku.identity.models import Resident

from .models import Visit

RELATIONSHIP_LABEL = _("today's home visit")


def scope(item: object) -> tuple[str, str]:
    """Home-care data (visits, notes, door openings) is health data of the home-care service event."""
    return "health", "homecare"


def home_visit_today(user: AbstractBaseUser, client: Resident) -> Iterator[CareRelationship]:
    """A nurse with a visit to the client today (first or second nurse, not cancelled) is the client's
    carer for the day (Client Data Act 703/2023 § 13: access by the care relationship)."""
    visits = (
        Visit.objects.filter(client__person=client, day=timezone.localdate())
        .filter(Q(nurse__professional__user=user) | Q(second_nurse__professional__user=user))
        .exclude(status=Visit.Status.CANCELLED)
        .select_related("nurse__unit", "second_nurse__unit")
    )
    for visit in visits[:1]:
        # The nurse's own home-care unit: her role there is the one logged.
        nurse = (
            visit.nurse if visit.nurse and visit.nurse.professional.user_id == user.pk else visit.second_nurse
        )
        yield CareRelationship("home_visit", nurse.unit)


def visits_of(person: Resident) -> list:
    return list(
        Visit.objects.filter(client__person=person)
        .exclude(status=Visit.Status.CANCELLED)
        .order_by("-window_start")
    )


def visit_as_json(visit: Visit) -> dict:
    return {
        "id": str(visit.public_id),
        "day": visit.day.isoformat(),
        "window_start": visit.window_start.isoformat(),
        "window_end": visit.window_end.isoformat(),
        "status": visit.status,
        "tasks": visit.tasks,
        "tasks_done": visit.tasks_done,
        "notes": visit.notes,
        "remote": visit.remote,
        "door_openings": [o.opened_at.isoformat() for o in visit.openings.all()],
    }


def visit_summary(visit: Visit) -> str:
    return f"{visit.day:%d.%m.%Y} {visit.get_status_display()}"


def event_scope(data: dict) -> tuple[str, str]:
    return "health", "homecare"
