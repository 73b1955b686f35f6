"""A waiting conversation is work in its queue's unit (desk) until a professional takes it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from luukku.desk import services as desk
from luukku.desk.models import WorkItem
from luukku.identity.services import user_by_pk
from luukku.web import events

from .events import ConversationTaken, ConversationWaiting
from .models import Conversation


def on_waiting(event: ConversationWaiting) -> None:
    conversation = Conversation.objects.select_related("queue__unit", "person").get(pk=event.conversation_id)
    if conversation.status != Conversation.Status.WAITING:
        return  # taken before this was delivered
    who = conversation.person.full_name if conversation.person else _("Anonymous")
    desk.submit(
        WorkItem.Kind.CHAT,
        f"chat:{conversation.public_id}",
        conversation.queue.unit,
        _("Chat waiting: %(who)s (%(queue)s)") % {"who": who, "queue": conversation.queue.name},
        reverse("chat:professional", args=[conversation.public_id]),
        client=conversation.person,
        priority=WorkItem.Priority.HIGH,
    )


def title(item: WorkItem) -> str | None:
    """The queue item's title in the reader's language, the queue's name too."""
    conversation = (
        Conversation.objects.select_related("queue", "person")
        .filter(public_id=item.source.partition(":")[2])
        .first()
    )
    if conversation is None:
        return None
    who = conversation.person.full_name if conversation.person else _("Anonymous")
    return _("Chat waiting: %(who)s (%(queue)s)") % {"who": who, "queue": conversation.queue.local_name}


def on_taken(event: ConversationTaken) -> None:
    conversation = Conversation.objects.get(pk=event.conversation_id)
    desk.close_source(f"chat:{conversation.public_id}", user_by_pk(event.user_id))


def connect() -> None:
    from luukku.desk.registry import register_work_title

    register_work_title("chat", title)
    events.subscribe(ConversationWaiting, "chat.work", on_waiting)
    events.subscribe(ConversationTaken, "chat.work", on_taken)
