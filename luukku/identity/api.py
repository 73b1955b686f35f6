import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from luukku.audit.services import access_log_of

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


class AccessLogOut(Schema):
    at: dt.datetime
    professional: str
    role: str
    unit: str
    what: str
    purpose: str


def _resident(request):
    resident = getattr(request.user, "resident", None)
    if resident is None:
        raise HttpError(403, "Only residents have this view.")
    return resident


def _person(resident, basis: str | None = None) -> PersonOut:
    return PersonOut(id=resident.public_id, name=resident.full_name, age=resident.age(), basis=basis)


@router.get("/me", response=MeOut)
def me(request):
    """The signed-in resident, whose matters they handle now, and whom they may act for."""
    resident = _resident(request)
    options = services.acting_options(request.user)
    return MeOut(
        me=_person(resident),
        acting_for=_person(request.acting_for),
        may_act_for=[_person(o.person, o.basis) for o in options],
    )


@router.post("/acting-for", response=PersonOut)
def switch(request, payload: SwitchIn):
    _resident(request)
    try:
        target = services.switch_acting_for(request, str(payload.person))
    except PermissionDenied as denied:
        raise HttpError(403, str(denied)) from None
    return _person(target)


@router.get("/access-log", response=list[AccessLogOut])
def my_access_log(request):
    """Who has read the personal data of the person whose matters the resident handles now."""
    _resident(request)
    return [
        AccessLogOut(
            at=e.at,
            professional=e.actor_name,
            role=e.role_label,
            unit=e.actor_unit,
            what=e.what_label,
            purpose=e.get_purpose_display(),
        )
        for e in access_log_of(request.acting_for)
    ]
