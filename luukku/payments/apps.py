from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "luukku.payments"
    label = "payments"

    def ready(self) -> None:
        from luukku.access.categories import Category
        from luukku.access.registry import register_event_scope
        from luukku.audit.services import register_event_labels
        from luukku.consent import export
        from luukku.demo import registry as demo
        from luukku.desk.registry import ClientSection, register_client_section

        from . import client_data
        from .demo import seed_payments
        from .event_labels import EVENT_LABELS

        export.register(
            export.ExportSection(
                "invoices",
                _("Client fees"),
                items=client_data.invoices_of,
                scope=client_data.scope,
                as_json=client_data.as_json,
                summary=client_data.summary,
            )
        )
        register_client_section(
            ClientSection(
                "invoices",
                _("Client fees"),
                Category.BASIC,  # each item is shown by its own category
                "payments/_client360.html",
                client_data.invoices_of,
                order=80,
                item_category=client_data.category,
            )
        )

        register_event_labels(EVENT_LABELS)
        register_event_scope(
            "payments.", lambda data: (data.get("category", "health"), data.get("service_event", ""))
        )
        demo.register(demo.Seeder("client fees", seed_payments, demo.SCHEDULES + 6))
