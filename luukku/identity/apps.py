from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "luukku.identity"
    label = "identity"

    def ready(self) -> None:
        from luukku.audit.services import register_event_labels
        from luukku.demo import registry as demo
        from luukku.web import navigation

        from .services import active_roles

        navigation.register_roles_source(active_roles)

        from . import security_events
        from .event_labels import EVENT_LABELS
        from .personas import seed_organisation, seed_personas

        demo.register(demo.Seeder("organisation", lambda: seed_organisation() or "", demo.ORGANISATION))
        demo.register(demo.Seeder("personas", lambda: seed_personas() or "", demo.PEOPLE))
        register_event_labels(EVENT_LABELS)
        security_events.connect()
