from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "luukku.notify"
    label = "notify"
