"""Demo: the home-care area of southern Kanta-Häme (Riihimäki, Hausjärvi, Janakkala, Loppi) with ~150
clients of the register aged 75 or over, 20 nurses, today's visits optimised and published.

Try it: `kotihoito.kaisa` (nurse, her day at /ammattilainen/kotihoito/paiva/, Lempi among her visits)
and `kotihoito.pirjo` (unit manager, the planner at /ammattilainen/kotihoito/suunnittelu/); Lempi (and
Matti with her mandate) see the visits and door openings at /oma/kotihoito/.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from luukku.identity import demo_accounts
from luukku.identity.models import OrgUnit, Professional, Resident, Role, RoleAssignment
from luukku.identity.personas import BY_KEY, DEMO_PASSWORD
from luukku.identity.services import resident_from_register
from luukku.registry.models import RegisterPerson

from . import demo_area, services
from .models import DayPlan, DoorOpening, HomeCareClient, Nurse, Shift, Visit, VisitNeed

UNIT_CODE = "kotihoito-etela"
NURSE_NAMES = (
    "Kaisa", "Anu", "Mervi", "Tiina", "Sari", "Jaana", "Minna", "Heidi", "Outi", "Riitta",
    "Katja", "Elina", "Hanne", "Leena", "Marjo", "Satu", "Tuula", "Johanna", "Pauliina", "Noora",
)  # fmt: skip


def _professional(username: str, first: str, last: str, title: str, role: str, unit: OrgUnit) -> Professional:
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    demo_accounts.mark(user)
    professional, _created = Professional.objects.get_or_create(user=user, defaults={"title": title})
    RoleAssignment.objects.get_or_create(
        professional=professional, role=role, unit=unit, defaults={"valid_from": dt.date(2023, 1, 1)}
    )
    return professional


def _unit() -> OrgUnit:
    unit, _created = OrgUnit.objects.update_or_create(
        code=UNIT_CODE,
        defaults={
            "name": "Etelä-Hämeen kotihoito",
            "name_sv": "Hemvården i södra Tavastland",
            "level": OrgUnit.Level.UNIT,
            "parent": OrgUnit.objects.get(code="avosairaanhoito"),
            "municipality_codes": list(demo_area.MUNICIPALITIES),
        },
    )
    return unit


def _residents(count: int) -> list[Resident]:
    """Lempi first (the persona who can look), then the register's oldest of the area."""
    people = [resident_from_register(BY_KEY["lempi"].hetu)]
    born_before = timezone.localdate().replace(year=timezone.localdate().year - 75)
    hetus = (
        RegisterPerson.objects.filter(
            municipality_code__in=list(demo_area.MUNICIPALITIES),
            birth_date__lte=born_before,
            date_of_death__isnull=True,
            address_protected=False,
        )
        .exclude(hetu=BY_KEY["lempi"].hetu)
        .order_by("hetu")
        .values_list("hetu", flat=True)[: count - 1]
    )
    people += [resident_from_register(hetu) for hetu in hetus]
    return people


@transaction.atomic
def seed_area() -> str:
    if (
        OrgUnit.objects.filter(code=UNIT_CODE).exists()
        and DayPlan.objects.filter(unit__code=UNIT_CODE, day=timezone.localdate()).exists()
    ):
        return ""
    unit = _unit()
    _professional(
        "kotihoito.pirjo", "Pirjo", "Suunnittelija", "kotihoidon esihenkilö", Role.UNIT_MANAGER, unit
    )
    nurses = []
    for spec in demo_area.nurses():
        first = NURSE_NAMES[spec.index % len(NURSE_NAMES)]
        username = "kotihoito.kaisa" if spec.index == 0 else f"kotihoito.hoitaja{spec.index:02d}"
        professional = _professional(username, first, "Kotihoitaja", "lähihoitaja", Role.NURSE, unit)
        nurse, _created = Nurse.objects.update_or_create(
            professional=professional,
            defaults={
                "unit": unit,
                "base_latitude": spec.base[0],
                "base_longitude": spec.base[1],
                "skills": list(spec.skills),
                "languages": list(spec.languages),
                "travel_mode": spec.mode,
            },
        )
        nurses.append(nurse)
    specs = demo_area.clients()
    people = _residents(len(specs))
    for spec, person in zip(specs, people, strict=False):
        client, created = HomeCareClient.objects.get_or_create(
            person=person,
            defaults={
                "unit": unit,
                "latitude": spec.point[0],
                "longitude": spec.point[1],
                "language": spec.language,
                "key_info": "Avain: sähkölukko. Lemmikki: kissa." if spec.index % 5 == 0 else "",
            },
        )
        if not created:
            continue
        for need_spec in spec.needs:
            need = VisitNeed.objects.create(
                client=client,
                weekdays=list(range(7)),
                window_start=dt.time(need_spec.window[0] // 60, need_spec.window[0] % 60),
                window_end=dt.time(need_spec.window[1] // 60, need_spec.window[1] % 60),
                duration_minutes=need_spec.duration,
                tasks=list(need_spec.tasks),
                skills=list(need_spec.skills),
                two_person=need_spec.two_person,
                remote=need_spec.remote,
            )
            need.preferred_nurses.set([nurses[i] for i in spec.preferred])
    today = timezone.localdate()
    for nurse in nurses:
        Shift.objects.get_or_create(
            nurse=nurse,
            day=today,
            defaults={
                "starts_at": services.at(today, dt.time(7)),
                "ends_at": services.at(today, dt.time(15)),
                "break_earliest": services.at(today, dt.time(10)),
                "break_latest": services.at(today, dt.time(13, 30)),
                "break_minutes": 30,
            },
        )
    generated = services.generate_visits(unit, today)
    plan = services.optimise_day(unit, today, seconds=10)
    lempi = HomeCareClient.objects.get(person=people[0])
    kaisa = nurses[0]
    lempis = Visit.objects.filter(client=lempi, day=today)
    lempis.update(nurse=kaisa, locked=True)
    services.publish(unit, today, None)
    if not DoorOpening.objects.filter(client=lempi).exists():
        DoorOpening.objects.create(
            client=lempi, visit=lempis.first(), nurse=kaisa, opened_at=timezone.now() - dt.timedelta(days=1)
        )
    return (
        f"home care: {len(people)} clients, {len(nurses)} nurses, {generated} visits today, "
        f"{plan.distance_m / 1000:.0f} km planned, {len(plan.unplanned)} unplanned"
    )
