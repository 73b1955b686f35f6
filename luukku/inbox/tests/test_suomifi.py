"""Letters to Suomi.fi Messages: electronic to an active mailbox, printed otherwise; failures retried
with a growing delay, never sent twice (the external id), statuses only move forward; the PDF is a PDF;
the production adapter speaks the REST interface as documented in adapters.py."""

import json

import pytest
import responses

from luukku.audit.models import Event
from luukku.inbox import adapters, services, tasks
from luukku.inbox.models import SuomiFiDispatch
from luukku.testing import resident_user

from .factories import message

pytestmark = pytest.mark.django_db
_REAL = tasks.dispatch_letter


@pytest.fixture
def service(monkeypatch):
    local = adapters.LocalMessagesService()
    monkeypatch.setattr(adapters, "messages_service", lambda: local)
    return local


class Recorder:
    def __init__(self) -> None:
        self.enqueued = []
        self.run_after = None

    def using(self, run_after=None):
        self.run_after = run_after
        return self

    def enqueue(self, *args):
        self.enqueued.append((args, self.run_after))


def test_an_adult_gets_it_electronically_an_old_person_on_paper(service):
    adult, old = resident_user(age=40), resident_user(age=82)
    for person in (adult, old):
        letter = message(person, key="paatos", letter=True, notify=False)
        assert tasks.dispatch_letter.call(letter.pk) in ("sent", "paper")
    assert SuomiFiDispatch.objects.get(message__thread__person=adult).status == "sent"
    assert SuomiFiDispatch.objects.get(message__thread__person=old).status == "paper"
    assert Event.objects.filter(kind="inbox.letter_paper", subject=old).exists()
    assert Event.objects.filter(kind="inbox.letter_sent", subject=adult).exists()
    assert services.poll_dispatches() >= 1
    assert SuomiFiDispatch.objects.get(message__thread__person=adult).status == "received"
    services.poll_dispatches()
    assert SuomiFiDispatch.objects.get(message__thread__person=adult).status == "read"
    services.poll_dispatches()
    assert SuomiFiDispatch.objects.get(message__thread__person=old).status == "paper"


def test_a_failure_is_retried_later_and_sent_once(service, monkeypatch, django_capture_on_commit_callbacks):
    person = resident_user(age=40)
    letter = message(person, key="paatos", letter=True, notify=False)
    service.fail_next = 2
    recorder = Recorder()
    monkeypatch.setattr(tasks, "dispatch_letter", recorder)  # where the task re-enqueues itself
    outcome = []
    for _attempt in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            outcome.append(_REAL.call(letter.pk))
    assert outcome == ["failed", "failed", "sent"]
    assert [after is not None for _args, after in recorder.enqueued] == [True, True]
    assert recorder.enqueued[1][1] > recorder.enqueued[0][1]  # a growing delay
    dispatch = SuomiFiDispatch.objects.get(message=letter)
    assert dispatch.attempts == 3 and dispatch.last_error == ""
    assert len(service.sent) == 1
    assert _REAL.call(letter.pk) == "done already"


def test_a_worker_killed_after_sending_does_not_send_twice(service, monkeypatch):
    person = resident_user(age=40)
    letter = message(person, key="paatos", letter=True, notify=False)
    original = SuomiFiDispatch.save

    def crash(self, *args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(SuomiFiDispatch, "save", crash)
    with pytest.raises(SystemExit):
        _REAL.call(letter.pk)
    monkeypatch.setattr(SuomiFiDispatch, "save", original)
    assert SuomiFiDispatch.objects.get(message=letter).status == "queued"  # rolled back: still owed
    assert _REAL.call(letter.pk) == "sent"
    assert len(service.sent) == 1  # the service answered the second call by the external id


def test_the_letter_is_a_pdf_in_the_persons_language():
    person = resident_user(age=40)
    person.language = "sv"
    person.save(update_fields=["language"])
    letter = message(person, key="paatos", letter=True, notify=False, body="Beslut om hemvård.")
    pdf = services.letter_pdf(letter)
    assert pdf.startswith(b"%PDF") and b"/Lang" in pdf


API = {
    "backend": "rest",
    "url": "https://api.messages-qa.suomi.fi",
    "username": "u",
    "password": "p",
    "service_id": "luukku",
    "paper_contact_email": "posti@example.fi",
    "paper_username": "pu",
    "paper_password": "pp",
    "sender_address": {"name": "Hyvinvointialue", "streetAddress": "Katu 1", "zipCode": "13100", "city": "X"},
    "timeout": 5,
}


@responses.activate
def test_the_rest_adapter_uploads_the_pdf_and_sends_with_the_external_id():
    responses.post(f"{API['url']}/v1/token", json={"access_token": "T"})
    responses.post(f"{API['url']}/v1/files", json={"fileId": "f-1"})
    responses.post(f"{API['url']}/v1/messages", json={"messageId": 42})
    adapter = adapters.SuomiFiMessagesRest(API)
    letter = adapters.Letter("ext-1", "010101-123N", "Testi", "Päätös", "Kirje", b"%PDF-1.4", "p.pdf")
    assert adapter.send(letter).provider_id == "42"
    sent = json.loads(responses.calls[2].request.body)
    assert sent["externalId"] == "ext-1" and sent["electronic"]["files"] == [{"fileId": "f-1"}]
    assert responses.calls[2].request.headers["Authorization"] == "Bearer T"


@responses.activate
def test_the_rest_adapter_treats_a_duplicate_as_sent_and_a_5xx_as_a_failure():
    responses.post(f"{API['url']}/v1/token", json={"access_token": "T"})
    responses.post(f"{API['url']}/v1/files", json={"fileId": "f-1"})
    responses.post(f"{API['url']}/v1/messages", status=409, json={"reason": "duplicate"})
    adapter = adapters.SuomiFiMessagesRest(API)
    letter = adapters.Letter("ext-1", "010101-123N", "Testi", "Päätös", "Kirje", b"%PDF-1.4", "p.pdf")
    adapter.send(letter)
    responses.replace(responses.POST, f"{API['url']}/v1/messages", status=503)
    with pytest.raises(adapters.DeliveryFailed):
        adapter.send(letter)


def test_the_sweep_sends_what_a_dead_worker_left(service):
    from io import StringIO

    from django.core.management import call_command

    person = resident_user(age=40)
    letter = message(person, key="paatos", letter=True)
    out = StringIO()
    call_command("inbox_sweep", stdout=out)
    assert SuomiFiDispatch.objects.get(message=letter).status in ("sent", "received")
    assert "1 letters sent" in out.getvalue()
    assert letter.notices.get().sent_at is not None
