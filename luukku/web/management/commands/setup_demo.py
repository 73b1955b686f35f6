from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from luukku.assessment.services import publish as publish_assessment
from luukku.booking.demo import seed_booking
from luukku.carepaths.demo import seed_templates
from luukku.chat.demo import seed_queues
from luukku.desk.demo import seed_chains
from luukku.identity.personas import DEMO_PASSWORD, PERSONAS, PROFESSIONALS, seed_organisation, seed_personas
from luukku.questionnaires.services import publish_catalogue
from luukku.registry.demo_county import FULL_SIZE
from luukku.registry.services import has_population


class Command(BaseCommand):
    help = "Migrate, generate the demo county (once) and create the test personas."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", type=int, default=FULL_SIZE)

    def handle(self, *args, size: int, **options) -> None:
        call_command("migrate", verbosity=0)
        if not has_population():
            call_command("generate_demo_county", size=size)
        seed_organisation()
        seed_personas()
        publish_catalogue()
        seed_templates()
        seed_chains()
        seed_queues()
        publish_assessment()
        slots = seed_booking()
        self.stdout.write(self.style.SUCCESS(f"Demo county ready ({slots} new bookable slots)."))
        self.stdout.write("Residents sign in with a test persona at /tunnistautuminen/ :")
        for persona in PERSONAS:
            if persona.listed:
                self.stdout.write(f"  - {persona.first_names} {persona.last_name}")
        self.stdout.write(f"Professionals sign in at /ammattilainen/ (password: {DEMO_PASSWORD}):")
        for professional in PROFESSIONALS:
            self.stdout.write(f"  - {professional.username} ({professional.role})")
