"""Write-back: bookings, answered forms, care plans and chat summaries reach the care record (EHR) over FHIR.

`enqueue()` queues a resource (after the change commits, by the events of the apps that own the data);
the `push` task builds the resource from the current data, names the patient by henkilötunnus (the EHR
does not know Luukku's ids) and sends it as a conditional update by its Luukku identifier, retrying
with a growing delay. The EHR is the county's own care record: the same controller's register."""

import copy

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from luukku.booking.models import Appointment
from luukku.carepaths.models import ClientPath
from luukku.chat.models import Conversation
from luukku.identity.models import Resident
from luukku.questionnaires.models import Response as QuestionnaireResponseModel

from . import handlers
from .adapters import WriteBackFailed, ehr
from .directory import HETU
from .models import WriteBack

MAX_ATTEMPTS = 6
IDENTIFIER_SYSTEM = "urn:luukku:{kind}"


WRITTEN_BACK = {"Appointment", "QuestionnaireResponse", "CarePlan", "Communication"}


def _by_henkilotunnus(node: object, person: Resident) -> object:
    """References to Patient/<public id> become logical references by the henkilötunnus."""
    if isinstance(node, dict):
        if node.get("reference") == f"Patient/{person.public_id}":
            named = {k: v for k, v in node.items() if k != "reference"}
            return {**named, "identifier": {"system": HETU, "value": person.hetu}}
        return {k: _by_henkilotunnus(v, person) for k, v in node.items()}
    if isinstance(node, list):
        return [_by_henkilotunnus(v, person) for v in node]
    return node


def outgoing(resource_type: str, key: str) -> tuple[dict, str]:
    """The resource as the EHR gets it, and its identifier `system|value`."""
    stamped, person = handlers.for_write_back(resource_type, key)
    resource = copy.deepcopy(stamped.data)
    resource.pop("meta", None)
    resource.pop("id", None)
    system = IDENTIFIER_SYSTEM.format(kind=resource_type.lower())
    identifier = {"system": system, "value": key}
    resource["identifier"] = identifier if resource_type == "QuestionnaireResponse" else [identifier]
    if person is not None:
        resource = _by_henkilotunnus(resource, person)
    return resource, f"{system}|{key}"


def enqueue(resource_type: str, key: str) -> None:
    """Queue the resource once the current transaction commits (a pending row is reused)."""
    if resource_type not in WRITTEN_BACK:
        raise ValueError(resource_type)
    queued = WriteBack.objects.filter(
        resource_type=resource_type, resource_key=key, status=WriteBack.Status.PENDING
    ).first() or WriteBack.objects.create(resource_type=resource_type, resource_key=key)
    transaction.on_commit(lambda: push.enqueue(queued.pk))


@task()
def push(write_back_id: int) -> str:
    with transaction.atomic():
        queued = WriteBack.objects.select_for_update().filter(pk=write_back_id, status="pending").first()
        if queued is None:
            return "done already"
        queued.attempts += 1
        try:
            resource, identifier = outgoing(queued.resource_type, queued.resource_key)
        except ObjectDoesNotExist:
            queued.status, queued.last_error = WriteBack.Status.FAILED, "the resource no longer exists"
            queued.save(update_fields=["attempts", "status", "last_error"])
            return "gone"
        try:
            queued.sent_version = ehr().upsert(resource, identifier)[:64]
        except WriteBackFailed as failed:
            queued.last_error = str(failed)[:200]
            if not failed.retry or queued.attempts >= MAX_ATTEMPTS:
                queued.status = WriteBack.Status.FAILED
            else:
                retry_at = timezone.now() + timezone.timedelta(minutes=2**queued.attempts)
                transaction.on_commit(lambda: push.using(run_after=retry_at).enqueue(write_back_id))
            queued.save(update_fields=["attempts", "last_error", "status"])
            return "failed"
        queued.status = WriteBack.Status.SENT
        queued.sent_at = timezone.now()
        queued.save(update_fields=["attempts", "sent_version", "status", "sent_at"])
    return "sent"


# --- Receivers of the owning apps' events ------------------------------------------------------------


def on_appointment_booked(event) -> None:
    appointment = Appointment.objects.filter(pk=event.appointment_id, person__isnull=False).first()
    if appointment is not None:
        enqueue("Appointment", str(appointment.public_id))


def on_questionnaire_answered(event) -> None:
    response = QuestionnaireResponseModel.objects.filter(pk=event.response_id, person__isnull=False).first()
    if response is not None:
        enqueue("QuestionnaireResponse", str(response.public_id))


def on_conversation_closed(event) -> None:
    """A closed chat with an identified resident: its summary and transcript go to the care record."""
    conversation = Conversation.objects.filter(pk=event.conversation_id, person__isnull=False).first()
    if conversation is not None:
        enqueue("Communication", str(conversation.public_id))


def on_care_plan_changed(event) -> None:
    """The care plan goes to the care record whenever it changes (a pending push is reused)."""
    path = ClientPath.objects.filter(pk=event.path_id).first()
    if path is not None:
        enqueue("CarePlan", str(path.public_id))
