from django.db import transaction
from django.db.models import QuerySet

from .models import OutboundMessage
from .tasks import deliver_message


def queue_message(
    channel: str, to: str, body: str, kind: str, subject: str = "", recipient=None
) -> OutboundMessage:
    """Store the message and deliver it in the background once the surrounding transaction commits."""
    message = OutboundMessage.objects.create(
        channel=channel, to=to, subject=subject, body=body, kind=kind, recipient=recipient
    )
    transaction.on_commit(lambda: deliver_message.enqueue(message.pk))
    return message


def outbox(limit: int = 200) -> QuerySet[OutboundMessage]:
    return OutboundMessage.objects.select_related("recipient")[:limit]
