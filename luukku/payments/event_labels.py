from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "payments.no_show": _("Appointment not cancelled recorded"),
    "payments.invoiced": _("Client fee invoiced"),
    "payments.started": _("Online payment started"),
    "payments.paid": _("Invoice paid"),
    "payments.failed": _("Online payment not completed"),
}
