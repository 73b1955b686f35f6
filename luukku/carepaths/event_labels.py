"""Human labels of the event kinds this app records (audit.register_event_labels)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "carepath.started": _("Care path started"),
    "carepath.phase": _("Care path phase changed"),
    "carepath.task_done": _("Care path task done"),
    "carepath.task_added": _("Task added to the care path"),
    "carepath.task_removed": _("Task removed from the care path"),
    "carepath.task_rescheduled": _("Care path task rescheduled"),
    "carepath.message": _("Care path message"),
    "carepath.reminded": _("Care path reminder sent"),
    "carepath.ended": _("Care path ended"),
}
