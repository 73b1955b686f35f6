"""Human labels of the event kinds this app records (audit.register_event_labels)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "questionnaire.activated": _("Form to fill in"),
    "questionnaire.activation_skipped": _("Form not asked again (answered recently)"),
    "questionnaire.activation_cancelled": _("Form no longer needed"),
    "questionnaire.activation_answered": _("Requested form answered"),
    "questionnaire.started": _("Form started"),
    "questionnaire.answered": _("Form sent"),
    "questionnaire.handled": _("Notification handled"),
}
