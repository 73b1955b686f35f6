"""Background work of the inbox: notices and letters, each an outbox row retried until done."""

from django.db import transaction
from django.tasks import task
from django.utils import timezone

MAX_ATTEMPTS = 6


@task()
def send_notice(notice_id: int) -> str:
    from .services import send_notice as send

    return send(notice_id)


@task()
def dispatch_letter(message_id: int) -> str:
    """Send a letter to Suomi.fi Messages (or printed mail); a failure is retried with a growing delay.

    The row is locked while it is sent and its status saved in the same transaction, so a worker killed
    mid-way leaves it queued and the next run (or `inbox_sweep`) sends it; the adapter is asked with the
    message's own id as the idempotency key, so a letter sent just before the crash is not sent twice.
    """
    from .adapters import DeliveryFailed, messages_service
    from .models import SuomiFiDispatch
    from .services import letter_of

    with transaction.atomic():
        dispatch = (
            SuomiFiDispatch.objects.select_for_update()
            .select_related("message__thread__person")
            .filter(message_id=message_id, status=SuomiFiDispatch.Status.QUEUED)
            .first()
        )
        if dispatch is None:
            return "done already"
        dispatch.attempts += 1
        dispatch.updated_at = timezone.now()
        try:
            outcome = messages_service().send(letter_of(dispatch.message))
        except DeliveryFailed as failed:
            dispatch.last_error = str(failed)[:200]
            if dispatch.attempts >= MAX_ATTEMPTS:
                dispatch.status = SuomiFiDispatch.Status.FAILED
            dispatch.save(update_fields=["attempts", "last_error", "status", "updated_at"])
            if dispatch.attempts < MAX_ATTEMPTS:
                retry_at = timezone.now() + timezone.timedelta(minutes=2**dispatch.attempts)
                transaction.on_commit(lambda: dispatch_letter.using(run_after=retry_at).enqueue(message_id))
            return "failed"
        dispatch.provider_id = outcome.provider_id
        dispatch.status = SuomiFiDispatch.Status.PAPER if outcome.paper else SuomiFiDispatch.Status.SENT
        dispatch.last_error = ""
        dispatch.save(update_fields=["attempts", "provider_id", "status", "last_error", "updated_at"])
        from luukku.audit.services import record_event

        from .services import LETTER_EVENTS

        record_event(LETTER_EVENTS[dispatch.status], subject=dispatch.message.thread.person)
    return dispatch.status


@task()
def poll_letters() -> int:
    """Ask the Messages service for the state of letters sent electronically (received, read)."""
    from .services import poll_dispatches

    return poll_dispatches()
