from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "luukku.records"
    label = "records"

    def ready(self) -> None:
        from luukku.web import navigation as records_navigation

        from .services import holds_records_officer_role

        records_navigation.register_visibility(
            "records", lambda user, roles: holds_records_officer_role(roles)
        )
        from luukku.audit.services import register_event_labels
        from luukku.demo import registry as demo

        from . import demo as records_demo
        from .event_labels import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
        demo.register(demo.Seeder("retention schedule", records_demo.seed_schedule, demo.CONTENT))
        demo.register(demo.Seeder("records officer", records_demo.seed_officer, demo.SCHEDULES + 39))
        demo.register(
            demo.Seeder("records past retention", records_demo.seed_old_records, demo.SCHEDULES + 40)
        )
