from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "luukku.applications"
    label = "applications"

    def ready(self) -> None:
        from luukku.web import navigation as applications_navigation

        applications_navigation.register_visibility("applications", _works_in_social_care)
        from luukku.insight.registry import EventMapping, register_event_mapping

        for mapping in (
            EventMapping("applications.submitted", channel="web", detail="type", contact=True),
            EventMapping("applications.assigned", detail="type"),
            EventMapping("applications.info_requested", detail="type"),
            EventMapping("applications.info_given", channel="web", detail="type"),
            EventMapping("applications.decided", detail="type", value=lambda d: d.get("processing_days")),
            EventMapping("applications.signed", detail="type"),
        ):
            register_event_mapping(mapping)
        from luukku.access.categories import Category
        from luukku.access.registry import register_event_scope
        from luukku.audit.services import register_event_labels
        from luukku.consent import export
        from luukku.demo import registry as demo
        from luukku.desk.registry import (
            ClientSection,
            WorkSource,
            register_client_section,
            register_service_use,
            register_work_source,
            register_work_titles,
        )
        from luukku.questionnaires.events import QuestionnaireAnswered
        from luukku.questionnaires.registry import register_result_page
        from luukku.web import events

        from . import client_data, services
        from .definitions import TYPES
        from .demo import seed_types, seed_volume
        from .event_labels import EVENT_LABELS

        _register_record_types()
        from luukku.inbox.registry import register_letter_document

        register_letter_document("application-decision", services.signed_decision_of)
        events.subscribe(QuestionnaireAnswered, "applications.receive", services.on_answered)
        for kind in TYPES:
            register_result_page(kind.key, "applications:receipt")
        for prefix in (services.WORK_PREFIX, services.DECISION_WORK_PREFIX):
            register_work_source(WorkSource(prefix, services.close_at_origin))
            register_work_titles(prefix, services.titles)
        register_event_scope("applications.", client_data.event_scope)
        register_event_labels(EVENT_LABELS)
        register_service_use("applications.decided")
        register_client_section(
            ClientSection(
                "applications",
                _("Applications and decisions"),
                Category.SOCIAL,
                "applications/_client360.html",
                client_data.for_client360,
                order=25,
            )
        )
        export.register(
            export.ExportSection(
                "applications",
                _("Applications and decisions"),
                items=client_data.of_person,
                scope=client_data.scope,
                as_json=client_data.as_json,
                summary=client_data.summary,
            )
        )
        demo.register(demo.Seeder("applications", seed_types, demo.CONTENT + 5))
        demo.register(demo.Seeder("applications volume", seed_volume, demo.SCHEDULES + 8))


# The retention schedule's class of an application (with its messages, attachments, assessment and
# decision, which go with it) by the service task it belongs to; retention runs from the decision
# (closing the matter), so an undecided application is never due.
RECORD_CLASSES = {
    "elderly": "05.01.01",  # services for older people
    "carer": "05.01.01",  # informal care support: mostly for older people's carers (county to confirm)
    "voucher": "05.01.01",  # service vouchers: home care and housing services for older people
    "disability": "05.03.01",
    "family": "05.02.01",
}


def _register_record_types() -> None:
    from luukku.records.registry import RecordType, register_record_type

    from .definitions import TYPES
    from .models import Application

    for group, code in RECORD_CLASSES.items():
        kinds = [kind.key for kind in TYPES if kind.group == group]
        register_record_type(
            RecordType(
                f"applications.{group}",
                lambda kinds=kinds: Application.objects.filter(kind__in=kinds),
                "decided_at",
                code,
            )
        )


def _works_in_social_care(user, roles: list) -> bool:
    from luukku.access.policy import sector_of_unit
    from luukku.identity.models import CLIENT_WORK_ROLES

    return any(role.role in CLIENT_WORK_ROLES and sector_of_unit(role.unit) == "social" for role in roles)
