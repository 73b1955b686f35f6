from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "records.destroyed": _("Records destroyed at the end of retention"),
    "records.archived": _("Records transferred to the archive"),
    "records.hold_placed": _("Legal hold placed on records"),
    "records.hold_lifted": _("Legal hold lifted"),
}
