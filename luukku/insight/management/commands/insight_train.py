import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from luukku.insight import marts, risk, warehouse


class Command(BaseCommand):
    help = "Train the multi-need risk model on the warehouse and evaluate it on the held-out last year."

    def handle(self, *args, **options) -> None:
        con = warehouse.connect(read_only=True)
        try:
            model = risk.train(marts.DuckDBEngine(con), timezone.localdate())
        except ValueError as error:
            raise CommandError(str(error)) from None
        finally:
            con.close()
        path = risk.save(model)
        self.stdout.write(f"model saved to {path}\n" + json.dumps(model.evaluation, indent=2))
