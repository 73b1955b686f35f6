"""An appointment as an iCalendar (RFC 5545) event, for adding it to the phone's own calendar."""

import datetime as dt

from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from .models import Appointment


def appointment_ics(appointment: Appointment, organiser: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Luukku//Ajanvaraus//FI")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{appointment.public_id}@luukku")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", appointment.slot.starts_at)
    event.add("dtend", appointment.slot.ends_at)
    event.add("summary", appointment.service.local_name)
    event.add("location", appointment.service.location or appointment.service.unit.local_name)
    event.add("description", f"{appointment.service.get_appointment_type_display()} – {organiser}")
    event.add("status", "CANCELLED" if appointment.status == Appointment.Status.CANCELLED else "CONFIRMED")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", appointment.service.local_name)
    alarm.add("trigger", -dt.timedelta(hours=2))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()
