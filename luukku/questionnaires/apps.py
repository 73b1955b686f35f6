from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "luukku.questionnaires"
    label = "questionnaires"

    def ready(self) -> None:
        from luukku.web import portal

        from .services import open_activations

        portal.register(
            portal.Section(
                "forms",
                _("Forms to fill in"),
                template="questionnaires/_home_section.html",
                context=lambda request, person: {"activations": list(open_activations(person)[:5])},
            )
        )
