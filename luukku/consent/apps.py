from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "luukku.consent"
    label = "consent"

    def ready(self) -> None:
        from luukku.access.categories import Category
        from luukku.access.registry import register_consent_source
        from luukku.audit.services import register_event_labels
        from luukku.desk.registry import ClientSection, register_client_section

        from .event_labels import EVENT_LABELS
        from .services import allows, consents_of

        register_consent_source("consent", allows)
        register_client_section(
            ClientSection(
                "consents",
                _("Consents"),
                Category.BASIC,
                "consent/_client360.html",
                lambda client: list(consents_of(client)),
                order=20,
            )
        )
        register_event_labels(EVENT_LABELS)
