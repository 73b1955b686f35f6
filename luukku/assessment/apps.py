from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "luukku.assessment"
    label = "assessment"

    def ready(self) -> None:
        from luukku.records.registry import RecordType, register_record_type

        from .models import Result

        register_record_type(RecordType("assessment.result", Result.objects.all, "created_at", "06.01.03"))
        from luukku.audit.services import register_event_labels
        from luukku.chat import shared
        from luukku.demo import registry as demo
        from luukku.questionnaires.events import QuestionnaireAnswered
        from luukku.questionnaires.registry import register_result_page
        from luukku.web import events

        from .definition import KEY
        from .event_labels import EVENT_LABELS
        from .presentation import shared_with_chat
        from .services import on_questionnaire_answered, publish

        events.subscribe(QuestionnaireAnswered, "assessment.result", on_questionnaire_answered)
        register_result_page(KEY, "assessment:result")
        demo.register(
            demo.Seeder("care-need assessment", lambda: f"rule set v{publish().version}", demo.CONTENT + 1)
        )
        register_event_labels(EVENT_LABELS)
        shared.register_source("assessment_response", shared_with_chat)
