"""Where the inbox's messages come from: typed events of the apps that own them (`web.events`).

The sending apps know nothing of the inbox. Each receiver reads the source by the event's id, writes
the message in the person's language, takes the access scope from the source app's `client_data`,
and delivers once (the dedupe key names the event), so a receiver that runs twice adds nothing.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luukku.web import events

from .models import Message, ServiceInstructions
from .services import deliver


def _instructions(service_code: str, language: str) -> tuple[str, bool]:
    configured = ServiceInstructions.objects.filter(service_code=service_code).first()
    if configured is None:
        return "", False
    return configured.text(language), configured.replies_allowed


def _appointment_message(appointment, kind: str, template) -> None:
    from luukku.booking import client_data
    from luukku.booking.services import message_text

    person = appointment.person
    if person is None:  # a booking without identification has no inbox
        return
    root = appointment
    while root.rescheduled_from_id is not None:
        root = root.rescheduled_from
    category, service_event = client_data.scope(appointment)
    with translation.override(person.language):
        body = message_text(template, appointment)
        instructions, replies = _instructions(appointment.service.code, person.language)
        if instructions and kind != Message.Kind.CANCELLATION:
            body = f"{body}\n\n{_('Instructions')}:\n{instructions}"
        subject = appointment.service.local_name
        sender = appointment.service.unit.name
    deliver(
        person,
        key=f"appointment:{root.public_id}",
        subject=subject,
        body=body,
        kind=kind,
        category=category,
        service_event=service_event,
        unit=appointment.service.unit,
        sender=sender,
        link=reverse("booking:detail", args=[appointment.public_id]),
        replies_allowed=replies,
        dedupe_key=f"booking.{kind}:{appointment.pk}",
        notify=False,  # booking texts the number given with the booking itself: no second text
    )


def on_appointment_booked(event) -> None:
    from luukku.booking.models import Appointment
    from luukku.booking.services import CONFIRMATION_TEXT

    appointment = Appointment.objects.select_related("service__unit", "slot", "person").get(
        pk=event.appointment_id
    )
    kind = Message.Kind.CHANGE if appointment.rescheduled_from_id else Message.Kind.CONFIRMATION
    _appointment_message(appointment, kind, CONFIRMATION_TEXT)


def on_appointment_cancelled(event) -> None:
    from luukku.booking.models import Appointment
    from luukku.booking.services import CANCELLED_TEXT

    appointment = Appointment.objects.select_related("service__unit", "slot", "person").get(
        pk=event.appointment_id
    )
    _appointment_message(appointment, Message.Kind.CANCELLATION, CANCELLED_TEXT)


def on_appointment_reminded(event) -> None:
    from luukku.booking.models import Appointment
    from luukku.booking.services import REMINDER_TEXT

    appointment = Appointment.objects.select_related("service__unit", "slot", "person").get(
        pk=event.appointment_id
    )
    _appointment_message(appointment, Message.Kind.REMINDER, REMINDER_TEXT)


def on_path_message(event) -> None:
    """A care team's message or a due task's reminder: in the inbox, answered on the path's own page."""
    from luukku.carepaths import client_data
    from luukku.carepaths.models import PathMessage

    message = PathMessage.objects.select_related("path__person", "path__template", "path__team").get(
        pk=event.message_id
    )
    if not message.from_team:
        return
    path = message.path
    category, service_event = client_data.scope(path)
    with translation.override(path.person.language):
        subject = path.template.local_name
    deliver(
        path.person,
        key=f"carepath:{path.public_id}",
        subject=subject,
        body=message.body,
        kind=Message.Kind.REMINDER if message.automatic else Message.Kind.MESSAGE,
        category=category,
        service_event=service_event,
        unit=path.team,
        sender=path.team.name if path.team else "",
        link=reverse("carepaths:path", args=[path.public_id]),
        dedupe_key=f"carepath.message:{message.pk}",
    )


def on_conversation_closed(event) -> None:
    """The summary of a chat with an identified resident (a chat without identification has no inbox)."""
    from luukku.chat import client_data
    from luukku.chat.models import Conversation

    conversation = Conversation.objects.select_related("person", "queue__unit").get(pk=event.conversation_id)
    if conversation.person is None or not conversation.summary:
        return
    category, service_event = client_data.scope(conversation)
    with translation.override(conversation.person.language):
        subject = _("Chat: %(queue)s") % {"queue": conversation.queue.local_name}
    deliver(
        conversation.person,
        key=f"chat:{conversation.public_id}",
        subject=subject,
        body=conversation.summary,
        kind=Message.Kind.SUMMARY,
        category=category,
        service_event=service_event,
        unit=conversation.queue.unit,
        sender=conversation.queue.unit.name if conversation.queue.unit_id else "",
        link=reverse("chat:conversation", args=[conversation.public_id]),
        dedupe_key=f"chat.summary:{conversation.pk}",
    )


def on_questionnaire_activated(event) -> None:
    """A form to fill in (e.g. pre-information before an appointment) also notifies."""
    from luukku.questionnaires import client_data
    from luukku.questionnaires.models import Activation, Definition

    activation = Activation.objects.select_related("person").get(pk=event.activation_id)
    definition = Definition.objects.filter(key=activation.key, current=True).first()
    category, service_event = client_data.activation_scope(activation)
    person = activation.person
    with translation.override(person.language):
        title = definition.title if definition is not None else activation.key
        body = _("Please fill in the form %(form)s.") % {"form": title}
        if activation.reason:
            body += " " + _("Reason: %(reason)s.") % {"reason": activation.reason}
        subject = _("Form to fill in: %(form)s") % {"form": title}
    deliver(
        person,
        key=f"form:{activation.pk}",
        subject=subject,
        body=body,
        kind=Message.Kind.FORM,
        category=category,
        service_event=service_event,
        link=reverse("questionnaires:list"),
        dedupe_key=f"questionnaire.activated:{activation.pk}",
    )


DECISION_LABELS = {
    "well_founded": gettext_lazy("well-founded"),
    "partly": gettext_lazy("partly well-founded"),
    "unfounded": gettext_lazy("unfounded"),
}


def on_feedback_replied(event) -> None:
    """A reply to a signed-in resident's feedback or formal complaint is filed in their inbox too. The
    feedback app has already told them by text message or e-mail, so the inbox owes no second notice."""
    from luukku.access.policy import category_of_unit
    from luukku.feedback.models import Feedback

    if event.person_id is None:
        return
    feedback = Feedback.objects.select_related("person", "unit", "target").get(pk=event.feedback_id)
    if feedback.person is None or not feedback.reply:
        return
    with translation.override(feedback.person.language):
        subject = _("Reply to your feedback: %(target)s") % {
            "target": feedback.target.shown_name(feedback.person.language)
        }
        body = feedback.reply
        if feedback.decision in DECISION_LABELS:  # a formal complaint's written decision
            body = (
                _("Decision: %(decision)s") % {"decision": DECISION_LABELS[feedback.decision]} + "\n\n" + body
            )
    deliver(
        feedback.person,
        key=f"feedback:{feedback.public_id}",
        subject=subject,
        body=body,
        kind=Message.Kind.REPLY,
        category=category_of_unit(feedback.unit),
        unit=feedback.unit,
        sender=feedback.unit.name,
        link=reverse("feedback:mine"),
        dedupe_key=f"feedback.reply:{feedback.pk}",
        notify=False,
    )


def connect() -> None:
    from luukku.booking.events import AppointmentBooked, AppointmentCancelled, AppointmentReminded
    from luukku.carepaths.events import PathMessagePosted
    from luukku.chat.events import ConversationClosed
    from luukku.feedback.events import FeedbackReplied
    from luukku.questionnaires.events import QuestionnaireActivated

    events.subscribe(AppointmentBooked, "inbox.booking", on_appointment_booked)
    events.subscribe(AppointmentCancelled, "inbox.booking", on_appointment_cancelled)
    events.subscribe(AppointmentReminded, "inbox.booking", on_appointment_reminded)
    events.subscribe(PathMessagePosted, "inbox.carepaths", on_path_message)
    events.subscribe(ConversationClosed, "inbox.chat", on_conversation_closed)
    events.subscribe(QuestionnaireActivated, "inbox.questionnaires", on_questionnaire_activated)
    events.subscribe(FeedbackReplied, "inbox.feedback", on_feedback_replied)
