"""The inbox over the JSON API: the resident's threads (own and those they act for), one thread's
messages (reading marks them read), and a message to the unit where the thread allows it."""

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from luukku.web.api_errors import errors
from luukku.web.api_fields import Text
from luukku.web.routes import Audience, route
from luukku.web.text import MAX_MESSAGE
from luukku.web.validation import has_control_characters

from . import services
from .forms import SEARCH_LENGTH

router = Router(tags=["inbox"])


class ThreadOut(Schema):
    id: uuid.UUID
    person: uuid.UUID
    on_behalf: str  # self, guardian, mandate
    subject: str
    unread: int
    last_message_at: dt.datetime
    replies_allowed: bool


class MessageOut(Schema):
    id: uuid.UUID
    kind: str
    sender: str
    from_me: bool
    body: str
    link: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class WriteIn(Schema):
    body: Text(MAX_MESSAGE, multiline=True)


def _resident(request) -> None:
    if getattr(request.user, "resident", None) is None:
        raise HttpError(401, _("Identify yourself to see your messages."))


def _thread(request, public_id: uuid.UUID):
    try:
        return services.thread_for_resident(request.user, str(public_id))
    except PermissionDenied:
        raise HttpError(404, _("No such message.")) from None


def _message(message) -> MessageOut:
    return MessageOut(
        id=message.public_id,
        kind=message.kind,
        sender=message.sender,
        from_me=message.from_resident,
        body=message.body,
        link=message.link,
        created_at=message.created_at,
        read_at=message.read_at,
    )


@route(Audience.RESIDENT, "own")
@router.get("/threads", response={200: list[ThreadOut], **errors(401, 422)})
def threads(request, q: str = ""):
    """Threads newest first; `q` searches subjects and messages."""
    _resident(request)
    if len(q) > SEARCH_LENGTH or has_control_characters(q):
        raise HttpError(
            422, _("Search with at most %(limit)s ordinary characters.") % {"limit": SEARCH_LENGTH}
        )
    return [
        ThreadOut(
            id=t.public_id,
            person=box.person.public_id,
            on_behalf=box.basis,
            subject=t.subject,
            unread=t.unread,
            last_message_at=t.last_message_at,
            replies_allowed=t.replies_allowed and t.unit_id is not None,
        )
        for box in services.boxes(request.user, q)
        for t in box.threads
    ]


@route(Audience.RESIDENT, "own")
@router.get("/threads/{public_id}", response={200: list[MessageOut], **errors(401, 404)})
def thread_messages(request, public_id: uuid.UUID):
    _resident(request)
    thread = _thread(request, public_id)
    services.mark_read(thread, request.user)
    return [_message(m) for m in services.messages_of(thread)]


@route(Audience.RESIDENT, "own")
@router.post("/threads/{public_id}/messages", response={201: MessageOut, **errors(401, 403, 404, 422)})
def write(request, public_id: uuid.UUID, payload: WriteIn):
    """A message to the unit of the thread: 403 where the service does not take messages."""
    _resident(request)
    thread = _thread(request, public_id)
    try:
        message = services.write_to_unit(thread, request.user, payload.body)
    except PermissionDenied as refused:
        raise HttpError(403, str(refused)) from None
    except ValidationError as invalid:
        raise HttpError(422, " ".join(invalid.messages)) from None
    return Status(201, _message(message))
