"""Human labels of the event kinds this app records (audit.register_event_labels)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "assessment.made": _("Care-need assessment made"),
}
