from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "luukku.directory"
    label = "directory"

    def ready(self) -> None:
        from luukku.records.registry import RecordType, register_record_type

        from .models import ContactRequest

        register_record_type(
            RecordType("directory.contact_request", ContactRequest.objects.all, "handled_at", "07.01.02")
        )
        from luukku.assessment import recommendations
        from luukku.consent import export
        from luukku.demo import registry as demo

        from . import client_data, services, work
        from .demo import seed_county_services, seed_test_services

        work.connect()
        recommendations.register(services.recommended)
        export.register(
            export.ExportSection(
                "contact_requests",
                _("Contact requests to services"),
                items=client_data.contact_requests_of,
                scope=client_data.scope,
                as_json=client_data.as_json,
                summary=client_data.summary,
            )
        )

        demo.register(demo.Seeder("directory", seed_test_services, demo.SERVICES + 2))
        demo.register(demo.Seeder("directory county", seed_county_services, demo.SCHEDULES + 2))
