from django.core.management.base import BaseCommand
from django.utils import timezone

from luukku.feedback import reports, services


class Command(BaseCommand):
    help = (
        "Meant to run daily (cron): escalates formal complaints without a decision at three weeks, stores "
        "the figures of months whose invitations have expired; on the "
        "first day of a month (or with --summary) e-mails last month's summary to the unit managers."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--summary", action="store_true", help="send the monthly summaries today")

    def handle(self, *args, summary: bool = False, **options) -> None:
        escalated = services.escalate_overdue()
        self.stdout.write(f"{escalated} formal complaints escalated")
        self.stdout.write(f"{reports.close_months()} months closed (their figures stored for the reports)")
        if summary or timezone.localdate().day == 1:
            self.stdout.write(f"{reports.mail_monthly_summaries()} monthly summaries sent")
