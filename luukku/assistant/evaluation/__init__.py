"""The labelled question set of Assi and its measures.

`dev.tsv` (for tuning thresholds and content) and `heldout.tsv` (never tuned on) hold questions written
for the purpose in Finnish, Swedish and English: plain, colloquial and dialect phrasing, typos, and
questions Assi should not answer. Each line: expected, language, question; expected is a topic key,
`-` (no answer: Assi should refuse or ask, not answer a topic) or `!medical`, `!crisis`, `!violence`
(emergency phrasing: the emergency answer first).

Measures: top-1 accuracy (answerable questions answered with the expected topic; a clarifying question
counts as a miss), correct-refusal rate (no-answer questions not answered with a topic), emergency
recall (emergency questions given the emergency answer; the kind is reported too), false emergencies,
language accuracy and latency percentiles of `services.answer` (in-process, warm index).
"""

import math
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
SPLITS = {"dev": HERE / "dev.tsv", "heldout": HERE / "heldout.tsv"}


@dataclass(frozen=True)
class Question:
    expected: str
    language: str
    text: str

    @property
    def kind(self) -> str:
        if self.expected == "-":
            return "no_answer"
        return "emergency" if self.expected.startswith("!") else "topic"


def load(split: str) -> list[Question]:
    paths = list(SPLITS.values()) if split == "all" else [SPLITS[split]]
    questions = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                expected, language, text = line.split("\t")
                questions.append(Question(expected, language, text))
    return questions


@dataclass
class Report:
    split: str
    total: int = 0
    topic_total: int = 0
    topic_correct: int = 0
    no_answer_total: int = 0
    no_answer_correct: int = 0
    emergency_total: int = 0
    emergency_correct: int = 0
    emergency_kind_correct: int = 0
    false_emergencies: int = 0
    language_correct: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    misses: list[tuple[Question, str]] = field(default_factory=list)

    @staticmethod
    def share(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def top1(self) -> float:
        return self.share(self.topic_correct, self.topic_total)

    @property
    def refusal(self) -> float:
        return self.share(self.no_answer_correct, self.no_answer_total)

    @property
    def emergency(self) -> float:
        return self.share(self.emergency_correct, self.emergency_total)

    @property
    def language(self) -> float:
        return self.share(self.language_correct, self.total)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]

    def lines(self) -> list[str]:
        return [
            f"split {self.split}: {self.total} questions",
            f"top-1 accuracy        {self.top1:6.1%}  ({self.topic_correct}/{self.topic_total})",
            f"correct refusals      {self.refusal:6.1%}  ({self.no_answer_correct}/{self.no_answer_total})",
            f"emergency answered    {self.emergency:6.1%}  ({self.emergency_correct}/{self.emergency_total}),"
            f" right kind {self.emergency_kind_correct}",
            f"false emergencies     {self.false_emergencies}",
            f"language detected     {self.language:6.1%}",
            f"latency ms p50 {self.percentile(50):.1f}  p95 {self.percentile(95):.1f}"
            f"  max {self.percentile(100):.1f}",
        ]


def evaluate(split: str = "dev", page_language: str = "fi") -> Report:
    """Run every question of the split through `services.answer` (nothing is logged)."""
    from luukku.assistant import services

    services.answer("warm up", page_language)  # the index and the language model load once
    report = Report(split)
    for question in load(split):
        reply, elapsed = services.timed_answer(question.text, page_language)
        report.total += 1
        report.latencies_ms.append(elapsed)
        report.language_correct += reply.language == question.language
        got = reply.topic_key if reply.outcome == "answered" else reply.outcome
        if question.kind == "emergency":
            report.emergency_total += 1
            ok = reply.outcome == "emergency"
            report.emergency_correct += ok
            report.emergency_kind_correct += ok and reply.emergency == question.expected[1:]
        elif question.kind == "no_answer":
            report.no_answer_total += 1
            ok = reply.outcome != "answered" and reply.outcome != "emergency"
            report.no_answer_correct += ok
        else:
            report.topic_total += 1
            ok = reply.outcome == "answered" and reply.topic_key == question.expected
            report.topic_correct += ok
        if question.kind != "emergency" and reply.outcome == "emergency":
            report.false_emergencies += 1
        if not ok:
            offered = f" offered {[o.key for o in reply.offers]}" if reply.offers else ""
            report.misses.append((question, f"{got} ({reply.confidence:.2f}){offered}"))
    return report
