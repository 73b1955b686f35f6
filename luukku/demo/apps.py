from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo's composition root: `setup_demo` runs the seeders the apps register here."""

    name = "luukku.demo"
    label = "demo"
