"""Feedback triggers: service events after which a resident is invited to answer a survey.

An app (or feedback's own AppConfig.ready(), for apps that publish events already) registers a
`Trigger` with `register_trigger()`; its event receiver then calls
`feedback.services.service_event(kind, source_id)`. The trigger's `resolve(source_id)` says who took
part, where, and when the event ends - or None when it did not happen (a cancelled booking) - and is
asked again when the invitation is due, so a booking cancelled in between sends nothing.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from luukku.identity.models import OrgUnit, Resident


@dataclass(frozen=True)
class ServiceEvent:
    unit: OrgUnit
    ends_at: dt.datetime
    person: Resident | None = None
    service_code: str = ""  # the feedback target's service code, e.g. a booking service or chat:<queue>
    phone: str = ""
    email: str = ""
    language: str = "fi"


@dataclass(frozen=True)
class Trigger:
    kind: str  # e.g. "appointment": sources are "appointment:<id>"
    label: str | Promise
    survey_key: str
    resolve: Callable[[str], ServiceEvent | None]
    delay: dt.timedelta = dt.timedelta(hours=2)  # after the event ends


_triggers: dict[str, Trigger] = {}


def register_trigger(trigger: Trigger) -> None:
    _triggers[trigger.kind] = trigger


def trigger(kind: str) -> Trigger | None:
    return _triggers.get(kind)


def triggers() -> list[Trigger]:
    return sorted(_triggers.values(), key=lambda t: t.kind)
