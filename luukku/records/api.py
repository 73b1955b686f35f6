"""The retention schedule (public information under the Information Management Act 906/2019 § 28) and
the records officer's dry run, as JSON."""

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from luukku.web.api_errors import errors
from luukku.web.routes import Audience, route

from . import services
from .models import RecordClass

router = Router(tags=["records"])


class RecordClassOut(Schema):
    code: str
    name: str
    privacy_register: str
    retention_years: int | None
    retention_start: str
    counted_from_year_end: bool
    legal_basis: str
    publicity: str
    secrecy_ground: str
    personal_data: bool
    disposal: str


class DueRowOut(Schema):
    record_class: str
    record_type: str
    past_retention: int
    held: int
    due: int
    disposal: str


@route(Audience.PUBLIC, "none")
@router.get("/schedule", response={200: list[RecordClassOut]})
def schedule(request):
    """The county's retention schedule (tiedonohjaussuunnitelma)."""
    return [
        RecordClassOut(
            code=c.code,
            name=c.name,
            privacy_register=c.register,
            retention_years=c.retention_years,
            retention_start=c.retention_start,
            counted_from_year_end=c.counted_from_year_end,
            legal_basis=c.legal_basis,
            publicity=c.publicity,
            secrecy_ground=c.secrecy_ground,
            personal_data=c.personal_data,
            disposal=c.disposal,
        )
        for c in RecordClass.objects.all()
    ]


@route(Audience.PROFESSIONAL, "none")
@router.get("/dry-run", response={200: list[DueRowOut], **errors(401, 403)})
def dry_run(request):
    """What the retention job would destroy or archive today, per class and record type (counts)."""
    if not request.user.is_authenticated:
        raise HttpError(401, _("Sign in first."))
    if not services.is_records_officer(request.user):
        raise HttpError(403, _("Only a records officer may do this."))
    return [
        DueRowOut(
            record_class=row.record_class.code,
            record_type=row.record_type,
            past_retention=row.past_retention,
            held=row.held,
            due=row.due,
            disposal=row.disposal,
        )
        for row in services.dry_run()
    ]
