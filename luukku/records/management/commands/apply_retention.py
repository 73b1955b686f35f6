import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from luukku.records import services


class Command(BaseCommand):
    help = "Destroy or archive records past their retention (legal holds respected); --dry-run reports only."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Report per class what would go; change nothing"
        )
        parser.add_argument("--today", help="Compute retention as on this day (YYYY-MM-DD), default today")

    def handle(self, *args, dry_run: bool = False, today: str | None = None, **options) -> None:
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError("--today must be YYYY-MM-DD") from None
        for key in services.unclassified():
            self.stderr.write(f"no class in the retention schedule (kept): {key}")
        if dry_run:
            for row in services.dry_run(day):
                self.stdout.write(
                    f"{row.record_class.code}\t{row.record_type}\tpast retention {row.past_retention}"
                    f"\theld {row.held}\twould {row.disposal} {row.due}"
                )
            return
        run = services.apply_retention(day)
        for entry in run.entries.select_related("record_class"):
            self.stdout.write(
                f"{entry.record_class.code}\t{entry.record_type}\t{entry.action}\t{entry.count}"
            )
        self.stdout.write(f"run #{run.pk} done")
