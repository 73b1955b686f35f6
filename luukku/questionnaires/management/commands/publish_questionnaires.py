from django.core.management.base import BaseCommand

from luukku.questionnaires.services import publish_catalogue


class Command(BaseCommand):
    help = "Publish the built-in questionnaires; a changed definition becomes a new version."

    def handle(self, *args, **options) -> None:
        for definition in publish_catalogue():
            self.stdout.write(f"{definition.key} v{definition.version}")
