from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "luukku.audit"
    label = "audit"

    def ready(self) -> None:
        from . import security_receivers

        security_receivers.connect()
