"""Home care's test factories: a unit with nurses, clients of the register, today's shifts and visits."""

import datetime as dt

from django.utils import timezone

from luukku.homecare import services
from luukku.homecare.models import HomeCareClient, Nurse, Shift, Visit, VisitNeed
from luukku.identity.models import OrgUnit, Professional, Role
from luukku.testing import professional, resident

RIIHIMAKI = (60.7394, 24.7727)


def homecare_unit(code: str = "test-kotihoito") -> OrgUnit:
    unit, _created = OrgUnit.objects.get_or_create(
        code=code,
        defaults={
            "name": "Testikotihoito",
            "level": OrgUnit.Level.UNIT,
            "parent": OrgUnit.objects.get(code="avosairaanhoito"),
            "municipality_codes": ["694"],
        },
    )
    return unit


def nurse(unit: OrgUnit | None = None, pro: Professional | None = None, **kwargs) -> Nurse:
    unit = unit or homecare_unit()
    pro = pro or professional(Role.NURSE, unit=unit)
    kwargs.setdefault("base_latitude", RIIHIMAKI[0])
    kwargs.setdefault("base_longitude", RIIHIMAKI[1])
    kwargs.setdefault("skills", ["medication"])
    kwargs.setdefault("languages", ["fi"])
    return Nurse.objects.create(professional=pro, unit=unit, **kwargs)


def shift(n: Nurse, day: dt.date | None = None, start: int = 7, end: int = 15, **kwargs) -> Shift:
    day = day or timezone.localdate()
    kwargs.setdefault("break_earliest", services.at(day, dt.time(10)))
    kwargs.setdefault("break_latest", services.at(day, dt.time(13)))
    return Shift.objects.create(
        nurse=n,
        day=day,
        starts_at=services.at(day, dt.time(start)),
        ends_at=services.at(day, dt.time(end)),
        **kwargs,
    )


def client(unit: OrgUnit | None = None, person=None, offset: tuple[float, float] = (0.01, 0.01), **kwargs):
    person = person or resident(age=85, municipality_code="694")
    return HomeCareClient.objects.create(
        person=person,
        unit=unit or homecare_unit(),
        latitude=RIIHIMAKI[0] + offset[0],
        longitude=RIIHIMAKI[1] + offset[1],
        **kwargs,
    )


def need(c: HomeCareClient, window=(dt.time(8), dt.time(10)), minutes: int = 30, **kwargs) -> VisitNeed:
    kwargs.setdefault("weekdays", list(range(7)))
    kwargs.setdefault("tasks", ["medication", "breakfast"])
    return VisitNeed.objects.create(
        client=c, window_start=window[0], window_end=window[1], duration_minutes=minutes, **kwargs
    )


def visit_today(
    c: HomeCareClient, n: Nurse | None = None, *, hours: tuple[int, int] | None = None, **kwargs
) -> Visit:
    """A visit of today around now (or in the given hours), assigned to the nurse."""
    day = timezone.localdate()
    if hours is None:
        now = timezone.now()
        start, end = now - dt.timedelta(minutes=20), now + dt.timedelta(hours=1)
    else:
        start, end = services.at(day, dt.time(hours[0])), services.at(day, dt.time(hours[1]))
    kwargs.setdefault("tasks", ["medication", "breakfast"])
    return Visit.objects.create(
        client=c, day=day, window_start=start, window_end=end, duration_minutes=30, nurse=n, **kwargs
    )
