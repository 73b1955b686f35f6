from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "luukku.inbox"
    label = "inbox"

    def ready(self) -> None:
        from luukku.access.categories import Category
        from luukku.records.registry import RecordType, register_record_type

        from . import client_data as inbox_data
        from .models import Thread

        # Health care threads are patient e-service copies; social care threads go to Kanta's archive.
        register_record_type(
            RecordType(
                "inbox.thread",
                lambda: Thread.objects.exclude(category="social"),
                "last_message_at",
                "06.01.06",
                as_json=inbox_data.as_json,
            )
        )
        register_record_type(
            RecordType(
                "inbox.thread_social",
                lambda: Thread.objects.filter(category="social"),
                "last_message_at",
                "05.01.02",
                as_json=inbox_data.as_json,  # the messages go into the archive package with the thread
            )
        )
        from luukku.access.registry import register_event_scope
        from luukku.audit.services import register_event_labels
        from luukku.consent import export
        from luukku.demo import registry as demo
        from luukku.desk.registry import (
            ClientSection,
            WorkSource,
            register_client_section,
            register_work_source,
        )
        from luukku.web import navigation, portal

        from . import client_data, services, sources
        from .demo import seed_inbox
        from .event_labels import EVENT_LABELS

        sources.connect()
        register_work_source(WorkSource(services.WORK_PREFIX, services.close_at_origin))
        register_event_scope("inbox.", client_data.event_scope)
        register_event_labels(EVENT_LABELS)
        export.register(
            export.ExportSection(
                "inbox",
                _("Messages"),
                items=lambda person: list(services.threads_of(person).prefetch_related("messages")),
                scope=services.scope,
                as_json=client_data.as_json,
                summary=client_data.summary,
            )
        )
        register_client_section(
            ClientSection(
                "messages",
                _("Messages"),
                Category.BASIC,  # each item is shown by its own category
                "inbox/_client360.html",
                lambda client: list(services.threads_of(client)[:20]),
                order=75,
                item_category=lambda thread: thread.category,
            )
        )
        portal.register(
            portal.Section(
                "messages",
                _("Messages"),
                template="inbox/_home_section.html",
                context=lambda request, person: {
                    "threads": services.visible_threads(request.user, person)[:5],
                    "person": person,
                },
            )
        )
        navigation.register_count("messages", services.unread_count)
        demo.register(demo.Seeder("inbox messages", seed_inbox, demo.SCHEDULES + 5))
