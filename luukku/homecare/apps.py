from django.apps import AppConfig
from django.db import models
from django.utils.translation import gettext_lazy as _


class HomecareConfig(AppConfig):
    name = "luukku.homecare"
    label = "homecare"

    def ready(self) -> None:
        from luukku.web import navigation as homecare_navigation

        homecare_navigation.register_visibility("home_care", _works_in_home_care)
        from luukku.insight.registry import EventMapping, register_event_mapping

        for mapping in (
            EventMapping(
                "homecare.visit_started", channel="in_person", value=lambda d: d.get("minutes_late")
            ),
            EventMapping(
                "homecare.visit_done", channel="in_person", value=lambda d: d.get("realised_minutes")
            ),
            EventMapping("homecare.not_home", channel="in_person"),
            EventMapping("homecare.door_opened", detail="opened"),
            EventMapping("homecare.plan_published", value=_km),
            EventMapping("homecare.plan_optimised", value=_km),
        ):
            register_event_mapping(mapping)
        from luukku.access.categories import Category
        from luukku.access.registry import register_care_relationship, register_event_scope
        from luukku.audit.services import register_event_labels
        from luukku.consent import export
        from luukku.demo import registry as demo
        from luukku.desk.registry import ClientSection, register_client_section
        from luukku.feedback import surveys
        from luukku.feedback.registry import Trigger, register_trigger
        from luukku.web import events, portal

        from . import client_data, feedback_trigger
        from .demo import seed_area
        from .event_labels import EVENT_LABELS
        from .events import VisitDone

        register_trigger(
            Trigger(
                feedback_trigger.KIND, _("home-care visit"), surveys.CORE_KEY, feedback_trigger.visit_event
            )
        )
        events.subscribe(VisitDone, "feedback.homecare", feedback_trigger.on_visit_done)
        register_client_section(
            ClientSection(
                "homecare",
                _("Home-care visits"),
                Category.HEALTH,
                "homecare/_client360.html",
                lambda client: client_data.visits_of(client)[:30],
                order=45,
            )
        )

        register_event_labels(EVENT_LABELS)
        register_care_relationship("home_visit", client_data.home_visit_today, client_data.RELATIONSHIP_LABEL)
        register_event_scope("homecare.", client_data.event_scope)
        export.register(
            export.ExportSection(
                "homecare_visits",
                _("Home-care visits"),
                items=client_data.visits_of,
                scope=client_data.scope,
                as_json=client_data.visit_as_json,
                summary=client_data.visit_summary,
            )
        )
        portal.register(
            portal.Section(
                "homecare",
                _("Home care"),
                template="homecare/_home_section.html",
                context=lambda request, person: {"homecare_client": hasattr(person, "homecare")},
            )
        )
        demo.register(demo.Seeder("home care area", seed_area, demo.SCHEDULES + 8))


def _km(data: dict) -> int | None:
    """The plan's kilometres as a whole number (the warehouse's event value is an integer)."""
    return round(data["km"]) if isinstance(data.get("km"), int | float) else None


def _works_in_home_care(user, roles: list) -> bool:
    """A home-care nurse (her day) or someone with a client-work role in a unit that has home-care nurses
    (planning)."""
    from luukku.identity.models import CLIENT_WORK_ROLES

    from .models import Nurse

    units = [role.unit_id for role in roles if role.role in CLIENT_WORK_ROLES]
    return Nurse.objects.filter(models.Q(professional__user=user) | models.Q(unit_id__in=units)).exists()
