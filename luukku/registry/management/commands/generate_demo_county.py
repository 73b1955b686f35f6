import datetime as dt

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from luukku.registry.demo_county import FULL_SIZE, generate_county


class Command(BaseCommand):
    help = "Generate a demo county into the local population register (deterministic for a seed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", type=int, default=FULL_SIZE, help=f"residents (default {FULL_SIZE})")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="reference day for ages, YYYY-MM-DD (default: today)",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(
        self, *args, size: int, seed: int, today: dt.date | None, no_progress: bool, **options
    ) -> None:
        if size < 1:
            self.stderr.write("--size must be at least 1")
            return
        with tqdm(total=size, unit="person", disable=no_progress, desc="Demo county") as bar:
            summary = generate_county(size, seed=seed, today=today, progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {summary.persons} persons, {summary.guardianships} guardianships, "
                f"{summary.deceased} deceased, in {len(summary.by_municipality)} municipalities."
            )
        )
