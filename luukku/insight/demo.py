"""Demo: three years of generated service use for the warehouse, with seasons and a growing digital
share, so that every indicator and chart of the dashboard shows values. Runs after the booking seeder
(the services and the flu campaign exist) and loads the warehouse at the end.

The events are written straight to the event log as the apps would record them, each with
`generated: true` in its data (the dashboard counts them like any other)."""

import datetime as dt
import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

HELSINKI = ZoneInfo("Europe/Helsinki")
YEARS = 3
COHORT = 1000  # residents mirrored from the demo register for the history
# Relative volume by month (Jan..Dec): respiratory infections in winter, the summer holidays low.
HEALTH_SEASON = (1.3, 1.25, 1.15, 1.0, 0.9, 0.75, 0.6, 0.75, 1.0, 1.1, 1.2, 1.15)
WEEKDAY = (1.25, 1.1, 1.05, 1.0, 0.9, 0.35, 0.25)
# Daily volumes per 1 000 residents (of the order of Oma Häme's published figures per resident).
DAILY = {
    "signed_in": 14.0,
    "booking": 6.0,
    "chat": 2.0,
    "assessment": 3.0,
    "contact": 5.0,
    "pre_information": 2.0,
    "audit": 0.4,
    "care_path": 0.3,
    "flu": 8.0,
}
DIGITAL_FROM, DIGITAL_TO = 0.38, 0.46  # the share of digital contacts, three years ago and today


@dataclass(frozen=True)
class Catalogue:
    residents: list[int]  # Resident ids
    services: list[str]
    video: list[str]
    campaign: list[str]
    queues: list[str]
    units: list[str]
    templates: list[str]


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _when(rng: random.Random, day: dt.date) -> dt.datetime:
    local = dt.datetime.combine(day, dt.time(rng.randint(7, 20), rng.randint(0, 59)), HELSINKI)
    return local.astimezone(dt.UTC)


def history(catalogue: Catalogue, start: dt.date, end: dt.date, seed: int = 18) -> Iterator[tuple]:
    """(at, kind, subject id, data) of every generated event from `start` to `end` (exclusive)."""
    rng = random.Random(seed)
    days = (end - start).days
    flu_season = {10, 11, 12}
    per_thousand = len(catalogue.residents) / 1000
    # Each resident's need of services (log-normal: a few use a lot), drifting a little every month, so
    # this year's use predicts next year's.
    need = [rng.lognormvariate(0, 1.1) for _ in catalogue.residents]

    def person() -> int:
        return rng.choices(catalogue.residents, cum_weights=cumulative)[0]

    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        season, weekday = HEALTH_SEASON[day.month - 1], WEEKDAY[day.weekday()]
        digital = DIGITAL_FROM + (DIGITAL_TO - DIGITAL_FROM) * offset / max(days - 1, 1)
        growth = 0.85 + 0.3 * offset / max(days - 1, 1)  # e-services are used more every year
        if offset % 30 == 0:  # needs change slowly
            need = [n * rng.lognormvariate(0, 0.08) for n in need]
            cumulative = list(itertools.accumulate(need))

        def volume(key: str, seasonal: bool = True, weekday=weekday, season=season, growth=growth) -> int:
            return _poisson(rng, DAILY[key] * per_thousand * weekday * (season if seasonal else 1.0) * growth)

        for _ in range(volume("signed_in", seasonal=False)):
            yield _when(rng, day), "identity.signed_in", person(), {"method": rng.choice(("bank", "mobile"))}
        for _ in range(volume("booking")):
            web = rng.random() < digital + 0.25
            video = catalogue.video and rng.random() < 0.08
            service = rng.choice(catalogue.video if video else catalogue.services)
            booked_as = "self" if web else "professional"
            yield _when(rng, day), "booking.booked", person(), {"service": service, "booked_as": booked_as}
        if day.month in flu_season and catalogue.campaign:
            for _ in range(
                _poisson(rng, DAILY["flu"] * per_thousand * weekday * (1.6 if day.month == 10 else 0.8))
            ):
                booked_as = "self" if rng.random() < digital + 0.3 else "professional"
                service = rng.choice(catalogue.campaign)
                yield (
                    _when(rng, day),
                    "booking.booked",
                    person(),
                    {"service": service, "booked_as": booked_as},
                )
        for _ in range(volume("chat")):
            yield _when(rng, day), "chat.started", person(), {"queue": rng.choice(catalogue.queues)}
        for _ in range(volume("assessment")):
            by_phone = rng.random() > digital + 0.1
            route = rng.choices(("self_care", "hyte", "booking", "chat", "call_112"), (30, 12, 40, 15, 3))[0]
            yield (
                _when(rng, day),
                "assessment.made",
                person(),
                {"urgency": "non_urgent", "route": route, "by_professional": by_phone},
            )
        for _ in range(volume("contact")):
            channel = "phone" if rng.random() < 0.7 else "in_person"
            yield (
                _when(rng, day),
                "insight.contact_logged",
                None,
                {"channel": channel, "unit": rng.choice(catalogue.units), "topic": "appointment"},
            )
        for _ in range(volume("pre_information")):
            who, key = person(), "esitiedot"
            yield _when(rng, day), "questionnaire.activated", who, {"key": key, "source": "generated"}
            fate = rng.random()
            later = _when(rng, min(day + dt.timedelta(days=rng.randint(0, 5)), end - dt.timedelta(days=1)))
            if fate < 0.72:
                yield later, "questionnaire.activation_answered", who, {"key": key}
            elif fate < 0.8:
                yield later, "questionnaire.activation_cancelled", who, {"key": key, "source": "generated"}
        for _ in range(volume("audit", seasonal=False)):
            score = min(40, max(0, round(rng.lognormvariate(1.6, 0.7))))
            yield (
                _when(rng, day),
                "questionnaire.answered",
                person(),
                {"key": "audit", "scores": {"audit": score}},
            )
        for _ in range(volume("care_path")):
            who, template = person(), rng.choice(catalogue.templates)
            yield _when(rng, day), "carepath.started", who, {"template": template, "path": "generated"}
            ends = day + dt.timedelta(days=rng.randint(30, 200))
            if ends < end:
                yield _when(rng, ends), "carepath.ended", who, {"template": template, "path": "generated"}


def _catalogue(rng: random.Random) -> Catalogue | None:
    from luukku.booking.models import AppointmentType, Service
    from luukku.carepaths.models import PathTemplate
    from luukku.chat.models import ChatQueue
    from luukku.identity.models import OrgUnit, Resident
    from luukku.identity.services import SignInRefused, resident_from_register
    from luukku.registry.models import RegisterPerson

    known = set(Resident.objects.values_list("hetu", flat=True))
    wanted = max(0, COHORT - len(known))
    for hetu in (
        RegisterPerson.objects.exclude(hetu__in=known)
        .order_by("hetu")
        .values_list("hetu", flat=True)[:wanted]
    ):
        try:
            resident_from_register(hetu)
        except SignInRefused:
            continue
    residents = list(Resident.objects.filter(date_of_death__isnull=True).values_list("pk", flat=True))
    services = Service.objects.filter(active=True)
    ordinary = list(services.filter(campaign__isnull=True).values_list("code", flat=True))
    if not residents or not ordinary:
        return None
    return Catalogue(
        residents=residents,
        services=ordinary,
        video=list(services.filter(appointment_type=AppointmentType.VIDEO).values_list("code", flat=True)),
        campaign=list(services.filter(campaign__isnull=False).values_list("code", flat=True)),
        queues=list(ChatQueue.objects.values_list("code", flat=True)),
        units=list(OrgUnit.objects.filter(level=OrgUnit.Level.UNIT).values_list("code", flat=True)),
        templates=list(PathTemplate.objects.values_list("code", flat=True)) or ["generic"],
    )


def seed_history(today: dt.date | None = None) -> str:
    """Three years of history up to yesterday, once; then (always) a warehouse load."""
    from luukku.audit.models import Event

    from . import marts, risk, warehouse

    today = today or timezone.localdate()
    if not Event.objects.filter(data__generated=True).exists():
        rng = random.Random(18)
        catalogue = _catalogue(rng)
        if catalogue is None:
            return "insight: no services to generate history for"
        start = dt.date(today.year - YEARS, today.month, 1)
        batch: list[Event] = []
        written = 0
        with transaction.atomic():
            for at, kind, subject, data in history(catalogue, start, today):
                batch.append(Event(at=at, kind=kind, subject_id=subject, data={**data, "generated": True}))
                if len(batch) >= 5000:
                    Event.objects.bulk_create(batch)
                    written += len(batch)
                    batch = []
            Event.objects.bulk_create(batch)
            written += len(batch)
        line = f"{written} events of generated history since {start:%-m/%Y}"
    else:
        line = "generated history already there"
    result = warehouse.load()
    line += f"; warehouse loaded ({result.events} new events, {result.seconds:.1f} s)"
    con = warehouse.connect(read_only=True)
    try:
        model = risk.train(marts.DuckDBEngine(con), today)
        risk.save(model)
        line += f"; risk model ROC AUC {model.evaluation['held_out'].get('roc_auc')} on the held-out year"
    except ValueError as error:
        line += f"; no risk model ({error})"
    finally:
        con.close()
    return line
