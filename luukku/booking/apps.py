from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "luukku.booking"
    label = "booking"

    def ready(self) -> None:
        from luukku.web import portal

        from .services import upcoming_of

        portal.register(
            portal.Section(
                "appointments",
                _("Appointments"),
                template="booking/_home_section.html",
                context=lambda request, person: {"appointments": list(upcoming_of(person)[:3])},
            )
        )
