from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "luukku.access"
    label = "access"
