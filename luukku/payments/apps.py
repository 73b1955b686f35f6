from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "luukku.payments"
    label = "payments"

    def ready(self) -> None:
        from luukku.access.categories import Category
        from luukku.records.registry import RecordType, register_record_type

        from .models import Invoice, Payment

        # An open invoice is kept whatever its age: it is still a claim (held until paid or cancelled).
        register_record_type(
            RecordType(
                "payments.invoice",
                Invoice.objects.all,
                "due_date",
                "02.05.01",
                held=lambda invoice: invoice.status == Invoice.Status.OPEN,
            )
        )
        # An invoice's payment attempts are its vouchers too; they go first (they protect the invoice).
        register_record_type(
            RecordType(
                "payments.payment",
                Payment.objects.all,
                "invoice__due_date",
                "02.05.01",
                person_field="invoice__person",
                held=lambda payment: payment.invoice.status == Invoice.Status.OPEN,
                order=-1,
            )
        )
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
