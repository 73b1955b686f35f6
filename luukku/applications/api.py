"""Applications over the JSON API: the resident's applications (own and those they act for), one
application with its thread and decision (the signature verified), and an answer in its thread."""

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from luukku.identity.services import acting_options
from luukku.web.api_errors import errors
from luukku.web.api_fields import Text
from luukku.web.routes import Audience, route
from luukku.web.text import MAX_MESSAGE

from . import services
from .definitions import BY_KEY

router = Router(tags=["applications"])


class ApplicationOut(Schema):
    id: uuid.UUID
    person: uuid.UUID
    reference: str
    type: str
    title: str
    status: str
    received_at: dt.datetime
    decided_at: dt.datetime | None


class MessageOut(Schema):
    at: dt.datetime
    from_applicant: bool
    body: str


class DecisionOut(Schema):
    outcome: str
    body: str
    legal_basis: str
    appeal: str
    approved_at: dt.datetime
    signature_valid: bool
    signed_by: str


class ApplicationDetailOut(ApplicationOut):
    thread: list[MessageOut]
    decision: DecisionOut | None


class AnswerIn(Schema):
    body: Text(MAX_MESSAGE, multiline=True)


def _resident(request) -> None:
    if getattr(request.user, "resident", None) is None:
        raise HttpError(401, _("Identify yourself to see your applications."))


def _out(application) -> dict:
    kind = BY_KEY[application.kind]
    return {
        "id": application.public_id,
        "person": application.person.public_id,
        "reference": application.reference,
        "type": application.kind,
        "title": kind.title(request_language()),
        "status": application.status,
        "received_at": application.received_at,
        "decided_at": application.decided_at,
    }


def request_language() -> str:
    from django.utils.translation import get_language

    return (get_language() or "fi")[:2]


def _application(request, public_id: uuid.UUID):
    try:
        return services.for_resident(request.user, str(public_id))
    except Http404:
        raise HttpError(404, _("No such application.")) from None


@route(Audience.RESIDENT, "own")
@router.get("/applications", response={200: list[ApplicationOut], **errors(401)})
def applications(request):
    _resident(request)
    return [
        _out(a)
        for option in acting_options(request.user)
        for a in services.visible_to_resident(request.user, option.person)
    ]


@route(Audience.RESIDENT, "own")
@router.get("/applications/{public_id}", response={200: ApplicationDetailOut, **errors(401, 404)})
def application(request, public_id: uuid.UUID):
    _resident(request)
    found = _application(request, public_id)
    decision = getattr(found, "decision", None)
    decision_out = None
    if decision is not None and decision.approved_at:
        verification = services.verify(decision)
        decision_out = {
            "outcome": decision.outcome,
            "body": decision.body,
            "legal_basis": decision.legal_basis,
            "appeal": decision.appeal,
            "approved_at": decision.approved_at,
            "signature_valid": verification.valid,
            "signed_by": verification.signer,
        }
    return {
        **_out(found),
        "thread": [
            {"at": m.at, "from_applicant": m.from_resident, "body": m.body} for m in found.thread.all()
        ],
        "decision": decision_out,
    }


@route(Audience.RESIDENT, "own")
@router.post("/applications/{public_id}/messages", response={201: MessageOut, **errors(401, 403, 404, 422)})
def answer(request, public_id: uuid.UUID, payload: AnswerIn):
    """More information in the application's thread (answers a request for it)."""
    _resident(request)
    found = _application(request, public_id)
    try:
        message = services.give_info(found, request.user, payload.body)
    except PermissionDenied as refused:
        raise HttpError(403, str(refused)) from None
    except ValidationError as invalid:
        raise HttpError(422, " ".join(invalid.messages)) from None
    return Status(201, {"at": message.at, "from_applicant": True, "body": message.body})
