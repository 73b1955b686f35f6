from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "luukku.identity"
    label = "identity"
