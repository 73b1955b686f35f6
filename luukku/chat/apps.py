from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "luukku.chat"
    label = "chat"
