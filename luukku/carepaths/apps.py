from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarepathsConfig(AppConfig):
    name = "luukku.carepaths"
    label = "carepaths"

    def ready(self) -> None:
        from luukku.access.policy import readable
        from luukku.access.registry import register_care_relationship, register_event_scope
        from luukku.booking.signals import appointment_booked
        from luukku.consent import export
        from luukku.questionnaires.signals import questionnaire_answered
        from luukku.web import portal

        from . import client_data, receivers
        from .services import active_paths, paths_of

        questionnaire_answered.connect(receivers.on_questionnaire_answered, dispatch_uid="carepaths-answered")
        appointment_booked.connect(receivers.on_appointment_booked, dispatch_uid="carepaths-booked")
        register_care_relationship("care_path", client_data.team_of_path, client_data.RELATIONSHIP_LABEL)
        register_event_scope("carepath.", client_data.event_scope)
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
