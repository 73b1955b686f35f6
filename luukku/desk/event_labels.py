"""Human labels of the event kinds this app records (audit.register_event_labels)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "desk.item_created": _("Work arrived in a queue"),
    "desk.item_linked": _("Work linked to the client"),
    "desk.item_claimed": _("Work taken by a professional"),
    "desk.item_done": _("Work done"),
    "desk.item_escalated": _("Overdue work escalated to a manager"),
    "desk.responsible_set": _("Responsible worker named"),
    "desk.chain_started": _("Service chain started"),
    "desk.chain_step_done": _("Service chain step done"),
    "desk.maturity_assessed": _("Maturity assessment recorded"),
}
