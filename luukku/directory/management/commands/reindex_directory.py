from django.core.management.base import BaseCommand

from luukku.directory import services
from luukku.directory.models import DirectoryService


class Command(BaseCommand):
    help = "Rebuild the directory's search data (trigram names; the FTS5 index on SQLite)."

    def handle(self, *args, **options) -> None:
        batch = []
        count = 0
        for service in DirectoryService.objects.order_by("pk").iterator(chunk_size=500):
            batch.append(service)
            if len(batch) == 500:
                services.reindex(batch)
                count += len(batch)
                batch = []
        services.reindex(batch)
        count += len(batch)
        self.stdout.write(f"{count} services indexed")
