"""Human labels of the event kinds the inbox records (audit.register_event_labels)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "inbox.delivered": _("Message delivered to the inbox"),
    "inbox.read": _("Messages read"),
    "inbox.resident_wrote": _("Message sent to the unit"),
    "inbox.preferences_changed": _("Notification preferences changed"),
    "inbox.letter_sent": _("Letter sent to Suomi.fi Messages"),
    "inbox.letter_received": _("Letter received in Suomi.fi Messages"),
    "inbox.letter_read": _("Letter read in Suomi.fi Messages"),
    "inbox.letter_paper": _("Letter sent as a printed letter"),
}
