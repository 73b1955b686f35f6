import uuid

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from luukku.web.api_errors import errors
from luukku.web.routes import Audience, route

from . import services

router = Router(tags=["identity"], auth=django_auth)


class PersonOut(Schema):
    id: uuid.UUID
    name: str
    age: int
    basis: str | None = None


class MeOut(Schema):
    me: PersonOut
    acting_for: PersonOut
    may_act_for: list[PersonOut]


class SwitchIn(Schema):
    person: uuid.UUID


def _resident(request):
    resident = getattr(request.user, "resident", None)
    if resident is None:
        raise HttpError(403, _("Only residents have this view."))
    return resident


def _person(resident, basis: str | None = None) -> PersonOut:
    return PersonOut(id=resident.public_id, name=resident.full_name, age=resident.age(), basis=basis)


@router.get("/me", response={200: MeOut, **errors(401, 403)})
@route(Audience.RESIDENT, "own")
def me(request):
    """The signed-in resident, whose matters they handle now, and whom they may act for."""
    resident = _resident(request)
    options = services.acting_options(request.user)
    return MeOut(
        me=_person(resident),
        acting_for=_person(request.acting_for),
        may_act_for=[_person(o.person, o.basis) for o in options],
    )


@router.post("/acting-for", response={200: PersonOut, **errors(400, 401, 403, 422)})
@route(Audience.RESIDENT, "own")
def switch(request, payload: SwitchIn):
    _resident(request)
    try:
        target = services.switch_acting_for(request, str(payload.person))
    except PermissionDenied as denied:
        raise HttpError(403, str(denied)) from None
    return _person(target)
