from django.core.management.base import BaseCommand, CommandError

from luukku.fhir.omaolo import OmaoloUnavailable, import_new


class Command(BaseCommand):
    help = "Import new Omaolo symptom and service assessments into the units' work queues."

    def handle(self, *args, **options) -> None:
        try:
            result = import_new()
        except OmaoloUnavailable as error:
            raise CommandError(f"Omaolo cannot be reached: {error}") from error
        for refused in result.refused:
            self.stderr.write(f"refused {refused}")
        self.stdout.write(
            f"{len(result.new)} new, {result.known} already imported, {len(result.refused)} refused"
        )
