"""Human labels of the event kinds this app records (audit.register_event_labels)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "consent.granted": _("Consent given"),
    "consent.revoked": _("Consent revoked"),
    "consent.own_data_exported": _("Own data viewed or downloaded"),
}
