from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "luukku.chat"
    label = "chat"

    def ready(self) -> None:
        from luukku.records.registry import RecordType, register_record_type

        from .models import Conversation

        register_record_type(
            RecordType("chat.conversation", Conversation.objects.all, "closed_at", "06.01.04")
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
        from luukku.desk.registry import ClientSection, register_client_section
        from luukku.web import navigation, portal

        from . import client_data, work
        from .demo import seed_history, seed_queues
        from .event_labels import EVENT_LABELS
        from .services import conversations_of, queues_for, waiting

        work.connect()
        demo.register(demo.Seeder("chat queues", lambda: seed_queues() or "", demo.SERVICES))
        demo.register(demo.Seeder("chat history", seed_history, demo.SCHEDULES + 3))
        register_client_section(
            ClientSection(
                "chats",
                _("Chats"),
                Category.HEALTH,
                "chat/_client360.html",
                lambda client: list(conversations_of(client)),
                order=40,
            )
        )

        register_care_relationship("chat", client_data.answered_chat, client_data.RELATIONSHIP_LABEL)
        register_event_scope("chat.", client_data.event_scope)
        register_service_event_category("chat", client_data.service_event_category)
        export.register(
            export.ExportSection(
                "chats",
                _("Chats"),
                items=conversations_of,
                scope=client_data.scope,
                as_json=client_data.as_json,
                summary=client_data.summary,
            )
        )
        register_event_labels(EVENT_LABELS)
        portal.register(
            portal.Section(
                "chats",
                _("Chats"),
                template="chat/_home_section.html",
                context=lambda request, person: {"conversations": past_chats(request, person)},
            )
        )
        navigation.register_count("chat_desk", lambda user: waiting(list(queues_for(user))).count())


def past_chats(request, person) -> list:
    """The resident's latest chats with their summaries, for their home page (as the chat page lists
    them: through the access policy, so a guardian never sees a minor's own chats)."""
    from luukku.access.policy import readable

    from . import client_data
    from .services import conversations_of

    return readable(
        request.user, person, conversations_of(person)[:20], client_data.scope, what="home", log=False
    )[:5]
