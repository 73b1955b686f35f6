"""Cross-app events: delivered only after the sender's commit, each receiver on its own."""

from dataclasses import dataclass

import pytest
from django.db import transaction

from luukku.audit.models import Event
from luukku.audit.services import record_event
from luukku.web import events

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass(frozen=True)
class Happened:
    number: int


@pytest.fixture
def received(monkeypatch):
    monkeypatch.setattr(events, "_receivers", events.defaultdict(dict))
    got: list[int] = []
    events.subscribe(Happened, "test.first", lambda event: (_ for _ in ()).throw(RuntimeError("boom")))
    events.subscribe(Happened, "test.second", lambda event: got.append(event.number))
    return got


def test_nothing_is_delivered_before_the_commit_nor_after_a_rollback(received):
    with transaction.atomic():
        events.publish(Happened(1))
        assert received == []
    assert received == [1]
    with pytest.raises(ValueError), transaction.atomic():
        events.publish(Happened(2))
        raise ValueError
    assert received == [1]


def test_a_failing_receiver_loses_nothing_of_the_sender_nor_stops_the_others(received, caplog):
    with transaction.atomic():
        record_event("test.sent")
        events.publish(Happened(3))
    assert Event.objects.filter(kind="test.sent").exists()
    assert received == [3]
    assert "receiver test.first failed for Happened" in caplog.text


def test_a_receivers_own_writes_roll_back_alone(monkeypatch):
    monkeypatch.setattr(events, "_receivers", events.defaultdict(dict))

    def half_done(event):
        record_event("test.half")
        raise RuntimeError("after writing")

    events.subscribe(Happened, "test.half", half_done)
    with transaction.atomic():
        record_event("test.sent")
        events.publish(Happened(4))
    assert Event.objects.filter(kind="test.sent").exists()
    assert not Event.objects.filter(kind="test.half").exists()
