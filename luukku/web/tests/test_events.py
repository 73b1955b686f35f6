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


def test_every_event_kind_recorded_in_the_code_has_a_human_label():
    """The client-360 timeline shows labels, never codes: a new kind must come with its label."""
    import re
    from pathlib import Path

    from django.utils import translation

    from luukku.audit.services import event_label

    root = Path(__file__).resolve().parents[2]
    kinds = set()
    for source in root.rglob("*.py"):
        if "tests" in source.parts or "migrations" in source.parts:
            continue
        text = source.read_text()
        kinds |= set(re.findall(r'record_event\(\s*"([a-z_]+\.[a-z_]+)"', text))
        kinds |= set(re.findall(r'_event\(\s*"([a-z_]+\.[a-z_]+)"', text))
        kinds |= set(re.findall(r'event="([a-z_]+\.[a-z_]+)"', text))
    assert len(kinds) > 30
    with translation.override("fi"):
        unlabelled = sorted(kind for kind in kinds if event_label(kind) == kind)
    assert not unlabelled, unlabelled
