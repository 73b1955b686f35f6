from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "vouchers.granted": _("Service voucher granted"),
    "vouchers.rejected": _("Service voucher rejected"),
    "vouchers.chosen": _("Voucher provider chosen"),
    "vouchers.accepted": _("Voucher client accepted by the provider"),
    "vouchers.service_recorded": _("Voucher service recorded"),
    "vouchers.service_reviewed": _("Deviating voucher service reviewed"),
    "vouchers.service_corrected": _("Voucher service corrected"),
    "vouchers.settled": _("Voucher services settled for the month"),
    "vouchers.provider_applied": _("Voucher provider applied"),
    "vouchers.provider_approved": _("Voucher provider approved"),
    "vouchers.provider_rejected": _("Voucher provider rejected"),
    "vouchers.provider_suspended": _("Voucher provider suspended"),
}
