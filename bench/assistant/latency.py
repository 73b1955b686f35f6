"""Assi's answering latency, by hand: every labelled question answered ROUNDS times in-process against the
database in LUUKKU_DATABASE_URL (seeded with the knowledge base), warm index; prints percentiles.

    LUUKKU_DATABASE_URL=... .venv/bin/python bench/assistant/latency.py [rounds]
"""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
django.setup()

from luukku.assistant import evaluation, services  # noqa: E402


def main(rounds: int) -> None:
    questions = evaluation.load("all")
    services.answer("warm up")
    started = time.perf_counter()
    timings = []
    for _ in range(rounds):
        for question in questions:
            _reply, elapsed = services.timed_answer(question.text)
            timings.append(elapsed)
    total = time.perf_counter() - started
    timings.sort()

    def at(p: float) -> float:
        return timings[min(len(timings) - 1, int(p / 100 * len(timings)))]

    print(f"{len(timings)} answers in {total:.1f} s ({len(timings) / total:.0f}/s)")
    print(f"p50 {at(50):.1f} ms  p95 {at(95):.1f} ms  p99 {at(99):.1f} ms  max {timings[-1]:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
