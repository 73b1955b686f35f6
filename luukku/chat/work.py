"""A waiting conversation is work in its queue's unit (desk) until a professional takes it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from luukku.desk import services as desk
from luukku.desk.models import WorkItem
from luukku.identity.services import user_by_pk
from luukku.web import events

from .events import ConversationTaken, ConversationWaiting
from .models import Conversation
from .services import announce_queue_standing


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


def titles(items: list[WorkItem]) -> dict[int, str]:
    """Queue items' titles in the reader's language, the queue's name too."""
    by_id = {item.source.partition(":")[2]: item.pk for item in items}
    conversations = Conversation.objects.select_related("queue", "person").filter(public_id__in=by_id)
    return {
        by_id[str(conversation.public_id)]: _("Chat waiting: %(who)s (%(queue)s)")
        % {
            "who": conversation.person.full_name if conversation.person else _("Anonymous"),
            "queue": conversation.queue.local_name,
        }
        for conversation in conversations
    }


def on_taken(event: ConversationTaken) -> None:
    conversation = Conversation.objects.get(pk=event.conversation_id)
    desk.close_source(f"chat:{conversation.public_id}", user_by_pk(event.user_id))


def on_queue_changed(event: ConversationWaiting | ConversationTaken) -> None:
    """A chat joined or left a queue: the residents waiting see their new place without a reload."""
    announce_queue_standing(left=event.conversation_id if isinstance(event, ConversationTaken) else None)


def connect() -> None:
    from luukku.desk.registry import register_work_titles

    register_work_titles("chat", titles)
    events.subscribe(ConversationWaiting, "chat.work", on_waiting)
    events.subscribe(ConversationTaken, "chat.work", on_taken)
    events.subscribe(ConversationWaiting, "chat.queue_standing", on_queue_changed)
    events.subscribe(ConversationTaken, "chat.queue_standing", on_queue_changed)
