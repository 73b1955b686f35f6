"""A closed chat as a FHIR R4 Communication for the care record: the professional's summary and the
transcript the resident saw (consultations between professionals and system notices left out)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from fhir.resources.R4B.communication import Communication

from luukku.chat.models import ChatMessage, Conversation
from luukku.identity.models import Professional

CATEGORY = "urn:luukku:communication-category"
PARTICIPATION_MODE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode"


def transcript(conversation: Conversation) -> str:
    messages = conversation.messages.filter(internal=False).exclude(sender=ChatMessage.Sender.SYSTEM)
    lines = []
    for message in messages.order_by("created_at", "pk"):
        body = message.body or (_("(attachment)") if message.attachment else "")
        lines.append(f"{timezone.localtime(message.created_at):%H:%M} {message.get_sender_display()}: {body}")
    return "\n".join(lines)


def communication(conversation: Conversation) -> Communication:
    professional = Professional.objects.filter(user_id=conversation.assignee_id).first()
    data: dict = {
        "resourceType": "Communication",
        "id": str(conversation.public_id),
        "status": "completed" if conversation.status == Conversation.Status.CLOSED else "in-progress",
        "category": [
            {
                "coding": [{"system": CATEGORY, "code": "chat", "display": "Chat"}],
                "text": conversation.queue.name,
            }
        ],
        "medium": [{"coding": [{"system": PARTICIPATION_MODE, "code": "WRITTEN", "display": "written"}]}],
        "sent": conversation.created_at.isoformat(),
        "payload": [{"contentString": conversation.summary or _("(no summary)")}],
    }
    if conversation.closed_at:
        data["received"] = conversation.closed_at.isoformat()
    text = transcript(conversation)
    if text:
        data["payload"].append({"contentString": text})
    if conversation.person is not None:
        patient = {
            "reference": f"Patient/{conversation.person.public_id}",
            "display": conversation.person.full_name,
        }
        data["subject"] = patient
        data["recipient"] = [patient]
    if professional is not None:
        data["sender"] = {"reference": f"Practitioner/{professional.pk}", "display": str(professional)}
    return Communication.model_validate(data)
