from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    name = "luukku.insight"
    label = "insight"

    def ready(self) -> None:
        from luukku.web import navigation as insight_navigation

        insight_navigation.register_visibility("insight", _is_unit_manager)
        from luukku.access.categories import Category
        from luukku.audit.services import register_event_labels
        from luukku.demo import registry as demo
        from luukku.desk.registry import ClientSection, register_client_section

        from . import client_data, mappings
        from . import demo as insight_demo

        mappings.register()
        register_event_labels({mappings.CONTACT_LOGGED: _("Contact logged at the desk")})
        register_client_section(
            ClientSection(
                "insight_risk",
                _("Multi-need risk estimate"),
                Category.HEALTH,
                "insight/_client360.html",
                client_data.risk_items,
                order=90,
            )
        )
        demo.register(demo.Seeder("insight history", insight_demo.seed_history, demo.SCHEDULES + 20))


def _is_unit_manager(user, roles: list) -> bool:
    return any(role.role == "unit_manager" for role in roles)
