from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "luukku.booking"
    label = "booking"

    def ready(self) -> None:
        from luukku.records.registry import RecordType, register_record_type

        from .models import Appointment

        register_record_type(
            RecordType("booking.appointment", Appointment.objects.all, "slot__starts_at", "06.01.01")
        )
        from luukku.access.categories import Category
        from luukku.access.registry import (
            register_care_relationship,
            register_event_scope,
            register_service_event_category,
        )
        from luukku.audit.services import register_event_labels
        from luukku.consent import export
        from luukku.demo import registry as demo
        from luukku.desk.registry import (
            ClientSection,
            register_client_section,
            register_phone_source,
            register_service_use,
        )
        from luukku.questionnaires.registry import register_service_event_source
        from luukku.web import portal

        from . import client_data, work
        from .demo import seed_booking
        from .event_labels import EVENT_LABELS
        from .services import appointments_of, latest_contact, upcoming_of

        work.connect()
        from django.db.models.signals import post_delete, post_save

        from luukku.identity.models import OrgUnit

        from .models import Campaign, Service
        from .services import forget_active_services

        for model in (Service, OrgUnit, Campaign):  # the cached list of active services
            uid = f"booking-active-services-{model.__name__}"
            post_save.connect(forget_active_services, sender=model, dispatch_uid=uid)
            post_delete.connect(forget_active_services, sender=model, dispatch_uid=f"{uid}-deleted")
        register_service_event_source("appointment", client_data.service_event_of_appointment)
        demo.register(demo.Seeder("booking", lambda: f"{seed_booking()} new bookable slots", demo.SCHEDULES))
        register_service_use("booking.booked")
        register_phone_source("booking", latest_contact)
        register_client_section(
            ClientSection(
                "appointments",
                _("Appointments"),
                Category.BASIC,  # each appointment is shown by its own service's sector
                "booking/_client360.html",
                lambda client: list(appointments_of(client)),
                order=10,
                item_category=lambda appointment: client_data.scope(appointment)[0],
            )
        )

        register_care_relationship("appointment", client_data.booked_with, client_data.RELATIONSHIP_LABEL)
        register_event_scope("booking.", client_data.event_scope)
        register_service_event_category("booking", client_data.service_event_category)
        export.register(
            export.ExportSection(
                "appointments",
                _("Appointments"),
                items=appointments_of,
                scope=client_data.scope,
                as_json=client_data.as_json,
                summary=client_data.summary,
            )
        )
        portal.register(
            portal.Section(
                "appointments",
                _("Appointments"),
                template="booking/_home_section.html",
                context=lambda request, person: {
                    "appointments": readable_for(request, person, upcoming_of(person))[:3]
                },
            )
        )
        register_event_labels(EVENT_LABELS)


def readable_for(request, person, appointments) -> list:
    from luukku.access.policy import readable

    from .client_data import scope

    return readable(request.user, person, appointments, scope, what="home", log=False)
