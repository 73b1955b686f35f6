"""Human labels of the event kinds this app records (audit.register_event_labels)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "identity.signed_in": _("Signed in"),
    "identity.mandates_fetched": _("Mandates fetched"),
    "identity.proxy_refused": _("Acting for another person refused"),
    "identity.acting_for": _("Began handling this person's matters"),
}
