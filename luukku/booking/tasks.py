from django.db import transaction
from django.tasks import task
from django.utils import timezone


@task()
def send_reminder(appointment_id: int) -> str:
    """Remind of a live appointment once; cancelled or moved bookings are not reminded of."""
    from luukku.audit.services import record_event

    from .models import Appointment
    from .services import REMINDER_NOTICE, _notify

    with transaction.atomic():
        appointment = (
            Appointment.objects.select_for_update()
            .select_related("slot", "service__unit")
            .filter(pk=appointment_id, status=Appointment.Status.BOOKED, reminder_sent_at__isnull=True)
            .first()
        )
        if appointment is None or appointment.slot.starts_at <= timezone.now():
            return "skipped"
        _notify(appointment, "booking.reminder", REMINDER_NOTICE)
        appointment.reminder_sent_at = timezone.now()
        appointment.save(update_fields=["reminder_sent_at"])
        record_event("booking.reminded", subject=appointment.person, service=appointment.service.code)
        from luukku.web import events

        from .events import AppointmentReminded

        events.publish(AppointmentReminded(appointment.pk))
    return "sent"
