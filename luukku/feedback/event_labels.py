from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "feedback.received": _("Feedback sent"),
    "feedback.replied": _("Feedback answered"),
    "feedback.closed": _("Feedback closed"),
    "feedback.escalated": _("Formal complaint escalated"),
    "feedback.answered": _("Customer survey answered"),
    "feedback.invited": _("Invited to a customer survey"),
    "feedback.invitation_capped": _("Survey invitation skipped (asked recently)"),
    "feedback.published": _("Feedback published as 'you said, we did'"),
}
