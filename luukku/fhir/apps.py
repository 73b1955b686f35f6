from django.apps import AppConfig


class FhirConfig(AppConfig):
    name = "luukku.fhir"
    label = "fhir"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from luukku.access.categories import Category
        from luukku.booking.events import AppointmentBooked
        from luukku.carepaths.events import CarePlanChanged
        from luukku.chat.events import ConversationClosed
        from luukku.consent import export
        from luukku.demo import registry as demo
        from luukku.desk.registry import (
            ClientSection,
            WorkSource,
            register_client_section,
            register_work_source,
            register_work_titles,
        )
        from luukku.questionnaires.events import QuestionnaireAnswered
        from luukku.web import events

        from . import omaolo, subscriptions, writeback

        events.subscribe(AppointmentBooked, "fhir.writeback", writeback.on_appointment_booked)
        events.subscribe(QuestionnaireAnswered, "fhir.writeback", writeback.on_questionnaire_answered)
        events.subscribe(AppointmentBooked, "fhir.subscriptions", subscriptions.on_appointment_booked)
        events.subscribe(ConversationClosed, "fhir.writeback", writeback.on_conversation_closed)
        events.subscribe(CarePlanChanged, "fhir.writeback", writeback.on_care_plan_changed)
        register_work_source(WorkSource(omaolo.SOURCE, omaolo.close_at_origin))
        register_work_titles(omaolo.SOURCE, omaolo.titles)
        export.register(
            export.ExportSection(
                "omaolo",
                _("Omaolo assessments"),
                items=omaolo.assessments_of,
                scope=omaolo.scope,
                as_json=omaolo.as_json,
                summary=omaolo.summary,
            )
        )
        register_client_section(
            ClientSection(
                "omaolo",
                _("Omaolo assessments"),
                Category.HEALTH,
                "fhir/_client360_omaolo.html",
                omaolo.assessments_of,
                order=45,
            )
        )
        demo.register(demo.Seeder("omaolo", omaolo.seed_demo, demo.SCHEDULES + 1))
