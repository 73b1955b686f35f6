from django.core.management.base import BaseCommand

from luukku.insight import warehouse


class Command(BaseCommand):
    help = "Load the operational database into the DuckDB warehouse (incrementally; --full from scratch)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--full", action="store_true", help="drop the warehouse and load everything")
        parser.add_argument("--export", action="store_true", help="write the marts as Parquet afterwards")

    def handle(self, *args, full: bool = False, export: bool = False, **options) -> None:
        result = warehouse.load(full=full)
        self.stdout.write(
            f"{result.events} events loaded (high-water mark {result.high_water}) in {result.seconds:.1f} s; "
            + ", ".join(f"{k} +{v}" for k, v in result.changed.items())
        )
        if export:
            files = warehouse.export_parquet()
            self.stdout.write(f"{len(files)} marts written as Parquet to {files[0].parent if files else '-'}")
