"""Events booking publishes (luukku.web.events): delivered after the booking commits."""

from dataclasses import dataclass


@dataclass(frozen=True)
class AppointmentBooked:
    appointment_id: int
