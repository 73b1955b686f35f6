from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "luukku.registry"
    label = "registry"
