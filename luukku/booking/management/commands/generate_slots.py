from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from luukku.booking.calendars import generate_all


class Command(BaseCommand):
    help = "Create the free slots of every calendar for the coming weeks (idempotent; run daily)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--weeks", type=int, default=8)

    def handle(self, *args, weeks: int, **options) -> None:
        created = generate_all(timezone.localdate(), weeks * 7)
        self.stdout.write(self.style.SUCCESS(f"Created {created} slots."))
