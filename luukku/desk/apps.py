from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "luukku.desk"
    label = "desk"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
