from django.dispatch import Signal

# Sent inside the booking transaction: appointment=<Appointment>
appointment_booked = Signal()
