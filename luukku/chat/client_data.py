"""What chat tells the access policy and the own-data export about its client data."""

import datetime as dt
from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.access.policy import category_of_unit
from luukku.access.registry import CareRelationship
from luukku.identity.models import Resident

from .models import ChatQueue, Conversation

RELATIONSHIP_LABEL = _("a chat the professional answered or was consulted in")
# The professional who answered (or was consulted) may return to the client for a week: to call back,
# book a time, finish the record. Client Data Act 703/2023 § 13.
AFTER_CLOSING = dt.timedelta(days=7)


def scope(conversation: Conversation) -> tuple[str, str]:
    """The category and service event of the queue where the conversation started."""
    return (
        conversation.category or category_of_unit(conversation.queue.unit),
        conversation.service_event or f"chat:{conversation.queue.code}",
    )


def answered_chat(user: AbstractBaseUser, client: Resident) -> Iterator[CareRelationship]:
    recent = Q(closed_at__isnull=True) | Q(closed_at__gte=timezone.now() - AFTER_CLOSING)
    conversations = (
        Conversation.objects.filter(recent, Q(assignee=user) | Q(consultants=user), person=client)
        .select_related("queue__unit")
        .distinct()
    )
    for conversation in conversations:
        yield CareRelationship("chat", conversation.queue.unit)


def service_event_category(service_event: str) -> str | None:
    if not service_event.startswith("chat:"):
        return None
    queue = ChatQueue.objects.filter(code=service_event.removeprefix("chat:")).select_related("unit").first()
    return category_of_unit(queue.unit) if queue else None


def event_scope(data: dict) -> tuple[str, str]:
    queue = ChatQueue.objects.filter(code=data.get("queue", "")).select_related("unit").first()
    return (category_of_unit(queue.unit) if queue else "health"), f"chat:{data.get('queue', '')}"


def as_json(conversation: Conversation) -> dict:
    return {
        "queue": conversation.queue.name,
        "started_at": conversation.created_at.isoformat(),
        "closed_at": conversation.closed_at.isoformat() if conversation.closed_at else None,
        "summary": conversation.summary,
        "messages": [
            {"at": m.created_at.isoformat(), "from": m.sender, "text": m.body, "picture": bool(m.attachment)}
            for m in conversation.messages.filter(internal=False).order_by("created_at")
        ],
    }


def summary(conversation: Conversation) -> str:
    started = timezone.localtime(conversation.created_at).strftime("%d.%m.%Y %H.%M")
    return f"{started} · {conversation.queue.local_name} · {conversation.get_status_display()}"
