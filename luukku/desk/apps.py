from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "luukku.desk"
    label = "desk"

    def ready(self) -> None:
        from luukku.access.registry import register_care_relationship, register_event_scope

        from . import client_data, receivers

        receivers.connect()
        register_care_relationship(
            "responsible_worker", client_data.named_worker, client_data.RESPONSIBLE_LABEL
        )
        register_care_relationship("work_item", client_data.open_work, client_data.WORK_ITEM_LABEL)
        register_care_relationship("service_chain", client_data.service_chain, client_data.CHAIN_LABEL)
        register_event_scope("desk.", client_data.event_scope)
