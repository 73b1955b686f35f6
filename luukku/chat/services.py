"""Chat queues, conversations and their messages. Every change is broadcast to the conversation's
WebSocket group after the transaction commits; internal consultation messages reach professionals only."""

import datetime as dt

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from luukku.access.categories import Category
from luukku.access.policy import (
    CROSSING_SCOPE,
    AccessDenied,
    Decision,
    category_of_unit,
    decide,
    refused,
    work_roles,
)
from luukku.access.registry import consent_allows
from luukku.audit.services import record_event
from luukku.identity.models import Resident
from luukku.identity.rules import Matter, acts_for
from luukku.web import events, throttle
from luukku.web.holidays import holiday_name
from luukku.web.images import MAX_BYTES as MAX_PICTURE_BYTES
from luukku.web.images import clean_picture
from luukku.web.text import clean_message

from . import client_data
from .events import ConversationClosed, ConversationTaken, ConversationWaiting
from .models import ChatMessage, ChatQueue, Conversation

MAX_ATTACHMENT = MAX_PICTURE_BYTES

WELCOME = gettext_noop("Welcome. A professional will answer you soon; please stay on this page.")
ENDED = gettext_noop("The conversation has ended. Thank you.")
ENDED_BY_CLIENT = gettext_noop("The client ended the chat.")


def group_name(conversation: Conversation) -> str:
    return f"chat-{conversation.public_id}"


# --- Opening hours and routing ----------------------------------------------------------------------


def is_open(queue: ChatQueue, at: dt.datetime | None = None) -> bool:
    local = timezone.localtime(at or timezone.now())
    if holiday_name(local.date()) and not queue.open_on_holidays:
        return False
    hours = queue.hours.get(str(local.weekday()))
    if not hours:
        return False
    start, end = (dt.time.fromisoformat(h) if h != "24:00" else dt.time.max for h in hours)
    return start <= local.time() < end


def open_queue(queue: ChatQueue, at: dt.datetime | None = None) -> ChatQueue | None:
    """The queue if it is open, else the first open one along its chain of alternatives."""
    seen = set()
    while queue is not None and queue.pk not in seen:
        if is_open(queue, at):
            return queue
        seen.add(queue.pk)
        queue = queue.alternative
    return None


def next_opening(queue: ChatQueue, at: dt.datetime | None = None) -> dt.datetime | None:
    local = timezone.localtime(at or timezone.now())
    for days in range(0, 15):
        day = local.date() + dt.timedelta(days=days)
        hours = queue.hours.get(str(day.weekday()))
        if not hours or (holiday_name(day) and not queue.open_on_holidays):
            continue
        start = dt.datetime.combine(day, dt.time.fromisoformat(hours[0]), tzinfo=local.tzinfo)
        if start > local:
            return start
    return None


# --- Broadcasting -----------------------------------------------------------------------------------


def _payload(message: ChatMessage) -> dict:
    author = message.author.get_short_name() if message.author and message.sender == "professional" else ""
    return {
        "type": "chat.message",
        "id": message.pk,
        "sender": message.sender,
        "internal": message.internal,
        "author": author or "",
        "body": _(message.body) if message.sender == "system" and message.body else message.body,
        "attachment": reverse("chat:attachment", args=[message.pk]) if message.attachment else "",
        "at": timezone.localtime(message.created_at).strftime("%H.%M"),
    }


REPLAY_MAX = 500  # a reconnecting socket gets at most this many missed messages (the page has the rest)


def messages_since(conversation: Conversation, after_id: int, professional: bool) -> list[dict]:
    """What a reconnecting participant missed while its connection was down: the messages posted after
    `after_id`, as the socket sends them (consultations between professionals only to professionals).
    Asked after the socket has joined the conversation's group, so nothing falls between the two; a
    message that arrives both ways is shown once (the page keys messages by id)."""
    found = conversation.messages.filter(pk__gt=after_id).select_related("author").order_by("pk")
    if not professional:
        found = found.filter(internal=False)
    return [_payload(message) for message in found[:REPLAY_MAX]]


def _broadcast(conversation: Conversation, payload: dict) -> None:
    layer = get_channel_layer()
    if layer is not None:
        transaction.on_commit(lambda: async_to_sync(layer.group_send)(group_name(conversation), payload))


def _message(
    conversation: Conversation,
    sender: str,
    body: str,
    author: AbstractBaseUser | None = None,
    internal: bool = False,
    attachment=None,
) -> ChatMessage:
    message = ChatMessage.objects.create(
        conversation=conversation,
        sender=sender,
        body=body,
        author=author,
        internal=internal,
        attachment=attachment or "",
    )
    _broadcast(conversation, _payload(message))
    return message


# --- Access -----------------------------------------------------------------------------------------


def _served_queue_units(user: AbstractBaseUser, roles: list | None = None) -> set[int]:
    """A queue belongs to a unit; its client-work professionals and those of the units under it answer it."""
    return {
        unit.pk
        for role in (work_roles(user) if roles is None else roles)
        for unit in role.unit.ancestors_and_self()
    }


def is_professional_in(user: AbstractBaseUser, conversation: Conversation) -> bool:
    """Whether the user answers this conversation's queue, holds it, or was consulted in it."""
    if not user.is_authenticated or getattr(user, "resident", None) is not None:
        return False
    roles = work_roles(user)  # asked once per decision (the socket asks again every few seconds)
    if not roles:
        return False
    if conversation.assignee_id == user.pk:
        return True
    if conversation.queue.unit_id in _served_queue_units(user, roles):
        return True
    return conversation.consultants.filter(pk=user.pk).exists()


def professional_decision(
    user: AbstractBaseUser, conversation: Conversation, what: str = "chat", log: bool = True
) -> Decision:
    """The access decision for a professional reading or writing in a conversation.

    An anonymous conversation has no client: the queue's professionals may answer it. A client's
    conversation is read through the queue's unit (the client contacted it) or a care relationship,
    and the health/social line holds; the decision is logged.
    """
    if not is_professional_in(user, conversation):
        reason = _("You do not have the right to see this conversation.")
        if conversation.person is not None and log and user.is_authenticated:
            category, _event = client_data.scope(conversation)
            return refused(
                user, conversation.person, category, what=what, basis="not_in_queue", reason=reason
            )
        return Decision(False, "no_basis", reason)
    if conversation.person is None:
        return Decision(True, "contacted_unit")
    category, service_event = client_data.scope(conversation)
    return decide(
        user,
        conversation.person,
        category,
        what=what,
        via_unit=conversation.queue.unit,
        service_event=service_event,
        log=log,
    )


def may_take_over(colleague: AbstractBaseUser, conversation: Conversation) -> bool:
    """Whether a colleague could read this conversation (asked before handing it over; not logged)."""
    if not work_roles(colleague):
        return False
    if conversation.person is None:
        return conversation.queue.unit_id in _served_queue_units(colleague)
    category, service_event = client_data.scope(conversation)
    return decide(
        colleague,
        conversation.person,
        category,
        what="chat",
        via_unit=conversation.queue.unit,
        service_event=service_event,
        log=False,
    ).allowed


def may_move_to(conversation: Conversation, queue: ChatQueue) -> bool:
    """Across the health/social line a client's conversation (its history goes with it) moves only with
    the client's consent for the receiving unit (Client Data Act 703/2023 § 15-17)."""
    category = client_data.scope(conversation)[0]
    if conversation.person is None or category_of_unit(queue.unit) == category:
        return True
    scope = CROSSING_SCOPE.get(category)
    return scope is not None and consent_allows(conversation.person, scope, queue.unit)


def require_professional(user: AbstractBaseUser, conversation: Conversation, what: str = "chat") -> Decision:
    decision = professional_decision(user, conversation, what)
    if not decision:
        raise AccessDenied(decision.reason)
    return decision


def may_join(user: AbstractBaseUser, session_keys: list[str], conversation: Conversation) -> bool:
    """Whether the resident's side of the conversation is theirs: the browser that started an anonymous
    one, or a resident who may act for the client in this chat. Professionals answer through the
    professional view, where the access policy decides and logs."""
    if conversation.person_id is None:
        return str(conversation.public_id) in session_keys
    if user.is_authenticated and getattr(user, "resident", None) is not None:
        return acts_for(user, Matter(conversation.person, f"chat:{conversation.queue.code}"))
    return False


def _check_writer(conversation: Conversation, user: AbstractBaseUser | None, as_professional: bool) -> None:
    """Each message is checked again (a role or mandate may have ended since the page was opened);
    the reading was logged when the conversation was opened, so messages are not logged one by one."""
    if as_professional:
        decision = professional_decision(user, conversation, log=False) if user else None
        if not decision:
            raise AccessDenied(decision.reason if decision else "")
    elif conversation.person is not None and not (
        user is not None
        and user.is_authenticated
        and acts_for(user, Matter(conversation.person, f"chat:{conversation.queue.code}"))
    ):
        raise AccessDenied(_("You do not have the right to see this conversation."))


# --- Conversations ----------------------------------------------------------------------------------


# An anonymous chat puts work in a nurse's queue: one address starts at most this many (a library's or a
# school's shared address included) before it waits.
ANONYMOUS_CHATS_PER_ADDRESS = throttle.Limit("chat.anonymous.address", 10, dt.timedelta(minutes=10))


@transaction.atomic
def start(
    queue: ChatQueue,
    person: Resident | None,
    user: AbstractBaseUser | None,
    context: dict | None = None,
    caller: str = "",
) -> Conversation:
    """Open a conversation in the queue; an anonymous one counts against the caller's address (`caller`,
    throttle.address_key) and raises throttle.Throttled over the limit."""
    if not is_open(queue):
        raise ValidationError(_("The chat is closed now."))
    if person is None and caller:
        throttle.hit(ANONYMOUS_CHATS_PER_ADDRESS, caller)
    conversation = Conversation.objects.create(
        queue=queue,
        category=category_of_unit(queue.unit),
        service_event=f"chat:{queue.code}",
        person=person,
        context=context or {},
        started_by=user if user and user.is_authenticated else None,
    )
    # System texts without names are stored as their English msgid and translated when shown.
    _message(conversation, "system", WELCOME)
    record_event("chat.started", subject=person, queue=queue.code, context=bool(context))
    events.publish(ConversationWaiting(conversation.pk))
    return conversation


@transaction.atomic
def post(
    conversation: Conversation,
    user: AbstractBaseUser | None,
    body: str,
    as_professional: bool,
    internal: bool = False,
    recheck: bool = True,
) -> ChatMessage:
    """`recheck=False` only from the WebSocket consumer, which decides the writer's right itself on a
    short timer (RECHECK_SECONDS) instead of for each message of a fast conversation."""
    if conversation.status == Conversation.Status.CLOSED:
        raise ValidationError(_("This conversation has ended."))
    if internal and not as_professional:
        raise PermissionDenied
    if recheck:
        _check_writer(conversation, user, as_professional)
    return _message(
        conversation,
        "professional" if as_professional else "resident",
        clean_message(body),
        author=user if user and user.is_authenticated else None,
        internal=internal,
    )


@transaction.atomic
def attach(
    conversation: Conversation, user: AbstractBaseUser | None, upload, as_professional: bool
) -> ChatMessage:
    if conversation.status == Conversation.Status.CLOSED:
        raise ValidationError(_("This conversation has ended."))
    _check_writer(conversation, user, as_professional)
    picture = clean_picture(upload)  # JPEG/PNG by content, re-encoded without metadata, generated name
    return _message(
        conversation,
        "professional" if as_professional else "resident",
        "",
        author=user if user and user.is_authenticated else None,
        attachment=picture.file,
    )


def waiting(queues: list[ChatQueue]) -> QuerySet[Conversation]:
    return Conversation.objects.filter(queue__in=queues, status=Conversation.Status.WAITING).order_by(
        "created_at"
    )


def queues_for(user: AbstractBaseUser) -> QuerySet[ChatQueue]:
    return ChatQueue.objects.filter(unit__in=_served_queue_units(user)).order_by("name")


@transaction.atomic
def take_next(user: AbstractBaseUser, queue: ChatQueue | None = None) -> Conversation | None:
    """The professional takes the longest-waiting conversation of their queues (or of one queue)."""
    queues = [queue] if queue else list(queues_for(user))
    conversation = waiting(queues).select_for_update(skip_locked=True, of=("self",)).first()
    if conversation is None:
        return None
    require_professional(user, conversation)  # the opening of the client's conversation is logged
    return _take(conversation, user)


@transaction.atomic
def take(conversation: Conversation, user: AbstractBaseUser) -> Conversation | None:
    """Take this waiting conversation; None if someone else took it first (the row is locked)."""
    locked = (
        Conversation.objects.select_for_update(of=("self",))
        .filter(pk=conversation.pk, status=Conversation.Status.WAITING)
        .select_related("queue__unit", "person")
        .first()
    )
    if locked is None:
        return None
    require_professional(user, locked)
    return _take(locked, user)


def _take(conversation: Conversation, user: AbstractBaseUser) -> Conversation:
    conversation.assignee, conversation.status = user, Conversation.Status.ACTIVE
    fields = ["assignee", "status"]
    if conversation.taken_at is None:  # the resident's wait ends when the first professional answers
        conversation.taken_at = timezone.now()
        fields.append("taken_at")
    conversation.save(update_fields=fields)
    _message(conversation, "system", _("%(name)s joined the conversation.") % {"name": user.get_short_name()})
    waited = round((conversation.taken_at - conversation.created_at).total_seconds())
    record_event(
        "chat.taken", subject=conversation.person, actor=user, queue=conversation.queue.code, waited=waited
    )
    events.publish(ConversationTaken(conversation.pk, conversation.assignee_id))
    return conversation


@transaction.atomic
def transfer(
    conversation: Conversation,
    by: AbstractBaseUser,
    to_queue: ChatQueue | None = None,
    to_user: AbstractBaseUser | None = None,
) -> None:
    """Hand the conversation on with its history: to another queue (it waits there) or a professional."""
    require_professional(by, conversation, what="chat_transfer")
    if to_queue is not None and not may_move_to(conversation, to_queue):
        raise ValidationError(
            _(
                "The conversation holds %(sector)s information: it moves to a queue of the other sector only "
                "with the client's consent."
            )
            % {"sector": Category(client_data.scope(conversation)[0]).label}
        )
    if to_user is not None and (to_user.pk == by.pk or not may_take_over(to_user, conversation)):
        raise ValidationError(_("This colleague may not take over this conversation."))
    if to_queue is not None:
        conversation.queue, conversation.assignee, conversation.status = (
            to_queue,
            None,
            Conversation.Status.WAITING,
        )
        conversation.save(update_fields=["queue", "assignee", "status"])
        _message(
            conversation,
            "system",
            _(
                "The conversation was transferred to %(queue)s. The history goes with it; "
                "please wait for the next professional."
            )
            % {"queue": to_queue.name},
        )
        record_event("chat.transferred", subject=conversation.person, actor=by, queue=to_queue.code)
        events.publish(ConversationWaiting(conversation.pk))
    elif to_user is not None:
        conversation.assignee = to_user
        conversation.save(update_fields=["assignee"])
        _message(
            conversation,
            "system",
            _("The conversation was transferred to %(name)s.") % {"name": to_user.get_short_name()},
        )
        record_event("chat.transferred", subject=conversation.person, actor=by, to_user=True)


@transaction.atomic
def consult(conversation: Conversation, by: AbstractBaseUser, colleague: AbstractBaseUser) -> None:
    """Ask a colleague in: only a client-work professional of the queue's unit (or the units under it)
    who may see this client's data of this kind; the colleague's own reads are logged when they open it."""
    require_professional(by, conversation, what="chat_consult")
    if colleague.pk == by.pk or conversation.queue.unit_id not in _served_queue_units(colleague):
        raise ValidationError(_("Only a colleague who answers this queue can be consulted."))
    if not may_take_over(colleague, conversation):
        raise ValidationError(_("This colleague may not see this client's information."))
    conversation.consultants.add(colleague)
    _message(
        conversation,
        "system",
        _("%(name)s asked %(colleague)s to consult.")
        % {"name": by.get_short_name(), "colleague": colleague.get_short_name()},
        internal=True,
    )


@transaction.atomic
def close(conversation: Conversation, by: AbstractBaseUser, summary: str) -> None:
    """End the conversation; its transcript and summary stay in the client record."""
    require_professional(by, conversation, what="chat_close")
    if not summary.strip():
        raise ValidationError(_("Write a summary before closing."))
    summary = clean_message(summary)
    conversation.status, conversation.closed_at = Conversation.Status.CLOSED, timezone.now()
    conversation.summary = summary
    conversation.save(update_fields=["status", "closed_at", "summary"])
    _message(conversation, "system", ENDED)
    record_event("chat.closed", subject=conversation.person, actor=by, queue=conversation.queue.code)
    events.publish(ConversationTaken(conversation.pk, by.pk))
    events.publish(ConversationClosed(conversation.pk))


def end_by_resident(
    conversation: Conversation, user: AbstractBaseUser | None, session_keys: list[str]
) -> None:
    """The resident (or the browser that holds an anonymous chat) ends the chat; a waiting chat leaves
    the queue. Professionals write the summary of an answered chat afterwards from the transcript."""
    if not may_join(user, session_keys, conversation):
        raise PermissionDenied(_("You do not have the right to see this conversation."))
    updated = Conversation.objects.filter(pk=conversation.pk).exclude(status=Conversation.Status.CLOSED)
    if not updated.update(status=Conversation.Status.CLOSED, closed_at=timezone.now()):
        raise ValidationError(_("This conversation has ended."))
    conversation.status = Conversation.Status.CLOSED
    _message(conversation, "system", ENDED_BY_CLIENT)
    record_event("chat.ended_by_client", subject=conversation.person, queue=conversation.queue.code)
    events.publish(ConversationTaken(conversation.pk, None))  # it leaves the queue (and the work queue)


# Without a record of past waits the estimate assumes this long per chat ahead in the queue.
DEFAULT_MINUTES_PER_CHAT = 10


def queue_position(conversation: Conversation) -> int | None:
    """1 for the next to be answered; None when the chat is not waiting."""
    if conversation.status != Conversation.Status.WAITING:
        return None
    ahead = Conversation.objects.filter(
        queue=conversation.queue, status=Conversation.Status.WAITING, created_at__lt=conversation.created_at
    ).count()
    return ahead + 1


def _minutes_per_chat(queue_id: int, now: dt.datetime) -> float:
    recent = Conversation.objects.filter(
        queue_id=queue_id, closed_at__gte=now - dt.timedelta(days=7), assignee__isnull=False
    ).values_list("created_at", "closed_at")
    lengths = [(closed - created).total_seconds() / 60 for created, closed in recent]
    return sum(lengths) / len(lengths) if lengths else DEFAULT_MINUTES_PER_CHAT


def _wait_for(position: int, per_chat: float) -> int:
    minutes = max(per_chat * (position - 1), 1)
    return int(-(-minutes // 5) * 5)


def estimated_wait(conversation: Conversation, now: dt.datetime | None = None) -> int | None:
    """Minutes until a professional answers, roughly: the chats ahead times the queue's average chat
    length over the past week (10 minutes when there is none), rounded up to 5 minutes; None when
    the chat is not waiting."""
    position = queue_position(conversation)
    if position is None:
        return None
    return _wait_for(position, _minutes_per_chat(conversation.queue_id, now or timezone.now()))


def queue_standing(now: dt.datetime | None = None) -> list[tuple[Conversation, int, int]]:
    """Every waiting chat with its place in its queue and estimated wait: (conversation, position,
    minutes), in two queries per queue with waiting chats."""
    now = now or timezone.now()
    standing, per_chat, places = [], {}, {}
    for conversation in Conversation.objects.filter(status=Conversation.Status.WAITING).order_by(
        "queue_id", "created_at"
    ):
        queue_id = conversation.queue_id
        if queue_id not in per_chat:
            per_chat[queue_id] = _minutes_per_chat(queue_id, now)
        places[queue_id] = position = places.get(queue_id, 0) + 1
        standing.append((conversation, position, _wait_for(position, per_chat[queue_id])))
    return standing


def announce_queue_standing(left: int | None = None) -> int:
    """Tell every waiting chat its place in the queue (the resident's page updates without a reload);
    run after a chat leaves a queue (`left`: its id, told it is out of the queue) or joins one.
    Returns how many were told."""
    layer = get_channel_layer()
    if layer is None:
        return 0
    out = Conversation.objects.filter(pk=left).exclude(status=Conversation.Status.WAITING)
    if left is not None and (gone := out.first()) is not None:
        payload = {"type": "chat.queue", "position": None, "minutes": None}
        async_to_sync(layer.group_send)(group_name(gone), payload)
    standing = queue_standing()
    for conversation, position, minutes in standing:
        payload = {"type": "chat.queue", "position": position, "minutes": minutes}
        async_to_sync(layer.group_send)(group_name(conversation), payload)
    return len(standing)


def visible_messages(conversation: Conversation, professional: bool) -> QuerySet[ChatMessage]:
    messages = conversation.messages.select_related("author")
    return messages if professional else messages.filter(internal=False)


def conversations_of(person: Resident) -> QuerySet[Conversation]:
    return Conversation.objects.filter(person=person).select_related("queue").order_by("-created_at")
