from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from luukku.demo.registry import seeders
from luukku.identity.personas import DEMO_PASSWORD, PERSONAS, PROFESSIONALS
from luukku.registry.demo_county import FULL_SIZE
from luukku.registry.services import has_population


class Command(BaseCommand):
    help = "Migrate, generate the demo county (once) and run every app's demo seeder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", type=int, default=FULL_SIZE)

    def handle(self, *args, size: int, **options) -> None:
        if not settings.DEMO:
            raise CommandError(
                "setup_demo creates test personas and demo accounts with a published password: "
                "it runs only with LUUKKU_DEMO=1, never on a production database."
            )
        call_command("migrate", verbosity=0)
        if not has_population():
            call_command("generate_demo_county", size=size)
        for seeder in seeders():
            if line := seeder.run():
                self.stdout.write(f"{seeder.name}: {line}")
        self.stdout.write(self.style.SUCCESS("Demo county ready."))
        self.stdout.write("Residents sign in with a test persona at /tunnistautuminen/ :")
        for persona in PERSONAS:
            if persona.listed:
                self.stdout.write(f"  - {persona.first_names} {persona.last_name}")
        self.stdout.write(f"Professionals sign in at /ammattilainen/ (password: {DEMO_PASSWORD}):")
        for professional in PROFESSIONALS:
            self.stdout.write(f"  - {professional.username} ({professional.role})")
