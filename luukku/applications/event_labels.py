"""Human labels of the event kinds applications records (audit.register_event_labels)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "applications.submitted": _("Application sent"),
    "applications.assigned": _("Application handler named"),
    "applications.info_requested": _("More information requested for an application"),
    "applications.info_given": _("More information given for an application"),
    "applications.attachment_added": _("Attachment added to an application"),
    "applications.assessed": _("Service-need assessment recorded"),
    "applications.decision_drafted": _("Decision drafted"),
    "applications.decided": _("Decision made on an application"),
    "applications.signed": _("Decision signed electronically"),
}
