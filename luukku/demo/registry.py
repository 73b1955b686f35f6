"""Demo seeders, registered by the apps from their AppConfig.ready(); `setup_demo` runs them in order.

A seeder is idempotent (it may run on every `./run demo`) and returns a line for the console or "".
This module imports no app, so any app may register here.
"""

from collections.abc import Callable
from dataclasses import dataclass

# Orders used by the apps: the organisation first, then people, content, and what depends on them.
# Everything below SCHEDULES is also the shared test county that the test suite seeds once per session
# (root conftest.py), so keep those seeders small; volume (slots, a year of answers) goes at SCHEDULES.
ORGANISATION, PEOPLE, CONTENT, SERVICES, SCHEDULES = 10, 20, 30, 40, 50


@dataclass(frozen=True)
class Seeder:
    name: str
    run: Callable[[], str]
    order: int


_seeders: dict[str, Seeder] = {}


def register(seeder: Seeder) -> None:
    _seeders[seeder.name] = seeder


def seeders() -> list[Seeder]:
    return sorted(_seeders.values(), key=lambda s: (s.order, s.name))


def test_county() -> list[Seeder]:
    """The seeders of the shared test county: the organisation, people, content and services."""
    return [seeder for seeder in seeders() if seeder.order < SCHEDULES]
