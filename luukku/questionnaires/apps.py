from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "luukku.questionnaires"
    label = "questionnaires"

    def ready(self) -> None:
        from luukku.records.registry import RecordType, register_record_type

        from .models import Response

        register_record_type(
            RecordType("questionnaires.response", Response.objects.all, "completed_at", "06.01.02")
        )
        from luukku.access.categories import Category
        from luukku.access.policy import readable
        from luukku.access.registry import register_event_scope, register_service_event_category
        from luukku.audit.services import register_event_labels
        from luukku.consent import export
        from luukku.demo import registry as demo
        from luukku.desk.registry import ClientSection, register_client_section, register_service_use
        from luukku.web import portal

        from . import client_data, services, work
        from .event_labels import EVENT_LABELS
        from .models import Response
        from .services import open_activations, responses_of

        work.connect()
        demo.register(
            demo.Seeder("questionnaires", lambda: f"{len(services.publish_catalogue())} forms", demo.CONTENT)
        )
        register_service_use("questionnaire.answered")
        register_client_section(
            ClientSection(
                "forms",
                _("Forms"),
                Category.HEALTH,
                "questionnaires/_client360.html",
                lambda client: [
                    r
                    for r in responses_of(client)
                    if r.status == Response.Status.COMPLETED and client_data.scope(r)[0] == Category.HEALTH
                ],
                order=20,
            )
        )

        register_event_scope("questionnaire.", client_data.event_scope)
        register_service_event_category("questionnaires", client_data.service_event_category)
        export.register(
            export.ExportSection(
                "forms",
                _("Forms"),
                items=responses_of,
                scope=client_data.scope,
                as_json=client_data.as_json,
                summary=client_data.summary,
            )
        )
        portal.register(
            portal.Section(
                "forms",
                _("Forms to fill in"),
                template="questionnaires/_home_section.html",
                context=lambda request, person: {
                    "activations": readable(
                        request.user,
                        person,
                        open_activations(person),
                        client_data.activation_scope,
                        what="home",
                        log=False,
                    )[:5]
                },
            )
        )
        register_event_labels(EVENT_LABELS)
