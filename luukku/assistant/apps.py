from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "luukku.assistant"
    label = "assistant"

    def ready(self) -> None:
        from luukku.audit.services import register_event_labels
        from luukku.demo import registry as demo
        from luukku.web import widgets

        from . import demo as assistant_demo
        from .event_labels import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
        widgets.register(
            widgets.Widget(
                "assistant",
                "assistant/_widget.html",
                shown=lambda request: not request.path.startswith("/assi/"),
            )
        )
        demo.register(
            demo.Seeder("assistant knowledge base", assistant_demo.seed_knowledge, demo.SERVICES + 3)
        )
