from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "luukku.audit"
    label = "audit"
