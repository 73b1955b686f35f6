"""Human labels of the event kinds this app records (audit.register_event_labels)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "booking.booked": _("Appointment booked"),
    "booking.cancelled": _("Appointment cancelled"),
    "booking.rescheduled_from": _("Appointment moved"),
    "booking.reminded": _("Appointment reminder sent"),
}
