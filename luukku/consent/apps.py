from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "luukku.consent"
    label = "consent"
