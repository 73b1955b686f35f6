from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "luukku.payments"
    label = "payments"

    def ready(self) -> None:
        from luukku.access.registry import register_event_scope
        from luukku.audit.services import register_event_labels
        from luukku.demo import registry as demo

        from .demo import seed_payments
        from .event_labels import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
        register_event_scope(
            "payments.", lambda data: (data.get("category", "health"), data.get("service_event", ""))
        )
        demo.register(demo.Seeder("client fees", seed_payments, demo.SCHEDULES + 6))
