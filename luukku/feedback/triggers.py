"""The triggers feedback wires itself for apps that already publish events: an appointment (invited
after the booked time has passed, so the appointment was held unless cancelled), a closed chat and an
ended care path (`CarePlanChanged` with the change "carepath.ended").

An app above feedback (home care) registers its own `Trigger` with `feedback.registry.register_trigger`
and calls `feedback.services.service_event` from its own receiver (`homecare/feedback_trigger.py`).
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from luukku.desk.registry import known_phone

from . import services
from .registry import ServiceEvent, Trigger, register_trigger


def appointment_event(source_id: str) -> ServiceEvent | None:
    from luukku.booking.models import Appointment

    appointment = (
        Appointment.objects.select_related("slot", "service__unit", "person")
        .filter(pk=int(source_id) if source_id.isdigit() else 0, status=Appointment.Status.BOOKED)
        .first()
    )
    if appointment is None:
        return None
    person = appointment.person
    return ServiceEvent(
        unit=appointment.service.unit,
        ends_at=appointment.slot.starts_at + dt.timedelta(minutes=appointment.service.duration_minutes),
        person=person,
        service_code=appointment.service.code,
        phone=appointment.contact_phone or (known_phone(person) if person else ""),
        email=appointment.contact_email,
        language=person.language if person else "fi",
    )


def chat_event(source_id: str) -> ServiceEvent | None:
    from luukku.chat.models import Conversation

    conversation = (
        Conversation.objects.select_related("queue__unit", "person")
        .filter(pk=int(source_id) if source_id.isdigit() else 0, closed_at__isnull=False)
        .first()
    )
    if conversation is None or conversation.person is None:
        return None
    person = conversation.person
    return ServiceEvent(
        unit=conversation.queue.unit,
        ends_at=conversation.closed_at,
        person=person,
        service_code=f"chat-{conversation.queue.code}",
        phone=known_phone(person),
        language=person.language,
    )


def care_path_event(source_id: str) -> ServiceEvent | None:
    from luukku.carepaths.models import ClientPath

    path = (
        ClientPath.objects.select_related("team", "template", "person")
        .filter(pk=int(source_id) if source_id.isdigit() else 0, status=ClientPath.Status.ENDED)
        .first()
    )
    if path is None or path.team is None or path.ended_at is None:
        return None
    person = path.person
    return ServiceEvent(
        unit=path.team,
        ends_at=path.ended_at,
        person=person,
        service_code=f"carepath-{path.template.code}",
        phone=known_phone(person),
        language=person.language,
    )


def on_care_plan_changed(event) -> None:
    if event.change == "carepath.ended":
        services.service_event("care_path", str(event.path_id))


def connect() -> None:
    from luukku.booking.events import AppointmentBooked
    from luukku.carepaths.events import CarePlanChanged
    from luukku.chat.events import ConversationClosed
    from luukku.web import events

    register_trigger(Trigger("appointment", _("appointment held"), "palaute-vastaanotto", appointment_event))
    register_trigger(Trigger("chat", _("chat closed"), "palaute-chat", chat_event, dt.timedelta(minutes=30)))
    register_trigger(
        Trigger("care_path", _("care path ended"), "palaute", care_path_event, dt.timedelta(days=1))
    )
    events.subscribe(CarePlanChanged, "feedback.invitation", on_care_plan_changed)
    events.subscribe(
        AppointmentBooked,
        "feedback.invitation",
        lambda event: services.service_event("appointment", str(event.appointment_id)),
    )
    events.subscribe(
        ConversationClosed,
        "feedback.invitation",
        lambda event: services.service_event("chat", str(event.conversation_id)),
    )
