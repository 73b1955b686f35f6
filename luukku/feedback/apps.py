from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "luukku.feedback"
    label = "feedback"

    def ready(self) -> None:
        from luukku.records.registry import RecordType, register_record_type

        from .models import Feedback

        register_record_type(RecordType("feedback.feedback", Feedback.objects.all, "replied_at", "00.03.01"))
        from luukku.access.policy import readable
        from luukku.access.registry import register_care_relationship, register_event_scope
        from luukku.audit.services import register_event_labels
        from luukku.consent import export
        from luukku.demo import registry as demo
        from luukku.desk.registry import WorkSource, register_work_source
        from luukku.web import navigation, portal

        from . import client_data, services, triggers
        from . import demo as feedback_demo
        from .event_labels import EVENT_LABELS

        triggers.connect()
        register_work_source(WorkSource(services.WORK_PREFIX, services.close_at_origin))
        register_care_relationship(
            "feedback", client_data.handler_of_feedback, client_data.RELATIONSHIP_LABEL
        )
        register_event_scope("feedback.", client_data.event_scope)
        register_event_labels(EVENT_LABELS)
        export.register(
            export.ExportSection(
                "feedback",
                _("Feedback and complaints"),
                items=lambda person: list(services.feedback_of(person)),
                scope=client_data.scope,
                as_json=client_data.as_json,
                summary=client_data.summary,
            )
        )
        portal.register(
            portal.Section(
                "feedback",
                _("Feedback"),
                template="feedback/_home_section.html",
                context=lambda request, person: {
                    "feedback_items": readable(
                        request.user,
                        person,
                        list(services.feedback_of(person)[:5]),
                        client_data.scope,
                        what="home",
                        log=False,
                    )
                },
            )
        )
        navigation.register_count(
            "feedback", lambda user: services.handler_list(user).count() if user.is_authenticated else 0
        )
        demo.register(demo.Seeder("feedback targets", feedback_demo.seed_targets, demo.SERVICES))
        demo.register(demo.Seeder("feedback year", feedback_demo.seed_year, demo.SCHEDULES + 5))
