from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "homecare.visit_started": _("Home visit started"),
    "homecare.visit_done": _("Home visit done"),
    "homecare.not_home": _("Client not at home on a home visit"),
    "homecare.door_opened": _("Door opened for a home visit"),
    "homecare.alarm": _("Alarm on a home visit"),
    "homecare.paused": _("Home-care visits paused"),
    "homecare.extra_visit": _("Extra home visit added"),
    "homecare.visit_moved": _("Home visit moved to another nurse"),
    "homecare.plan_optimised": _("Home-care routes optimised"),
    "homecare.plan_published": _("Home-care plan published"),
}
