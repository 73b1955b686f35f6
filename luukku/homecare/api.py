import datetime as dt
import uuid

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from luukku.access.policy import decide
from luukku.identity.services import active_roles
from luukku.web.api_errors import errors
from luukku.web.routes import Audience, route

from . import services

router = Router(tags=["homecare"])


class VisitOut(Schema):
    id: uuid.UUID
    planned_start: dt.datetime | None
    window_start: dt.datetime
    window_end: dt.datetime
    duration_minutes: int
    status: str
    two_person: bool
    remote: bool
    latitude: float
    longitude: float
    client_name: str | None  # only where the access policy allows it
    key_info: str | None
    tasks: list[str]


@route(Audience.PROFESSIONAL, "health")
@router.get("/day", response={200: list[VisitOut], **errors(401, 403)})
def my_day(request):
    """The signed-in nurse's published visits of today in order (the mobile view's data, for offline use)."""
    if not request.user.is_authenticated:
        raise HttpError(401, _("Sign in first."))
    if not active_roles(request.user):
        raise HttpError(403, _("You have no role in force in any unit."))
    out = []
    for visit in services.todays_visits(request.user):
        person = visit.client.person
        allowed = bool(
            decide(request.user, person, "health", what="homecare_visit", service_event="homecare")
        )
        out.append(
            VisitOut(
                id=visit.public_id,
                planned_start=visit.planned_start,
                window_start=visit.window_start,
                window_end=visit.window_end,
                duration_minutes=visit.duration_minutes,
                status=visit.status,
                two_person=visit.two_person,
                remote=visit.remote,
                latitude=visit.client.latitude,
                longitude=visit.client.longitude,
                client_name=person.full_name if allowed else None,
                key_info=visit.client.key_info if allowed else None,
                tasks=visit.tasks if allowed else [],
            )
        )
    return out
