from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "luukku.assessment"
    label = "assessment"

    def ready(self) -> None:
        from luukku.questionnaires import views as questionnaire_views
        from luukku.questionnaires.signals import questionnaire_answered

        from .definition import KEY
        from .services import on_questionnaire_answered

        questionnaire_answered.connect(on_questionnaire_answered, dispatch_uid="assessment-answered")
        questionnaire_views.RESULT_PAGES[KEY] = "assessment:result"
