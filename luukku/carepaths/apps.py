from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarepathsConfig(AppConfig):
    name = "luukku.carepaths"
    label = "carepaths"

    def ready(self) -> None:
        from luukku.booking.signals import appointment_booked
        from luukku.questionnaires.signals import questionnaire_answered
        from luukku.web import portal

        from . import receivers
        from .services import active_paths

        questionnaire_answered.connect(receivers.on_questionnaire_answered, dispatch_uid="carepaths-answered")
        appointment_booked.connect(receivers.on_appointment_booked, dispatch_uid="carepaths-booked")
        portal.register(
            portal.Section(
                "care_paths",
                _("Care paths"),
                template="carepaths/_home_section.html",
                context=lambda request, person: {"paths": list(active_paths(person))},
            )
        )
