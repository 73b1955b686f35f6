"""The inbox's outbox sweep, meant to run every few minutes (cron or a scheduler): sends the notices
and letters that are due but whose task never ran (a worker killed mid-batch), and polls Suomi.fi
Messages for the letters' delivery statuses."""

from django.core.management.base import BaseCommand

from luukku.inbox import services
from luukku.inbox.models import SuomiFiDispatch
from luukku.inbox.tasks import dispatch_letter


class Command(BaseCommand):
    help = "Send due notices and queued letters left behind; poll Suomi.fi Messages statuses."

    def handle(self, *args, **options) -> None:
        notices = services.send_due_notices()
        letters = 0
        for message_id in SuomiFiDispatch.objects.filter(status=SuomiFiDispatch.Status.QUEUED).values_list(
            "message_id", flat=True
        ):
            letters += dispatch_letter.call(message_id) in ("sent", "paper")
        moved = services.poll_dispatches()
        self.stdout.write(f"{notices} notices, {letters} letters sent, {moved} statuses updated")
