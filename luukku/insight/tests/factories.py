"""Insight's test factories: events in the audit event log as the apps record them, at given times."""

import datetime as dt
import itertools

from luukku.audit.models import Event
from luukku.audit.services import record_event
from luukku.booking.models import Campaign, Service
from luukku.identity.models import OrgUnit, Resident
from luukku.testing import resident_user

_codes = itertools.count(1)


def at(day: str, hour: int = 10) -> dt.datetime:
    """A time on a Helsinki day (10:00 local is 07:00 or 08:00 UTC)."""
    from zoneinfo import ZoneInfo

    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=ZoneInfo("Europe/Helsinki"))


def event(kind: str, when: dt.datetime, subject: Resident | None = None, actor=None, **data) -> Event:
    made = record_event(kind, subject=subject, actor=actor, **data)
    Event.objects.filter(pk=made.pk).update(at=when)
    return made


def service(
    unit: str = "rmk-terveysasema", appointment_type: str = "in_person", campaign: bool = False
) -> Service:
    number = next(_codes)
    found = None
    if campaign:
        found, _ = Campaign.objects.get_or_create(
            code="test-flu",
            defaults={"name": "Flu", "starts_on": dt.date(2025, 10, 1), "ends_on": dt.date(2026, 3, 1)},
        )
    return Service.objects.create(
        code=f"test-service-{number}",
        name=f"Test service {number}",
        unit=OrgUnit.objects.get(code=unit),
        appointment_type=appointment_type,
        campaign=found,
    )


def resident(age: int = 40, **kwargs) -> Resident:
    """A resident who has signed in (has a user account)."""
    return resident_user(age=age, **kwargs)
