from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VouchersConfig(AppConfig):
    name = "luukku.vouchers"
    label = "vouchers"

    def ready(self) -> None:
        from luukku.web import navigation as vouchers_navigation

        from .services import administers_vouchers

        vouchers_navigation.register_visibility("vouchers", lambda user, roles: administers_vouchers(roles))
        from luukku.insight.registry import EventMapping, register_event_mapping

        for mapping in (
            EventMapping(
                "vouchers.granted", service="service", detail="rule", value=lambda d: d.get("cents")
            ),
            EventMapping("vouchers.rejected", service="service"),
            EventMapping(
                "vouchers.chosen",
                service="service",
                detail="provider",
                value=lambda d: d.get("own_share_cents"),
            ),
            EventMapping("vouchers.accepted", service="service", detail="provider"),
            EventMapping(
                "vouchers.service_recorded",
                service="service",
                detail="provider",
                value=lambda d: d.get("units"),
            ),
            EventMapping("vouchers.service_corrected", value=lambda d: d.get("cents")),
            EventMapping("vouchers.settled", detail="provider", value=lambda d: d.get("cents")),
        ):
            register_event_mapping(mapping)
        from luukku.access.policy import readable
        from luukku.access.registry import register_event_scope
        from luukku.audit.services import register_event_labels
        from luukku.consent import export
        from luukku.demo import registry as demo
        from luukku.desk.registry import ClientSection, register_client_section, register_service_use
        from luukku.web import portal

        from . import client_data, services
        from . import demo as vouchers_demo
        from .event_labels import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
        register_event_scope("vouchers.", client_data.event_scope)
        register_service_use("vouchers.service_recorded")
        export.register(
            export.ExportSection(
                "vouchers",
                _("Service vouchers"),
                items=lambda person: list(services.vouchers_of(person).prefetch_related("events")),
                scope=client_data.scope,
                as_json=client_data.as_json,
                summary=client_data.summary,
            )
        )
        register_client_section(
            ClientSection(
                "vouchers",
                _("Service vouchers"),
                client_data.CATEGORY,
                "vouchers/_client360.html",
                lambda client: list(services.vouchers_of(client)),
                order=60,
            )
        )
        portal.register(
            portal.Section(
                "vouchers",
                _("Service vouchers"),
                template="vouchers/_home_section.html",
                context=lambda request, person: {
                    "vouchers": readable(
                        request.user,
                        person,
                        list(services.vouchers_of(person)[:5]),
                        client_data.scope,
                        what="home",
                        log=False,
                    )
                },
                empty_text=_("No service vouchers."),
            )
        )
        demo.register(demo.Seeder("vouchers", vouchers_demo.seed_test_vouchers, demo.SERVICES + 6))
        demo.register(demo.Seeder("vouchers county", vouchers_demo.seed_county_vouchers, demo.SCHEDULES + 8))
