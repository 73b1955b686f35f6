from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "luukku.assistant"
    label = "assistant"

    def ready(self) -> None:
        from luukku.insight.registry import EventMapping, register_event_mapping

        for mapping in (
            EventMapping("assistant.asked", channel="web", detail="outcome"),
            EventMapping("assistant.rated", channel="web", detail="helpful"),
            EventMapping("assistant.handover", channel="web", detail="how"),
        ):
            register_event_mapping(mapping)
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
