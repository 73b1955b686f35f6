from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "assistant.asked": _("Asked the assistant Assi"),
    "assistant.rated": _("Rated an answer of Assi"),
    "assistant.handover": _("Handed over from Assi to a person"),
    "assistant.topic_changed": _("Assistant topic changed"),
}
