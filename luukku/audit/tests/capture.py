"""Capture what the security log writes, as its sink would receive it (formatted JSON lines)."""

import io
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from luukku.audit import security_log


class Captured:
    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stream.getvalue().splitlines() if line]

    @property
    def events(self) -> list[dict]:
        """Every line parsed as JSON (a line that is not JSON fails the test here)."""
        return [json.loads(line) for line in self.lines]

    def actions(self) -> list[str]:
        return [event["event"]["action"] for event in self.events]

    def of(self, action: str, outcome: str | None = None) -> list[dict]:
        return [
            e
            for e in self.events
            if e["event"]["action"] == action and (outcome is None or e["event"]["outcome"] == outcome)
        ]

    def one(self, action: str, outcome: str | None = None) -> dict:
        found = self.of(action, outcome)
        assert len(found) == 1, f"{len(found)} {action!r} events in {self.actions()}"
        return found[0]


@contextmanager
def security_events() -> Iterator[Captured]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(security_log.EcsJsonFormatter())
    security_log.logger.addHandler(handler)
    try:
        yield Captured(stream)
    finally:
        security_log.logger.removeHandler(handler)
