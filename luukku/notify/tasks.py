from django.db import transaction
from django.tasks import task
from django.utils import timezone

from .adapters import DeliveryFailed, sender_for
from .models import OutboundMessage

MAX_ATTEMPTS = 5


@task()
def deliver_message(message_id: int) -> str:
    """Deliver one queued message; a failure is recorded and retried with a growing delay."""
    with transaction.atomic():
        message = (
            OutboundMessage.objects.select_for_update().filter(pk=message_id, sent_at__isnull=True).first()
        )
        if message is None:
            return "already sent"
        message.attempts += 1
        try:
            message.provider_id = sender_for(message.channel).send(message.to, message.subject, message.body)
        except DeliveryFailed as failed:
            message.last_error = str(failed)[:200]
            message.save(update_fields=["attempts", "last_error"])
            if message.attempts < MAX_ATTEMPTS:
                retry_at = timezone.now() + timezone.timedelta(minutes=2**message.attempts)
                transaction.on_commit(lambda: deliver_message.using(run_after=retry_at).enqueue(message_id))
            return "failed"
        message.sent_at = timezone.now()
        message.save(update_fields=["attempts", "provider_id", "sent_at"])
    return "sent"
