"""The outbox: a message is stored first and delivered after the commit; a failure is kept and
retried with a growing delay, at most MAX_ATTEMPTS times; the SMS operator adapter speaks its API."""

import itertools

import pytest
import responses

from luukku.notify import services, tasks
from luukku.notify.adapters import DeliveryFailed, HttpSmsGateway
from luukku.notify.models import OutboundMessage
from luukku.notify.services import queue_message

pytestmark = pytest.mark.django_db

OPERATOR = {"url": "https://sms.example.fi/v1/messages", "sender": "Luukku", "token": "t", "timeout": 5}


class Failing:
    def send(self, to: str, subject: str, body: str) -> str:
        raise DeliveryFailed("ConnectionError")


class RecordingTask:
    """Stands in for the task where the code enqueues it: records what would run and when."""

    def __init__(self) -> None:
        self.enqueued: list[tuple[int, object]] = []
        self.run_after = None

    def using(self, run_after=None) -> "RecordingTask":
        self.run_after = run_after
        return self

    def enqueue(self, pk: int) -> None:
        self.enqueued.append((pk, self.run_after))


def test_a_message_is_delivered_only_after_the_commit(django_capture_on_commit_callbacks, monkeypatch):
    recorder = RecordingTask()
    monkeypatch.setattr(services, "deliver_message", recorder)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = queue_message("sms", "+358401234567", "Aika varattu", kind="booking.confirmation")
    assert recorder.enqueued == [] and len(callbacks) == 1
    callbacks[0]()
    assert recorder.enqueued == [(message.pk, None)]


def test_delivery_marks_it_sent_once():
    message = OutboundMessage.objects.create(channel="sms", to="+358401234567", body="Hei", kind="test")
    assert tasks.deliver_message.call(message.pk) == "sent"
    message.refresh_from_db()
    assert message.sent_at is not None and message.provider_id.startswith("local-") and message.attempts == 1
    assert tasks.deliver_message.call(message.pk) == "already sent"


def test_a_failure_is_kept_and_retried_with_a_growing_delay(monkeypatch, django_capture_on_commit_callbacks):
    deliver = tasks.deliver_message
    recorder = RecordingTask()
    monkeypatch.setattr(tasks, "sender_for", lambda channel: Failing())
    monkeypatch.setattr(tasks, "deliver_message", recorder)
    message = OutboundMessage.objects.create(channel="sms", to="+358401234567", body="Hei", kind="test")
    for _attempt in range(tasks.MAX_ATTEMPTS):
        with django_capture_on_commit_callbacks(execute=True):
            assert deliver.call(message.pk) == "failed"
    message.refresh_from_db()
    assert message.sent_at is None and message.attempts == tasks.MAX_ATTEMPTS
    assert message.last_error == "ConnectionError"
    retries = [run_after for _pk, run_after in recorder.enqueued]
    assert len(retries) == tasks.MAX_ATTEMPTS - 1  # the last failure is not retried
    assert all(later > earlier for earlier, later in itertools.pairwise(retries))


@responses.activate
def test_the_operator_gateway_posts_json_with_the_token_and_returns_its_id():
    responses.post(OPERATOR["url"], json={"id": "op-42"})
    assert HttpSmsGateway(OPERATOR).send("+358401234567", "", "Muistutus") == "op-42"
    sent = responses.calls[0].request
    assert sent.headers["Authorization"] == "Bearer t"
    assert b'"to": ["+358401234567"]' in sent.body and b'"sender": "Luukku"' in sent.body


@responses.activate
def test_the_operator_gateway_turns_errors_into_delivery_failures():
    responses.post(OPERATOR["url"], status=503)
    with pytest.raises(DeliveryFailed):
        HttpSmsGateway(OPERATOR).send("+358401234567", "", "Muistutus")
