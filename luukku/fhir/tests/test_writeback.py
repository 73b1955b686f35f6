"""Write-back to the EHR: bookings and answers are queued by the owning apps' events, built from the
current data, sent by identifier (idempotent), and retried only when retrying may help."""

import pytest
import requests

from luukku.booking.services import book, booker_for
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.fhir import writeback
from luukku.fhir.adapters import HttpEhr, LocalEhr, WriteBackFailed
from luukku.fhir.directory import HETU
from luukku.fhir.models import LocalEhrRecord, WriteBack
from luukku.testing import resident_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(django_capture_on_commit_callbacks):
    person = resident_user(age=70)
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(open_slot(booking_service()), booker_for(person.user, person))
    return person, appointment


def _push_all() -> list[str]:
    return [
        writeback.push.call(pk)
        for pk in WriteBack.objects.filter(status="pending").values_list("pk", flat=True)
    ]


def test_a_booking_reaches_the_local_ehr_by_henkilotunnus_once(booked):
    person, appointment = booked
    queued = WriteBack.objects.get(resource_type="Appointment", resource_key=str(appointment.public_id))
    assert _push_all() == ["sent"]
    queued.refresh_from_db()
    assert queued.status == "sent" and queued.attempts == 1
    record = LocalEhrRecord.objects.get(identifier=f"urn:luukku:appointment|{appointment.public_id}")
    patient = record.resource["participant"][0]["actor"]
    assert patient["identifier"] == {"system": HETU, "value": person.hetu} and "reference" not in patient
    assert "id" not in record.resource and "meta" not in record.resource
    writeback.enqueue("Appointment", str(appointment.public_id))
    _push_all()
    assert LocalEhrRecord.objects.get(pk=record.pk).writes == 2 and LocalEhrRecord.objects.count() == 1


class _Answer:
    def __init__(self, status: int) -> None:
        self.status_code, self.headers = status, {"ETag": 'W/"3"'}


class _Session:
    def __init__(self, *answers) -> None:
        self.answers, self.calls = list(answers), []

    def put(self, url, **kwargs):
        self.calls.append((url, kwargs["params"]))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return _Answer(answer)


def test_http_ehr_conditional_update_and_retry_rules(booked, monkeypatch):
    _person, appointment = booked
    config = {"url": "https://ehr.example/fhir/", "token": "t", "timeout": 1}
    session = _Session(requests.ConnectionError(), 503, 400, 200)
    monkeypatch.setattr(writeback, "ehr", lambda: HttpEhr(config, session))
    assert _push_all() == ["failed"]  # connection error: retried later
    queued = WriteBack.objects.get()
    assert queued.status == "pending" and queued.last_error == "ConnectionError"
    assert writeback.push.call(queued.pk) == "failed"  # 503: retried
    assert writeback.push.call(queued.pk) == "failed"  # 400: the EHR refuses it, no retry
    queued.refresh_from_db()
    assert queued.status == "failed" and queued.attempts == 3
    assert session.calls[0] == (
        "https://ehr.example/fhir/Appointment",
        {"identifier": f"urn:luukku:appointment|{appointment.public_id}"},
    )


def test_local_ehr_is_idempotent_by_identifier():
    ehr = LocalEhr()
    resource = {"resourceType": "Appointment", "status": "booked"}
    assert ehr.upsert(resource, "urn:x|1") == "1" and ehr.upsert(resource, "urn:x|1") == "2"
    with pytest.raises(ValueError):
        writeback.enqueue("Observation", "1")
    assert WriteBackFailed("x").retry


def test_a_vanished_resource_is_not_retried():
    queued = WriteBack.objects.create(
        resource_type="CarePlan", resource_key="00000000-0000-0000-0000-000000000000"
    )
    assert writeback.push.call(queued.pk) == "gone"
    queued.refresh_from_db()
    assert queued.status == "failed"


def test_a_closed_chat_reaches_the_ehr_as_a_communication(
    personas, django_user_model, django_capture_on_commit_callbacks
):
    from fhir.resources.R4B.communication import Communication

    from luukku.chat import services as chat
    from luukku.chat.tests.factories import open_queue
    from luukku.identity.personas import BY_KEY
    from luukku.identity.services import resident_from_register

    matti = resident_from_register(BY_KEY["matti"].hetu)
    matti.user = django_user_model.objects.create(username="matti")
    matti.save(update_fields=["user"])
    riikka = django_user_model.objects.get(username="hoitaja.riikka")
    with django_capture_on_commit_callbacks(execute=True):
        conversation = chat.start(open_queue(), matti, matti.user)
        chat.take(conversation, riikka)
        chat.post(conversation, matti.user, "Kurkku on kipeä.", as_professional=False)
        chat.post(conversation, riikka, "Kysyn lääkäriltä", as_professional=True, internal=True)
        chat.post(conversation, riikka, "Varataan näyte.", as_professional=True)
        assert not WriteBack.objects.filter(resource_type="Communication").exists()  # not before closing
        chat.close(conversation, riikka, "Angiinaepäily, ohjattu näytteenottoon.")
    queued = WriteBack.objects.get(resource_type="Communication")
    assert queued.resource_key == str(conversation.public_id)
    assert _push_all() == ["sent"]
    record = LocalEhrRecord.objects.get(identifier=f"urn:luukku:communication|{conversation.public_id}")
    sent = record.resource
    Communication.model_validate(sent)
    assert sent["subject"]["identifier"] == {"system": HETU, "value": matti.hetu}
    assert sent["payload"][0]["contentString"] == "Angiinaepäily, ohjattu näytteenottoon."
    transcript = sent["payload"][1]["contentString"]
    assert "Kurkku on kipeä." in transcript and "Varataan näyte." in transcript
    assert "Kysyn lääkäriltä" not in transcript  # a consultation between professionals stays out
    assert sent["status"] == "completed" and sent["sender"]["reference"].startswith("Practitioner/")


def test_an_anonymous_chat_is_not_written_back(
    personas, django_user_model, django_capture_on_commit_callbacks
):
    from luukku.chat import services as chat
    from luukku.chat.tests.factories import open_queue

    riikka = django_user_model.objects.get(username="hoitaja.riikka")
    with django_capture_on_commit_callbacks(execute=True):
        conversation = chat.start(open_queue(), None, None)
        chat.take(conversation, riikka)
        chat.close(conversation, riikka, "Neuvottu.")
    assert not WriteBack.objects.filter(resource_type="Communication").exists()


def test_the_care_plan_reaches_the_ehr_whenever_it_changes(personas, django_capture_on_commit_callbacks):
    from fhir.resources.R4B.careplan import CarePlan

    from luukku.carepaths import services as carepaths
    from luukku.carepaths.tests.factories import care_path

    person = resident_user(age=55)
    with django_capture_on_commit_callbacks(execute=True):
        path = care_path(person)
    queued = WriteBack.objects.get(resource_type="CarePlan", resource_key=str(path.public_id))
    assert _push_all() == ["sent"]
    record = LocalEhrRecord.objects.get(identifier=f"urn:luukku:careplan|{path.public_id}")
    CarePlan.model_validate(record.resource)
    assert record.resource["subject"]["identifier"] == {"system": HETU, "value": person.hetu}
    with django_capture_on_commit_callbacks(execute=True):
        carepaths.post_message(path, person.user, "Kysymys", from_team=False)
    assert not WriteBack.objects.filter(status="pending").exists()  # a message does not change the plan
    with django_capture_on_commit_callbacks(execute=True):
        carepaths.end_path(path, None)
    assert _push_all() == ["sent"]
    record.refresh_from_db()
    assert record.writes == 2 and record.resource["status"] == "completed"
    queued.refresh_from_db()
    assert queued.status == "sent"
