"""Human labels of the event kinds this app records (audit.register_event_labels)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "chat.started": _("Chat started"),
    "chat.taken": _("Chat answered"),
    "chat.transferred": _("Chat transferred"),
    "chat.closed": _("Chat ended"),
    "chat.ended_by_client": _("Chat ended by the client"),
}
