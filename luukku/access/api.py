import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from luukku.web.api_errors import errors
from luukku.web.api_fields import Label
from luukku.web.routes import Audience, route

from . import services
from .labels import basis_label

router = Router(tags=["access"], auth=django_auth)


class AccessLogOut(Schema):
    at: dt.datetime
    professional: str
    role: Label
    unit: str
    what: Label
    purpose: Label
    basis: Label


@router.get("/access-log", response={200: list[AccessLogOut], **errors(401, 403)})
@route(Audience.RESIDENT, "access_log")
def my_access_log(request):
    """Who has used the personal data of the person whose matters the resident handles now, and on
    what basis (a guardian does not see a minor's own service events)."""
    if getattr(request.user, "resident", None) is None:
        raise HttpError(403, _("Only residents have this view."))
    return [
        AccessLogOut(
            at=e.at,
            professional=e.actor_name,
            role=str(e.role_label),
            unit=e.actor_unit,
            what=str(e.what_label),
            purpose=str(e.get_purpose_display()),
            basis=basis_label(e.basis),
        )
        for e in services.access_log_for(request.user, request.acting_for)
    ]
