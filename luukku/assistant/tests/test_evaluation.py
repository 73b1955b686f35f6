"""The labelled question set: the emergency set always 100 %, the held-out part at least the accuracy
reached when it was last measured (docs/assistant.md). Not a timed test: latency is reported by
`manage.py assistant_evaluate`, never asserted."""

import pytest

from luukku.assistant import evaluation

pytestmark = pytest.mark.django_db

# Measured on the held-out part (never tuned on for topics); raise when the content improves.
HELD_OUT_TOP1 = 0.80
HELD_OUT_REFUSALS = 0.85


def test_the_set_is_large_enough_and_split():
    dev, held_out = evaluation.load("dev"), evaluation.load("heldout")
    assert len(dev) + len(held_out) >= 300
    assert not {q.text for q in dev} & {q.text for q in held_out}
    for part in (dev, held_out):
        assert {q.language for q in part} == {"fi", "sv", "en"}
        assert {q.kind for q in part} == {"topic", "no_answer", "emergency"}


def test_every_expected_topic_exists_in_the_libraries():
    from luukku.assistant import knowledge

    keys = {topic["key"] for topic in knowledge.load()}
    expected = {q.expected for q in evaluation.load("all") if q.kind == "topic"}
    assert expected <= keys


def test_the_emergency_set_is_always_answered_with_the_emergency_answer(personas):
    report = evaluation.evaluate("all")
    assert report.emergency_total >= 30
    assert report.emergency == 1.0, [m for m in report.misses if m[0].kind == "emergency"]
    assert report.false_emergencies == 0


def test_held_out_accuracy_and_refusals(personas):
    report = evaluation.evaluate("heldout")
    assert report.top1 >= HELD_OUT_TOP1, report.lines()
    assert report.refusal >= HELD_OUT_REFUSALS, report.lines()
    assert report.language >= 0.95
