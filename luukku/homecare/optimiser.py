"""The route optimiser ("Optima"): a day's home visits to nurses' routes with PyVRP.

Pure functions on plain data (no Django), so the benchmark and property tests drive it directly.
Times are integer seconds from the day's local midnight, distances integer metres.

How each requirement is modelled in PyVRP (0.14):
- time windows: the visit's window is the client's [tw_early, tw_late] (latest *start*); a shift is the
  nurse's vehicle type [tw_early, tw_late] with her own start and end depot (home base or, when
  re-optimising during the day, where she is now);
- skills and language: one routing profile per nurse; in her profile a visit she may not make is at
  an unreachable travel time (`UNREACHABLE`), so any route through it has time warp and is never
  feasible; a locked or started visit is reachable only in its nurse's profile;
- break: a job at the nurse's home base (the office, where Finnish home-care teams eat) with the
  break's window and length, reachable only in her profile;
- two-person visits: PyVRP cannot synchronise two vehicles, so the visit becomes two jobs at the same
  place, both pinned to one start time T (tw_early = tw_late = T). Both nurses then start exactly at
  T, and one nurse cannot make both halves (the second would start after T). T is the middle of the
  window (on a five-minute mark), or the time given. The cost: the pair cannot move within the
  window; if only one half is served the other half is dropped too and the visit is reported unplanned;
- continuity of care: in a nurse's profile, arriving at a visit of a client she has not visited in
  the past month (and who has not named her as preferred) costs `continuity_weight` extra metres -
  a weighted objective beside kilometres, never a hard rule;
- every visit has a large prize instead of being required, so an over-full day still gives a plan
  with the visits that fit and names those that did not.
"""

from dataclasses import dataclass, field

import numpy as np
from pyvrp import Client, Depot, Location, ProblemData, VehicleType, solve
from pyvrp.stop import MaxIterations, MaxRuntime, MultipleCriteria

from .adapters import LocalRouting, Point, Routing

UNREACHABLE = 10_000_000  # seconds (and metres): no route through such an arc is feasible
VISIT_PRIZE = 5_000_000  # metres: dropping a visit costs more than any detour in a county
BREAK_PRIZE = 20_000_000  # above a visit: a nurse never loses her break to fit one more visit


@dataclass(frozen=True)
class Job:
    """A visit to place (a two-person visit is given once, with two_person=True)."""

    key: str
    point: Point
    early: int
    late: int  # latest start
    duration: int
    skills: frozenset[str] = frozenset()
    language: str = ""
    two_person: bool = False
    fixed_worker: str | None = None  # locked or started: only this nurse
    familiar: frozenset[str] = frozenset()  # nurses who visited in the past month or are preferred
    pair_start: int | None = None  # the pinned start of a two-person visit (default: middle of window)
    demand: int = 0  # load (benchmarks with a capacity; home visits carry none)


@dataclass(frozen=True)
class Worker:
    key: str
    start: Point
    mode: str
    shift_start: int
    shift_end: int
    skills: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset({"fi"})
    end: Point | None = None  # default: start
    break_early: int | None = None
    break_late: int | None = None
    break_duration: int = 0
    capacity: int = 0  # 0: no load dimension


@dataclass
class Stop:
    job: str  # job key; "#2" appended for the second nurse of a two-person visit; "break" for a break
    start: int
    end: int


@dataclass
class Plan:
    routes: dict[str, list[Stop]] = field(default_factory=dict)
    unplanned: list[str] = field(default_factory=list)
    distance_m: int = 0
    travel_s: int = 0
    cost: int = 0


def pair_start(job: Job) -> int:
    """The one start time of both nurses of a two-person visit: given, or the middle of the window on
    a five-minute mark (leaves room for both to arrive from earlier visits)."""
    if job.pair_start is not None:
        return job.pair_start
    middle = (job.early + job.late) // 2
    return max(job.early, min(job.late, middle - middle % 300))


def can_make(worker: Worker, job: Job) -> bool:
    """Skills, language and fixing: whether this nurse may make this visit at all."""
    if job.fixed_worker is not None and job.fixed_worker != worker.key:
        return False
    if not job.skills <= worker.skills:
        return False
    return not job.language or job.language in worker.languages


@dataclass
class _Node:
    job: Job | None  # None: a break
    worker: Worker | None  # the break's owner
    point: Point
    early: int
    late: int
    duration: int
    name: str


def _nodes(jobs: list[Job], workers: list[Worker]) -> list[_Node]:
    nodes = []
    for job in jobs:
        if job.two_person:
            start = pair_start(job)
            for suffix in ("", "#2"):
                nodes.append(_Node(job, None, job.point, start, start, job.duration, job.key + suffix))
        else:
            nodes.append(_Node(job, None, job.point, job.early, job.late, job.duration, job.key))
    for worker in workers:
        if worker.break_early is not None and worker.break_duration:
            nodes.append(
                _Node(
                    None,
                    worker,
                    worker.start,
                    worker.break_early,
                    worker.break_late if worker.break_late is not None else worker.break_early,
                    worker.break_duration,
                    f"break:{worker.key}",
                )
            )
    return nodes


def build(
    jobs: list[Job],
    workers: list[Worker],
    routing: Routing | None = None,
    continuity_weight: int = 3000,
    required: bool = False,
) -> tuple[ProblemData, list[_Node], dict[str, np.ndarray]]:
    """The PyVRP instance: depots (one per nurse, at her start), then the visit and break nodes."""
    routing = routing or LocalRouting()
    nodes = _nodes(jobs, workers)
    points = [w.start for w in workers] + [w.end or w.start for w in workers] + [n.point for n in nodes]
    n_dep = 2 * len(workers)
    real: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for mode in {w.mode for w in workers}:
        matrix = routing.matrix(points, mode)
        real[mode] = (
            np.array(matrix.distances_m, dtype=np.int64),
            np.array(matrix.durations_s, dtype=np.int64),
        )
    distance_matrices, duration_matrices, vehicle_types = [], [], []
    loaded = any(w.capacity for w in workers)
    for w_index, worker in enumerate(workers):
        dist, dur = (m.copy() for m in real[worker.mode])
        for n_index, node in enumerate(nodes):
            column = n_dep + n_index
            if node.job is None:
                allowed, penalty = node.worker is worker, 0
            else:
                allowed = can_make(worker, node.job)
                penalty = 0 if worker.key in node.job.familiar else continuity_weight
            if not allowed:
                dur[:, column] = UNREACHABLE
                dist[:, column] = UNREACHABLE
            else:
                dist[:, column] += penalty
            dist[column, column] = dur[column, column] = 0
        distance_matrices.append(dist)
        duration_matrices.append(dur)
        vehicle_types.append(
            VehicleType(
                num_available=1,
                capacity=[worker.capacity] if loaded else [],
                start_depot=w_index,
                end_depot=len(workers) + w_index,
                tw_early=worker.shift_start,
                tw_late=worker.shift_end,
                profile=w_index,
                name=worker.key,
            )
        )
    depots = [Depot(i, tw_early=0, tw_late=24 * 3600 * 2) for i in range(n_dep)]
    clients = [
        Client(
            n_dep + i,
            delivery=[node.job.demand if node.job else 0] if loaded else [],
            service_duration=node.duration,
            tw_early=node.early,
            tw_late=node.late,
            prize=BREAK_PRIZE if node.job is None else VISIT_PRIZE,
            required=required or node.job is None,  # a break is never dropped
            name=node.name,
        )
        for i, node in enumerate(nodes)
    ]
    locations = [Location(lon, lat) for lat, lon in points]
    data = ProblemData(locations, clients, depots, vehicle_types, distance_matrices, duration_matrices)
    return data, nodes, {mode: pair for mode, pair in real.items()}


def optimise(
    jobs: list[Job],
    workers: list[Worker],
    routing: Routing | None = None,
    *,
    seconds: float = 5.0,
    iterations: int | None = None,
    continuity_weight: int = 3000,
    seed: int = 1,
) -> Plan:
    if not workers:
        return Plan(unplanned=[job.key for job in jobs])
    data, nodes, _real = build(jobs, workers, routing, continuity_weight)
    stop = (
        MaxRuntime(seconds)
        if iterations is None
        else MultipleCriteria([MaxRuntime(seconds), MaxIterations(iterations)])
    )
    result = solve(data, stop=stop, seed=seed, display=False)
    plan = Plan(cost=int(result.cost()) if result.is_feasible() else -1)
    served: set[str] = set()
    for route in result.best.routes():
        worker = workers[route.vehicle_type()]
        stops = []
        for activity in route.schedule():
            if activity.is_client():
                node = nodes[activity.idx]  # a client activity is indexed among the clients
                stops.append(Stop(node.name, int(activity.start_time), int(activity.end_time)))
        plan.routes[worker.key] = stops
        served.update(s.job for s in stops)
    plan.unplanned = [
        j.key for j in jobs if not ({j.key, j.key + "#2"} if j.two_person else {j.key}) <= served
    ]
    _retime(plan, jobs, workers, routing or LocalRouting())
    _measure(plan, jobs, workers, routing or LocalRouting())
    return plan


def _drop_unplanned(plan: Plan) -> None:
    """A visit reported unplanned leaves every route (a two-person visit with one nurse is no visit)."""
    gone = set(plan.unplanned)
    for key, stops in plan.routes.items():
        plan.routes[key] = [s for s in stops if s.job.removesuffix("#2") not in gone]


def _retime(plan: Plan, jobs: list[Job], workers: list[Worker], routing: Routing) -> None:
    """Give each stop its earliest start on the route and drop what cannot keep its rules.

    The solver's best solution may still carry time warp when it found no feasible one (PyVRP then
    returns its best infeasible solution): such a visit is not planned late, it is reported unplanned,
    and so is the last visit of a route that would end after the shift. Repeats until nothing changes.
    """
    by_key = {j.key: j for j in jobs}
    for _pass in range(10):
        _drop_unplanned(plan)
        changed = False
        for worker in workers:
            stops = plan.routes.get(worker.key, [])
            if not stops:
                continue
            matrix = routing.matrix(_points(stops, by_key, worker), worker.mode)
            clock, here, kept = worker.shift_start, 0, []
            for i, stop in enumerate(stops, start=1):
                arrive = clock + matrix.durations_s[here][i]
                if stop.job.startswith("break:"):
                    start, duration = max(arrive, worker.break_early or 0), worker.break_duration
                else:
                    job = by_key[stop.job.removesuffix("#2")]
                    start = pair_start(job) if job.two_person else max(arrive, job.early)
                    if arrive > start or start > job.late:
                        plan.unplanned.append(job.key)
                        changed = True
                        continue
                    duration = job.duration
                kept.append(Stop(stop.job, start, start + duration))
                clock, here = start + duration, i
            if clock + matrix.durations_s[here][len(stops) + 1] > worker.shift_end:
                last = next((s for s in reversed(kept) if not s.job.startswith("break:")), None)
                if last is not None:
                    plan.unplanned.append(last.job.removesuffix("#2"))
                    changed = True
            plan.routes[worker.key] = kept
        if not changed:
            break
    plan.unplanned = list(dict.fromkeys(plan.unplanned))
    _drop_unplanned(plan)


def _points(stops: list[Stop], jobs: dict[str, Job], worker: Worker) -> list[Point]:
    inner = [
        worker.start if s.job.startswith("break:") else jobs[s.job.removesuffix("#2")].point for s in stops
    ]
    return [worker.start, *inner, worker.end or worker.start]


def _measure(plan: Plan, jobs: list[Job], workers: list[Worker], routing: Routing) -> None:
    """Real kilometres and travel time of the plan (without the continuity penalty)."""
    by_key = {j.key: j for j in jobs}
    plan.distance_m = plan.travel_s = 0
    for worker in workers:
        stops = plan.routes.get(worker.key, [])
        if not stops:
            continue
        matrix = routing.matrix(_points(stops, by_key, worker), worker.mode)
        for i in range(len(stops) + 1):
            plan.distance_m += matrix.distances_m[i][i + 1]
            plan.travel_s += matrix.durations_s[i][i + 1]


def violations(
    plan: Plan, jobs: list[Job], workers: list[Worker], routing: Routing | None = None
) -> list[str]:
    """Every broken rule of a plan: windows, skills, language, shifts, breaks, travel, two-person sync.

    Independent of the solver: walks each route with the routing adapter's times.
    """
    routing = routing or LocalRouting()
    by_key = {j.key: j for j in jobs}
    problems: list[str] = []
    pair_starts: dict[str, list[tuple[str, int]]] = {}
    for worker in workers:
        stops = plan.routes.get(worker.key, [])
        points = (
            [worker.start]
            + [
                worker.start if s.job.startswith("break:") else by_key[s.job.removesuffix("#2")].point
                for s in stops
            ]
            + [worker.end or worker.start]
        )
        matrix = routing.matrix(points, worker.mode)
        clock = worker.shift_start
        had_break = False
        for i, stop in enumerate(stops):
            arrive = clock + matrix.durations_s[i][i + 1]
            if stop.start < arrive:
                problems.append(f"{worker.key}: {stop.job} starts before the nurse can arrive")
            if stop.job.startswith("break:"):
                had_break = True
                if stop.job != f"break:{worker.key}":
                    problems.append(f"{worker.key}: takes another nurse's break")
                if not (worker.break_early <= stop.start <= worker.break_late):
                    problems.append(f"{worker.key}: break outside its window")
                duration = worker.break_duration
            else:
                job = by_key[stop.job.removesuffix("#2")]
                duration = job.duration
                if not (job.early <= stop.start <= job.late) and not job.two_person:
                    problems.append(f"{worker.key}: {job.key} outside its time window")
                if job.two_person:
                    if not (job.early <= stop.start <= job.late):
                        problems.append(f"{worker.key}: {job.key} outside its time window")
                    pair_starts.setdefault(job.key, []).append((worker.key, stop.start))
                if not can_make(worker, job):
                    problems.append(f"{worker.key}: may not make {job.key} (skills, language or lock)")
            if stop.end - stop.start < duration:
                problems.append(f"{worker.key}: {stop.job} shorter than planned")
            clock = max(arrive, stop.start) + duration
        back = clock + matrix.durations_s[len(stops)][len(stops) + 1]
        if stops and back > worker.shift_end:
            problems.append(f"{worker.key}: back at base after the shift ends")
        if stops and worker.break_early is not None and worker.break_duration and not had_break:
            problems.append(f"{worker.key}: no break")
    for key, starts in pair_starts.items():
        if len(starts) != 2 or starts[0][0] == starts[1][0] or starts[0][1] != starts[1][1]:
            problems.append(f"{key}: the two nurses are not on site together")
    for job in jobs:
        if job.two_person and job.key not in plan.unplanned and job.key not in pair_starts:
            problems.append(f"{job.key}: two-person visit missing")
    return problems


def continuity(plan: Plan, jobs: list[Job]) -> float:
    """Share of planned visits made by a familiar nurse (visited in the past month or preferred)."""
    by_key = {j.key: j for j in jobs}
    made = [
        (worker, s.job)
        for worker, stops in plan.routes.items()
        for s in stops
        if not s.job.startswith("break:")
    ]
    if not made:
        return 1.0
    familiar = sum(1 for worker, key in made if worker in by_key[key.removesuffix("#2")].familiar)
    return familiar / len(made)


def manual_plan(jobs: list[Job], workers: list[Worker], routing: Routing | None = None) -> Plan:
    """The baseline that imitates manual planning: a fixed area per nurse (an equal share of the visits
    by bearing around the centre of the nurses' bases, nurses in bearing order), each nurse's visits in
    time-window order, the break at the base once its window opens, a visit she cannot make handed to
    the next colleague in bearing order who can. A visit is never moved to keep a window: one that
    cannot start in time starts late, and `violations` counts it."""
    import math

    routing = routing or LocalRouting()
    lat0 = sum(w.start[0] for w in workers) / len(workers)
    lon0 = sum(w.start[1] for w in workers) / len(workers)

    def bearing(p: Point) -> float:
        return math.atan2(p[0] - lat0, (p[1] - lon0) * math.cos(math.radians(lat0)))

    order = sorted(workers, key=lambda w: bearing(w.start))
    sectors = sorted(jobs, key=lambda j: bearing(j.point))
    share = max(1, math.ceil(len(sectors) / len(order)))
    area = {job.key: min(i // share, len(order) - 1) for i, job in enumerate(sectors)}
    assigned: dict[str, list[tuple[Job, str]]] = {w.key: [] for w in workers}
    plan = Plan()
    for job in jobs:
        first = area[job.key]
        makers = [w for w in order[first:] + order[:first] if can_make(w, job)]
        if not makers or (job.two_person and len(makers) < 2):
            plan.unplanned.append(job.key)
            continue
        assigned[makers[0].key].append((job, job.key))
        if job.two_person:
            assigned[makers[1].key].append((job, job.key + "#2"))
    for worker in workers:
        todo = sorted(assigned[worker.key], key=lambda item: (item[0].early, item[0].late))
        points = [worker.start] + [j.point for j, _k in todo]
        matrix = routing.matrix(points, worker.mode)
        here, clock, stops = 0, worker.shift_start, []
        wants_break = worker.break_early is not None and worker.break_duration > 0
        for i, (job, key) in enumerate(todo, start=1):
            if wants_break and clock >= worker.break_early:
                start = max(clock + matrix.durations_s[here][0], worker.break_early)
                stops.append(Stop(f"break:{worker.key}", start, start + worker.break_duration))
                clock, here, wants_break = start + worker.break_duration, 0, False
            earliest = pair_start(job) if job.two_person else job.early
            start = max(clock + matrix.durations_s[here][i], earliest)
            stops.append(Stop(key, start, start + job.duration))
            clock, here = start + job.duration, i
        if wants_break and todo:
            start = max(clock + matrix.durations_s[here][0], worker.break_early)
            stops.append(Stop(f"break:{worker.key}", start, start + worker.break_duration))
        plan.routes[worker.key] = stops
    _measure(plan, jobs, workers, routing)
    return plan
