"""What feedback tells the access policy and the own-data export about its client data.

Survey answers are not client data: they are stored without the answerer. Free-form feedback from an
identified resident and every formal complaint may reveal the client's care ("my mother's hip
operation was cancelled twice"), so it is data of the target unit's sector: health care data for a
health care unit, social care data for a social care unit (Client Data Act 703/2023 § 4). Complaint
documents are kept apart from the patient records (Decree 298/2009 § 20 / 94/2022), so the service
event is "feedback", never the unit's care events.
"""

import datetime as dt
from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.access.policy import category_of_unit, work_roles
from luukku.access.registry import CareRelationship
from luukku.identity.models import Resident
from luukku.identity.services import units_below

RELATIONSHIP_LABEL = _("handles the client's feedback or complaint")
HANDLING_AFTER = dt.timedelta(days=90)  # the relationship lasts this long after the reply


def scope(feedback) -> tuple[str, str]:
    return category_of_unit(feedback.unit), "feedback"


def handler_of_feedback(user: AbstractBaseUser, client: Resident) -> Iterator[CareRelationship]:
    """Professionals of the unit the client's feedback is addressed to (or a unit above it), while it is
    open and HANDLING_AFTER after its reply."""
    from .models import Feedback

    roles = work_roles(user)
    if not roles:
        return
    below = set(units_below([r.unit for r in roles]))
    since = timezone.now() - HANDLING_AFTER
    for feedback in Feedback.objects.filter(person=client).select_related("unit"):
        if feedback.unit_id in below and (feedback.replied_at is None or feedback.replied_at >= since):
            yield CareRelationship("feedback", feedback.unit)


def event_scope(data: dict) -> tuple[str, str]:
    from luukku.identity.models import OrgUnit

    unit = OrgUnit.objects.filter(code=data.get("unit", "")).first()
    return (category_of_unit(unit) if unit else "health"), "feedback"


def as_json(feedback) -> dict:
    def when(value) -> str | None:
        return value.isoformat() if value else None

    return {
        "kind": feedback.kind,
        "target": feedback.target.name,
        "text": feedback.text,
        "received_at": when(feedback.received_at),
        "status": feedback.status,
        "reply": feedback.reply,
        "replied_at": when(feedback.replied_at),
        "decision": feedback.decision,
    }


def summary(feedback) -> str:
    received = timezone.localtime(feedback.received_at).strftime("%d.%m.%Y")
    kind, status = feedback.get_kind_display(), feedback.get_status_display()
    return f"{kind} · {feedback.target.name} · {received} · {status}"
