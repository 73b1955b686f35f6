from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "luukku.desk"
    label = "desk"

    def ready(self) -> None:
        from luukku.records.registry import RecordType, register_record_type

        from .models import WorkItem

        register_record_type(
            RecordType("desk.work_item", WorkItem.objects.all, "done_at", "07.01.01", person_field="client")
        )
        from django.utils.translation import gettext_lazy as _

        from luukku.access.categories import Category
        from luukku.access.registry import register_care_relationship, register_event_scope
        from luukku.audit.services import register_event_labels
        from luukku.demo import registry as demo
        from luukku.web import navigation

        from . import client_data
        from .demo import seed_chains
        from .event_labels import EVENT_LABELS
        from .registry import (
            ClientSection,
            known_phone,
            register_client_section,
            register_phone_source,
            register_work_titles,
        )
        from .services import call_back_titles, latest_call_back_phone, notifications_of, queue

        demo.register(demo.Seeder("service chains", lambda: seed_chains() or "", demo.SERVICES))
        register_client_section(
            ClientSection(
                "notifications",
                _("Social care notifications"),
                Category.SOCIAL,
                "desk/_client360_notifications.html",
                notifications_of,
                order=60,
            )
        )
        register_care_relationship(
            "responsible_worker", client_data.named_worker, client_data.RESPONSIBLE_LABEL
        )
        register_care_relationship("work_item", client_data.open_work, client_data.WORK_ITEM_LABEL)
        register_care_relationship("service_chain", client_data.service_chain, client_data.CHAIN_LABEL)
        register_event_scope("desk.", client_data.event_scope)
        register_event_labels(EVENT_LABELS)
        register_work_titles("callback", call_back_titles)
        register_phone_source("desk", latest_call_back_phone)
        register_client_section(
            ClientSection(
                "phone",
                _("Phone number last given"),
                Category.BASIC,
                "desk/_client360_phone.html",
                lambda client: [phone] if (phone := known_phone(client)) else [],
                order=10,
            )
        )
        navigation.register_count("work_queue", lambda user: queue(user).count())
