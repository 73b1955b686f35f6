"""Events booking publishes (luukku.web.events): delivered after the booking commits."""

from dataclasses import dataclass


@dataclass(frozen=True)
class AppointmentBooked:
    appointment_id: int


@dataclass(frozen=True)
class AppointmentCancelled:
    """Cancelled by the resident or a professional (not when moved: the new booking says so)."""

    appointment_id: int


@dataclass(frozen=True)
class AppointmentReminded:
    """The reminder before the appointment went out."""

    appointment_id: int
