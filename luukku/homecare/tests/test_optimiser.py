"""The optimiser on plain data: worked examples of each constraint and a property test that every
produced route keeps windows, skills, languages, shifts, breaks and two-person synchrony."""

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luukku.homecare.adapters import LocalRouting
from luukku.homecare.optimiser import Job, Worker, continuity, manual_plan, optimise, pair_start, violations

BASE = (60.7394, 24.7727)
H = 3600


def _near(dlat: float, dlon: float) -> tuple[float, float]:
    return (BASE[0] + dlat, BASE[1] + dlon)


def _worker(key: str, **kwargs) -> Worker:
    kwargs.setdefault("skills", frozenset({"medication"}))
    return Worker(key, BASE, "car", 7 * H, 15 * H, **kwargs)


FAST = {"seconds": 2.0, "iterations": 300}


def test_a_skill_only_one_nurse_has_goes_to_her():
    workers = [_worker("a"), _worker("b", skills=frozenset({"medication", "wound_care"}))]
    jobs = [
        Job("wound", _near(0.01, 0.0), 8 * H, 9 * H, 1800, skills=frozenset({"wound_care"})),
        Job("meds", _near(0.0, 0.02), 8 * H, 10 * H, 1200, skills=frozenset({"medication"})),
    ]
    plan = optimise(jobs, workers, **FAST)
    assert violations(plan, jobs, workers) == [] and plan.unplanned == []
    assert "wound" in [s.job for s in plan.routes["b"]]


def test_a_visit_starts_within_its_window_and_a_shift_holds():
    jobs = [Job("late", _near(0.02, 0.02), 13 * H, 13 * H + 600, 1800)]
    plan = optimise(jobs, [_worker("a")], **FAST)
    start = plan.routes["a"][0].start
    assert 13 * H <= start <= 13 * H + 600
    # A visit that cannot end before the shift does is not planned (and named), not squeezed in.
    too_late = [Job("evening", _near(0.02, 0.02), 19 * H, 20 * H, 1800)]
    assert optimise(too_late, [_worker("a")], **FAST).unplanned == ["evening"]


def test_a_swedish_speaking_client_gets_a_swedish_speaking_nurse():
    workers = [_worker("fi"), _worker("sv", languages=frozenset({"fi", "sv"}))]
    jobs = [Job("sv-client", _near(0.01, 0.01), 8 * H, 10 * H, 1200, language="sv")]
    plan = optimise(jobs, workers, **FAST)
    assert [s.job for s in plan.routes.get("sv", [])] == ["sv-client"]


def test_two_person_visit_has_both_nurses_on_site_at_the_same_minute():
    workers = [_worker("a"), _worker("b")]
    job = Job("lift", _near(0.02, 0.0), 9 * H, 11 * H, 1800, two_person=True)
    plan = optimise([job], workers, **FAST)
    starts = {k: [s.start for s in stops if s.job.startswith("lift")] for k, stops in plan.routes.items()}
    assert starts["a"] == starts["b"] == [pair_start(job)]
    assert pair_start(job) == 10 * H  # the middle of 9-11
    assert violations(plan, [job], workers) == []
    # With one nurse only, the visit is not made at all (never by one nurse alone).
    alone = optimise([job], [_worker("a")], **FAST)
    assert alone.unplanned == ["lift"] and all(
        not s.job.startswith("lift") for s in alone.routes.get("a", [])
    )


def test_a_break_is_taken_at_the_base_within_its_window():
    worker = _worker("a", break_early=11 * H, break_late=12 * H, break_duration=1800)
    jobs = [Job(f"v{i}", _near(0.01 * i, 0.0), 8 * H, 14 * H, 1800) for i in range(1, 5)]
    plan = optimise(jobs, [worker], **FAST)
    breaks = [s for s in plan.routes["a"] if s.job == "break:a"]
    assert len(breaks) == 1 and 11 * H <= breaks[0].start <= 12 * H
    assert violations(plan, jobs, [worker]) == []


def test_a_locked_visit_stays_with_its_nurse_even_when_another_is_nearer():
    far = Worker("far", _near(0.1, 0.1), "car", 7 * H, 15 * H, skills=frozenset({"medication"}))
    jobs = [Job("locked", _near(0.005, 0.0), 8 * H, 10 * H, 1200, fixed_worker="far")]
    plan = optimise(jobs, [_worker("near"), far], **FAST)
    assert [s.job for s in plan.routes["far"]] == ["locked"]


def test_continuity_sends_a_familiar_nurse_when_the_kilometres_are_equal():
    jobs = [Job("client", _near(0.01, 0.0), 8 * H, 10 * H, 1200, familiar=frozenset({"b"}))]
    plan = optimise(jobs, [_worker("a"), _worker("b")], **FAST)
    assert [s.job for s in plan.routes.get("b", [])] == ["client"]
    assert continuity(plan, jobs) == 1.0
    # Without the weight the choice is free; the weight is what decides, not luck.
    assert optimise(jobs, [_worker("a"), _worker("b")], continuity_weight=0, **FAST).unplanned == []


def test_re_planning_keeps_the_nurse_where_she_is():
    """During the day the nurse starts from the client she is with, at the end of that visit."""
    here = _near(0.03, 0.03)
    worker = Worker("a", here, "car", 10 * H, 15 * H, skills=frozenset({"medication"}), end=BASE)
    jobs = [Job("next", _near(0.031, 0.03), 10 * H, 12 * H, 1200)]
    plan = optimise(jobs, [worker], **FAST)
    first = plan.routes["a"][0]
    assert first.start >= 10 * H and violations(plan, jobs, [worker]) == []


def test_violations_catches_a_broken_plan():
    worker = _worker("a")
    jobs = [Job("v", _near(0.01, 0.0), 8 * H, 9 * H, 1800, skills=frozenset({"wound_care"}))]
    plan = manual_plan(jobs, [dataclasses.replace(worker, skills=frozenset({"wound_care"}))])
    broken = dataclasses.replace(plan)
    broken.routes = {"a": [dataclasses.replace(plan.routes["a"][0], start=10 * H, end=10 * H + 1800)]}
    problems = violations(broken, jobs, [worker])
    assert any("outside its time window" in p for p in problems)
    assert any("may not make" in p for p in problems)


def test_the_baseline_keeps_areas_and_window_order():
    workers = [
        _worker("a"),
        Worker("b", _near(0.1, 0.0), "car", 7 * H, 15 * H, skills=frozenset({"medication"})),
    ]
    jobs = [
        Job("n2", _near(0.1, 0.01), 9 * H, 10 * H, 600),
        Job("n1", _near(0.11, 0.0), 8 * H, 9 * H, 600),
        Job("s1", _near(-0.01, 0.0), 8 * H, 9 * H, 600),
        Job("s2", _near(-0.01, 0.01), 10 * H, 11 * H, 600),
    ]
    plan = manual_plan(jobs, workers)
    assert [s.job for s in plan.routes["b"]] == ["n1", "n2"]
    assert [s.job for s in plan.routes["a"]] == ["s1", "s2"] and plan.distance_m > 0


points = st.tuples(st.floats(-0.05, 0.05), st.floats(-0.08, 0.08))
skills = st.sets(st.sampled_from(["medication", "wound_care", "insulin"]), max_size=2).map(frozenset)


@st.composite
def days(draw):
    n_workers = draw(st.integers(1, 3))
    workers = []
    for i in range(n_workers):
        start = draw(st.integers(6, 9)) * H
        workers.append(
            Worker(
                f"w{i}",
                _near(*draw(points)),
                draw(st.sampled_from(["car", "bike", "walk"])),
                start,
                start + draw(st.integers(4, 8)) * H,
                skills=draw(skills) | {"medication"},
                languages=frozenset({"fi"} | ({"sv"} if draw(st.booleans()) else set())),
                break_early=start + 3 * H if draw(st.booleans()) else None,
                break_late=start + 4 * H,
                break_duration=1800,
            )
        )
    jobs = []
    for i in range(draw(st.integers(1, 10))):
        early = draw(st.integers(6 * 4, 15 * 4)) * 900
        jobs.append(
            Job(
                f"j{i}",
                _near(*draw(points)),
                early,
                early + draw(st.integers(0, 12)) * 900,
                draw(st.sampled_from([600, 900, 1800, 2700])),
                skills=draw(skills),
                language=draw(st.sampled_from(["", "", "sv"])),
                two_person=draw(st.integers(0, 9)) == 0,
                familiar=frozenset(draw(st.sets(st.sampled_from([w.key for w in workers])))),
            )
        )
    return jobs, workers


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(days())
def test_every_produced_route_respects_windows_skills_shifts_and_breaks(day):
    jobs, workers = day
    plan = optimise(jobs, workers, seconds=1.0, iterations=150)
    assert violations(plan, jobs, workers, LocalRouting()) == []
    planned = {s.job.removesuffix("#2") for stops in plan.routes.values() for s in stops}
    assert planned | set(plan.unplanned) >= {j.key for j in jobs}
