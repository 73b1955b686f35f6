from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "luukku.consent"
    label = "consent"

    def ready(self) -> None:
        from luukku.access.registry import register_consent_source

        from .services import allows

        register_consent_source("consent", allows)
