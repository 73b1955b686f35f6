from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarepathsConfig(AppConfig):
    name = "luukku.carepaths"
    label = "carepaths"

    def ready(self) -> None:
        from luukku.records.registry import RecordType, register_record_type

        from .models import ClientPath

        register_record_type(
            RecordType("carepaths.client_path", ClientPath.objects.all, "ended_at", "06.01.05")
        )
        from luukku.access.categories import Category
        from luukku.access.policy import readable
        from luukku.access.registry import (
            register_care_relationship,
            register_event_scope,
            register_service_event_category,
        )
        from luukku.audit.services import register_event_labels
        from luukku.booking.events import AppointmentBooked
        from luukku.consent import export
        from luukku.demo import registry as demo
        from luukku.desk.registry import ClientSection, register_client_section, register_service_use
        from luukku.questionnaires.events import QuestionnaireAnswered
        from luukku.web import events, portal

        from . import client_data, receivers, work
        from .demo import seed_templates
        from .event_labels import EVENT_LABELS
        from .services import active_paths, paths_of

        events.subscribe(QuestionnaireAnswered, "carepaths.tasks", receivers.on_questionnaire_answered)
        events.subscribe(AppointmentBooked, "carepaths.tasks", receivers.on_appointment_booked)
        work.connect()
        demo.register(demo.Seeder("care paths", lambda: seed_templates() or "", demo.SERVICES))
        register_service_use("carepath.started")
        register_client_section(
            ClientSection(
                "care_paths",
                _("Care paths"),
                Category.HEALTH,
                "carepaths/_client360.html",
                lambda client: list(paths_of(client)),
                order=30,
            )
        )
        register_care_relationship("care_path", client_data.team_of_path, client_data.RELATIONSHIP_LABEL)
        register_event_scope("carepath.", client_data.event_scope)
        register_service_event_category("carepaths", client_data.service_event_category)
        export.register(
            export.ExportSection(
                "care_paths",
                _("Care paths"),
                items=paths_of,
                scope=client_data.scope,
                as_json=client_data.as_json,
                summary=client_data.summary,
            )
        )
        portal.register(
            portal.Section(
                "care_paths",
                _("Care paths"),
                template="carepaths/_home_section.html",
                context=lambda request, person: {
                    "paths": readable(
                        request.user, person, active_paths(person), client_data.scope, what="home", log=False
                    )
                },
            )
        )
        register_event_labels(EVENT_LABELS)
