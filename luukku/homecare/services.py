"""Home care's rules: visits from care plans, optimised and moved routes, the nurse's visit, door opening.

Care and service plan: Social Welfare Act 1301/2014 § 19 (home service), § 39 (plan); Health Care Act
1326/2010 § 25 (home nursing); the plan's visits are what the client is entitled to, so a pause
(hospital stay) cancels planned visits and an extra visit is a one-off addition. Door opening: every
opening is logged and shown to the client (Client Data Act 703/2023 § 17, the client's right to see
who handled their data, applied to the key to their home).
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from luukku.access.policy import require
from luukku.audit.services import record_event
from luukku.identity.models import OrgUnit, Resident
from luukku.web import events

from . import optimiser
from .adapters import locks, routing
from .events import VisitDone
from .models import DayPlan, DoorKey, DoorOpening, HomeCareClient, Nurse, Pause, Shift, Visit, VisitNeed

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
CONTINUITY_DAYS = 30  # continuity of care is measured over the past month
KEY_LEAD = dt.timedelta(minutes=30)  # a visit's door key is valid from 30 min before its window …
KEY_TAIL = dt.timedelta(minutes=60)  # … to an hour after its latest possible end
OPEN_VISITS = (Visit.Status.PLANNED, Visit.Status.STARTED)


def at(day: dt.date, time: dt.time) -> dt.datetime:
    """A wall-clock time of a day in Helsinki as an aware datetime (stored as UTC)."""
    return dt.datetime.combine(day, time, tzinfo=HELSINKI)


def seconds_of(moment: dt.datetime, day: dt.date) -> int:
    """Seconds from the day's local midnight (the optimiser's clock)."""
    return int((moment - at(day, dt.time(0))).total_seconds())


def moment_of(seconds: int, day: dt.date) -> dt.datetime:
    return at(day, dt.time(0)) + dt.timedelta(seconds=seconds)


def scope(item: object) -> tuple[str, str]:
    """Home care's client data is health data (home nursing, medication) of the home-care service."""
    return "health", "homecare"


# --- Plans to visits --------------------------------------------------------------------------------


def is_paused(client: HomeCareClient, day: dt.date) -> bool:
    return client.pauses.filter(starts__lte=day, ends__gte=day).exists()


@transaction.atomic
def generate_visits(unit: OrgUnit, day: dt.date) -> int:
    """The day's visits from the plans of the unit's active clients; paused days get none. Idempotent."""
    created = 0
    needs = VisitNeed.objects.filter(client__unit=unit, client__active=True).select_related("client")
    paused = set(
        Pause.objects.filter(client__unit=unit, starts__lte=day, ends__gte=day).values_list(
            "client_id", flat=True
        )
    )
    for need in needs:
        if day.weekday() not in need.weekdays or need.client_id in paused:
            continue
        _visit, made = Visit.objects.get_or_create(
            client=need.client,
            need=need,
            day=day,
            defaults={
                "window_start": at(day, need.window_start),
                "window_end": at(day, need.window_end),
                "duration_minutes": need.duration_minutes,
                "tasks": list(need.tasks),
                "skills": list(need.skills),
                "two_person": need.two_person,
                "remote": need.remote,
            },
        )
        created += made
    return created


@transaction.atomic
def pause_visits(client: HomeCareClient, starts: dt.date, ends: dt.date, reason: str, actor) -> int:
    """A hospital stay or other pause: planned visits of those days are cancelled, none are generated."""
    if ends < starts:
        raise ValidationError(_("The pause cannot end before it starts."))
    Pause.objects.create(client=client, starts=starts, ends=ends, reason=reason)
    cancelled = Visit.objects.filter(
        client=client, day__gte=starts, day__lte=ends, status=Visit.Status.PLANNED
    ).update(status=Visit.Status.CANCELLED, nurse=None, second_nurse=None)
    record_event("homecare.paused", subject=client.person, actor=actor, days=(ends - starts).days + 1)
    return cancelled


def extra_visit(
    client: HomeCareClient,
    day: dt.date,
    window: tuple[dt.time, dt.time],
    duration_minutes: int,
    tasks: list[str],
    actor,
    remote: bool = False,
) -> Visit:
    if window[1] < window[0]:
        raise ValidationError(_("The time window ends before it starts."))
    visit = Visit.objects.create(
        client=client,
        day=day,
        window_start=at(day, window[0]),
        window_end=at(day, window[1]),
        duration_minutes=duration_minutes,
        tasks=tasks,
        extra=True,
        remote=remote,
    )
    record_event("homecare.extra_visit", subject=client.person, actor=actor, visit=str(visit.public_id))
    return visit


# --- The optimiser on the database --------------------------------------------------------------------


def day_visits(unit: OrgUnit, day: dt.date) -> QuerySet[Visit]:
    return (
        Visit.objects.filter(client__unit=unit, day=day)
        .exclude(status=Visit.Status.CANCELLED)
        .select_related("client__person", "nurse__professional__user", "second_nurse__professional__user")
    )


def shifts_of(unit: OrgUnit, day: dt.date) -> QuerySet[Shift]:
    return Shift.objects.filter(nurse__unit=unit, day=day, absent=False).select_related(
        "nurse__professional__user"
    )


def _familiar(clients: set[int], day: dt.date) -> dict[int, set[str]]:
    """Nurses who made a visit of the client in the past month, and the plan's preferred nurses."""
    since = day - dt.timedelta(days=CONTINUITY_DAYS)
    familiar: dict[int, set[str]] = {c: set() for c in clients}
    made = Visit.objects.filter(
        client_id__in=clients, day__gte=since, day__lt=day, status=Visit.Status.DONE
    ).values_list("client_id", "nurse_id", "second_nurse_id")
    for client, first, second in made:
        familiar[client].update(str(n) for n in (first, second) if n)
    preferred = VisitNeed.preferred_nurses.through.objects.filter(visitneed__client_id__in=clients)
    for client, nurse in preferred.values_list("visitneed__client_id", "nurse_id"):
        familiar[client].add(str(nurse))
    return familiar


def _worker(shift: Shift, day: dt.date, start=None, start_at: int | None = None) -> optimiser.Worker:
    nurse = shift.nurse
    base = (nurse.base_latitude, nurse.base_longitude)
    has_break = shift.break_earliest is not None and shift.break_minutes
    return optimiser.Worker(
        key=str(nurse.pk),
        start=start or base,
        end=base,
        mode=nurse.travel_mode,
        shift_start=start_at if start_at is not None else seconds_of(shift.starts_at, day),
        shift_end=seconds_of(shift.ends_at, day),
        skills=frozenset(nurse.skills),
        languages=frozenset(nurse.languages or ["fi"]),
        break_early=seconds_of(shift.break_earliest, day) if has_break else None,
        break_late=seconds_of(shift.break_latest or shift.break_earliest, day) if has_break else None,
        break_duration=shift.break_minutes * 60 if has_break else 0,
    )


def _job(visit: Visit, familiar: set[str]) -> optimiser.Job:
    fixed = str(visit.nurse_id) if visit.locked and visit.nurse_id else None
    return optimiser.Job(
        key=str(visit.pk),
        point=(visit.client.latitude, visit.client.longitude),
        early=seconds_of(visit.window_start, visit.day),
        late=seconds_of(visit.window_end, visit.day),
        duration=visit.duration_minutes * 60,
        skills=frozenset(visit.skills),
        language=visit.client.language if visit.client.language != "fi" else "",
        two_person=visit.two_person,
        fixed_worker=fixed if not visit.two_person else None,
        familiar=frozenset(familiar),
    )


def problem(unit: OrgUnit, day: dt.date, now: dt.datetime | None = None):
    """The day as optimiser input. With `now` (re-optimising during the day) visits already started or
    finished stay as they are: a nurse on a visit starts from that client when the visit ends, and only
    planned visits whose window has not passed are placed again."""
    visits = list(day_visits(unit, day).filter(remote=False))
    familiar = _familiar({v.client_id for v in visits}, day)
    workers, jobs = [], []
    busy: dict[int, Visit] = {}
    if now is not None:
        for visit in visits:
            if visit.status == Visit.Status.STARTED and visit.nurse_id:
                busy[visit.nurse_id] = visit
    for shift in shifts_of(unit, day):
        if now is None:
            workers.append(_worker(shift, day))
            continue
        if now >= shift.ends_at:
            continue
        current = busy.get(shift.nurse_id)
        if current is not None:
            ends = max(now, (current.started_at or now) + dt.timedelta(minutes=current.duration_minutes))
            point = (current.client.latitude, current.client.longitude)
            workers.append(_worker(shift, day, point, seconds_of(ends, day)))
        else:
            workers.append(
                _worker(shift, day, None, max(seconds_of(now, day), seconds_of(shift.starts_at, day)))
            )
    for visit in visits:
        if visit.status != Visit.Status.PLANNED:
            continue
        if now is not None and visit.window_end < now:
            continue  # its window has passed: the planner decides
        jobs.append(_job(visit, familiar[visit.client_id]))
    return jobs, workers


@transaction.atomic
def optimise_day(
    unit: OrgUnit, day: dt.date, actor=None, *, seconds: float = 5.0, now: dt.datetime | None = None
) -> optimiser.Plan:
    """Plan (or re-plan during the day, keeping started visits) the unit's routes; saves the result."""
    jobs, workers = problem(unit, day, now)
    plan = optimiser.optimise(jobs, workers, routing(), seconds=seconds)
    by_pk = {v.pk: v for v in day_visits(unit, day).filter(pk__in=[int(j.key) for j in jobs])}
    for visit in by_pk.values():
        visit.nurse = visit.second_nurse = visit.planned_start = None
        visit.sequence = 0
    for worker_key, stops in plan.routes.items():
        sequence = 0
        for stop in stops:
            if stop.job.startswith("break:"):
                continue
            sequence += 1
            visit = by_pk[int(stop.job.removesuffix("#2"))]
            if stop.job.endswith("#2"):
                visit.second_nurse_id = int(worker_key)
            else:
                visit.nurse_id = int(worker_key)
                visit.sequence = sequence
            visit.planned_start = moment_of(stop.start, day)
    Visit.objects.bulk_update(by_pk.values(), ["nurse", "second_nurse", "planned_start", "sequence"])
    day_plan, _created = DayPlan.objects.get_or_create(unit=unit, day=day)
    day_plan.optimised_at = timezone.now()
    day_plan.distance_m, day_plan.travel_seconds = plan.distance_m, plan.travel_s
    day_plan.save()
    record_event(
        "homecare.plan_optimised",
        actor=actor,
        unit=unit.code,
        day=day.isoformat(),
        km=round(plan.distance_m / 1000, 1),
        minutes=plan.travel_s // 60,
        visits=len(jobs),
        unplanned=len(plan.unplanned),
        continuity=round(optimiser.continuity(plan, jobs), 3),
        during_day=now is not None,
    )
    return plan


def routes_of(unit: OrgUnit, day: dt.date) -> dict[int, list[Visit]]:
    """Each nurse's visits of the day in planned order (the second nurse of a pair included)."""
    routes: dict[int, list[Visit]] = {}
    for visit in day_visits(unit, day).order_by("planned_start", "pk"):
        for nurse_id in (visit.nurse_id, visit.second_nurse_id):
            if nurse_id:
                routes.setdefault(nurse_id, []).append(visit)
    return routes


def route_distance(nurse: Nurse, visits: list[Visit]) -> int:
    """Metres from the base through the visits (in this order, remote ones skipped) and back."""
    base = (nurse.base_latitude, nurse.base_longitude)
    points = [base] + [(v.client.latitude, v.client.longitude) for v in visits if not v.remote] + [base]
    matrix = routing().matrix(points, nurse.travel_mode)
    return sum(matrix.distances_m[i][i + 1] for i in range(len(points) - 1))


@dataclass(frozen=True)
class MoveCost:
    metres_before: int
    metres_after: int
    start: dt.datetime | None
    late: bool  # the visit cannot start within its window in the new route

    @property
    def change_m(self) -> int:
        return self.metres_after - self.metres_before


def _insert(nurse: Nurse, route: list[Visit], visit: Visit) -> tuple[list[Visit], int]:
    """The cheapest place for the visit in the nurse's route that keeps time-window order."""
    best: tuple[int, list[Visit]] | None = None
    for i in range(len(route) + 1):
        candidate = [*route[:i], visit, *route[i:]]
        metres = route_distance(nurse, candidate)
        if best is None or metres < best[0]:
            best = (metres, candidate)
    return best[1], best[0]


def _timed_start(nurse: Nurse, route: list[Visit], visit: Visit, day: dt.date) -> tuple[dt.datetime, bool]:
    """When the nurse can start the visit in this route (travel and earlier visits), and whether late."""
    shift = Shift.objects.filter(nurse=nurse, day=day).first()
    clock = shift.starts_at if shift else visit.window_start
    here = (nurse.base_latitude, nurse.base_longitude)
    for item in route:
        point = (item.client.latitude, item.client.longitude)
        if not item.remote:
            clock += dt.timedelta(
                seconds=routing().matrix([here, point], nurse.travel_mode).durations_s[0][1]
            )
            here = point
        start = max(clock, item.window_start)
        if item.pk == visit.pk:
            return start, start > visit.window_end
        clock = start + dt.timedelta(minutes=item.duration_minutes)
    return clock, True


def move_cost(visit: Visit, nurse: Nurse) -> MoveCost:
    """What moving the visit to this nurse costs in kilometres (both routes), before it is done."""
    routes = routes_of(visit.client.unit, visit.day)
    old_nurse = visit.nurse
    before = 0
    after = 0
    if old_nurse is not None:
        old_route = routes.get(old_nurse.pk, [])
        before += route_distance(old_nurse, old_route)
        after += route_distance(old_nurse, [v for v in old_route if v.pk != visit.pk])
    if nurse != old_nurse:
        new_route = [v for v in routes.get(nurse.pk, []) if v.pk != visit.pk]
        before += route_distance(nurse, new_route)
        placed, metres = _insert(nurse, new_route, visit)
        after += metres
    else:
        placed = routes.get(nurse.pk, [])
        after = before
    start, late = _timed_start(nurse, placed, visit, visit.day)
    return MoveCost(before, after, start, late)


def may_make(nurse: Nurse, visit: Visit) -> bool:
    language = visit.client.language if visit.client.language != "fi" else ""
    return set(visit.skills) <= set(nurse.skills) and (
        not language or language in (nurse.languages or ["fi"])
    )


@transaction.atomic
def move_visit(visit: Visit, nurse: Nurse, actor) -> MoveCost:
    """The planner moves a visit to a nurse; it is locked so the next optimisation keeps it there."""
    if visit.status != Visit.Status.PLANNED:
        raise ValidationError(_("Only a planned visit can be moved."))
    if nurse.unit_id != visit.client.unit_id:
        raise ValidationError(_("The nurse does not work in this unit."))
    if not may_make(nurse, visit):
        raise ValidationError(_("The nurse does not have the skills or language this visit needs."))
    cost = move_cost(visit, nurse)
    visit.nurse, visit.locked, visit.planned_start = nurse, True, cost.start
    visit.save(update_fields=["nurse", "locked", "planned_start"])
    record_event("homecare.visit_moved", subject=visit.client.person, actor=actor, change_m=cost.change_m)
    return cost


@transaction.atomic
def nurse_absent(unit: OrgUnit, day: dt.date, nurse: Nurse, actor, now: dt.datetime | None = None):
    """A nurse falls ill: her shift is marked absent, her visits not yet started are released (locks
    too) and the rest of the day is planned again; visits already started stay as they are."""
    updated = Shift.objects.filter(nurse=nurse, day=day, nurse__unit=unit).update(absent=True)
    if not updated:
        raise ValidationError(_("The nurse has no shift on this day."))
    Visit.objects.filter(day=day, nurse=nurse, status=Visit.Status.PLANNED).update(
        nurse=None, locked=False, planned_start=None
    )
    Visit.objects.filter(day=day, second_nurse=nurse, status=Visit.Status.PLANNED).update(second_nurse=None)
    return optimise_day(unit, day, actor, seconds=5, now=now or timezone.now())


def set_locked(visit: Visit, locked: bool) -> Visit:
    visit.locked = locked
    visit.save(update_fields=["locked"])
    return visit


@transaction.atomic
def publish(unit: OrgUnit, day: dt.date, actor) -> DayPlan:
    """The plan goes to the nurses' phones; figures (km, travel minutes) go to the event log."""
    day_plan, _created = DayPlan.objects.get_or_create(unit=unit, day=day)
    routes = routes_of(unit, day)
    nurses = Nurse.objects.in_bulk(list(routes))
    day_plan.distance_m = sum(route_distance(nurses[n], r) for n, r in routes.items())
    day_plan.published_at = timezone.now()
    day_plan.save()
    visits = day_visits(unit, day)
    record_event(
        "homecare.plan_published",
        actor=actor,
        unit=unit.code,
        day=day.isoformat(),
        km=round(day_plan.distance_m / 1000, 1),
        minutes=day_plan.travel_seconds // 60,
        visits=visits.count(),
        unassigned=visits.filter(nurse__isnull=True).count(),
    )
    return day_plan


# --- The nurse's day ---------------------------------------------------------------------------------


def nurse_of(user: AbstractBaseUser) -> Nurse | None:
    return Nurse.objects.filter(professional__user=user).select_related("unit").first()


def todays_visits(user: AbstractBaseUser, day: dt.date | None = None) -> list[Visit]:
    """The nurse's published visits of the day in order."""
    day = day or timezone.localdate()
    nurse = nurse_of(user)
    if nurse is None:
        return []
    published = DayPlan.objects.filter(unit=nurse.unit, day=day, published_at__isnull=False).exists()
    if not published:
        return []
    return list(
        Visit.objects.filter(Q(nurse=nurse) | Q(second_nurse=nurse), day=day)
        .exclude(status=Visit.Status.CANCELLED)
        .select_related("client__person")
        .order_by("planned_start", "pk")
    )


def visit_for(user: AbstractBaseUser, public_id: str, what: str = "homecare_visit") -> Visit:
    """A visit of the nurse's own (404 for anyone else), her access to the client decided and logged."""
    visit = (
        Visit.objects.select_related("client__person", "client__unit", "nurse", "second_nurse")
        .filter(public_id=public_id)
        .first()
    )
    nurse = nurse_of(user)
    if visit is None or nurse is None or nurse.pk not in (visit.nurse_id, visit.second_nurse_id):
        raise Http404
    require(user, visit.client.person, "health", what=what, service_event="homecare")
    return visit


def _own(visit: Visit, user: AbstractBaseUser) -> Nurse:
    nurse = nurse_of(user)
    if nurse is None or nurse.pk not in (visit.nurse_id, visit.second_nurse_id):
        raise PermissionDenied(_("This is not your visit."))
    return nurse


@transaction.atomic
def start_visit(visit: Visit, user: AbstractBaseUser) -> Visit:
    _own(visit, user)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status != Visit.Status.PLANNED:
        raise ValidationError(_("This visit has already been started or closed."))
    visit.status, visit.started_at = Visit.Status.STARTED, timezone.now()
    visit.save(update_fields=["status", "started_at"])
    late = int((visit.started_at - visit.window_end).total_seconds() // 60)
    record_event(
        "homecare.visit_started",
        subject=visit.client.person,
        actor=user,
        visit=str(visit.public_id),
        minutes_late=max(0, late),
    )
    return visit


@transaction.atomic
def finish_visit(visit: Visit, user: AbstractBaseUser, tasks_done: list[str], notes: str) -> Visit:
    _own(visit, user)
    visit = Visit.objects.select_for_update().select_related("client__person").get(pk=visit.pk)
    if visit.status != Visit.Status.STARTED:
        raise ValidationError(_("Start the visit first."))
    unknown = set(tasks_done) - set(visit.tasks)
    if unknown:
        raise ValidationError(_("Unknown task."))
    visit.status, visit.ended_at = Visit.Status.DONE, timezone.now()
    visit.tasks_done, visit.notes = list(tasks_done), notes
    visit.save(update_fields=["status", "ended_at", "tasks_done", "notes"])
    realised = int((visit.ended_at - visit.started_at).total_seconds() // 60)
    record_event(
        "homecare.visit_done",
        subject=visit.client.person,
        actor=user,
        visit=str(visit.public_id),
        planned_minutes=visit.duration_minutes,
        realised_minutes=realised,
        tasks=len(visit.tasks),
        tasks_done=len(tasks_done),
    )
    events.publish(VisitDone(visit.pk))
    return visit


@transaction.atomic
def client_not_home(visit: Visit, user: AbstractBaseUser, notes: str) -> Visit:
    """The client does not open and is not at home: the visit is closed so, and the unit's protocol
    follows (call the client and the next of kin, check hospital admissions) - recorded in the notes."""
    _own(visit, user)
    visit = Visit.objects.select_for_update().select_related("client__person").get(pk=visit.pk)
    if visit.status not in OPEN_VISITS:
        raise ValidationError(_("This visit is already closed."))
    visit.status, visit.ended_at, visit.notes = Visit.Status.NOT_HOME, timezone.now(), notes
    visit.save(update_fields=["status", "ended_at", "notes"])
    record_event("homecare.not_home", subject=visit.client.person, actor=user, visit=str(visit.public_id))
    return visit


@transaction.atomic
def raise_alarm(visit: Visit, user: AbstractBaseUser, notes: str) -> Visit:
    """An alarm on a visit (a fall, a worse condition): logged, and a follow-up video visit within two
    hours is added to the plan for the planner to assign."""
    _own(visit, user)
    now = timezone.localtime(timezone.now(), HELSINKI)
    follow_up = Visit.objects.create(
        client=visit.client,
        day=now.date(),
        window_start=now + dt.timedelta(minutes=30),
        window_end=min(now + dt.timedelta(hours=2), at(now.date(), dt.time(23, 0))),
        duration_minutes=15,
        tasks=["follow_up"],
        extra=True,
        remote=True,
    )
    if notes:
        visit.notes = (visit.notes + "\n" + notes).strip()
        visit.save(update_fields=["notes"])
    record_event("homecare.alarm", subject=visit.client.person, actor=user, visit=str(visit.public_id))
    return follow_up


def lock_id(client: HomeCareClient) -> str:
    return f"homecare-client-{client.pk}"


def key_for(visit: Visit, nurse: Nurse) -> DoorKey:
    """The nurse's key for this visit: valid from before its window to after its latest end."""
    now = timezone.now()
    key = DoorKey.objects.filter(visit=visit, nurse=nurse, valid_until__gte=now).first()
    if key:
        return key
    valid_from = visit.window_start - KEY_LEAD
    valid_until = visit.window_end + dt.timedelta(minutes=visit.duration_minutes) + KEY_TAIL
    token = locks().issue_key(lock_id(visit.client), str(nurse.pk), valid_from, valid_until)
    return DoorKey.objects.create(
        visit=visit, nurse=nurse, token=token, valid_from=valid_from, valid_until=valid_until
    )


def open_door(visit: Visit, user: AbstractBaseUser) -> DoorOpening:
    """Opens the client's door with the visit's key; every attempt is logged and shown to the client
    (no surrounding transaction: a refused opening stays in the log although the call then refuses)."""
    nurse = _own(visit, user)
    if visit.status not in OPEN_VISITS or visit.remote:
        raise ValidationError(_("The door can be opened only for an open home visit."))
    key = key_for(visit, nurse)
    opened = locks().open(lock_id(visit.client), key.token)
    opening = DoorOpening.objects.create(client=visit.client, visit=visit, nurse=nurse, succeeded=opened)
    record_event(
        "homecare.door_opened",
        subject=visit.client.person,
        actor=user,
        visit=str(visit.public_id),
        opened=opened,
    )
    if not opened:
        raise ValidationError(_("The door did not open: the key is not valid at this time."))
    return opening


# --- The resident's view --------------------------------------------------------------------------------


def openings_of(person: Resident) -> list[DoorOpening]:
    return list(
        DoorOpening.objects.filter(client__person=person)
        .select_related("nurse__professional__user")
        .order_by("-opened_at")[:50]
    )


def upcoming_of(person: Resident) -> list[Visit]:
    today = timezone.localdate()
    return list(
        Visit.objects.filter(client__person=person, day__gte=today, day__lte=today + dt.timedelta(days=7))
        .exclude(status=Visit.Status.CANCELLED)
        .order_by("window_start")[:20]
    )
