"""Plans to visits, the optimiser on the database, moving and publishing, the nurse's visit flows, the
door key and its log, the home-visit care relationship."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from luukku.access.policy import decide
from luukku.audit.models import AccessLogEntry, Event
from luukku.homecare import adapters, services
from luukku.homecare.models import DoorOpening, Visit
from luukku.identity.models import OrgUnit, Role
from luukku.testing import professional

from . import factories as f

pytestmark = pytest.mark.django_db


def test_visits_come_from_the_plan_and_a_hospital_stay_pauses_them(personas):
    client = f.client()
    f.need(client, weekdays=[0, 1, 2, 3, 4])
    monday = dt.date(2026, 11, 23)
    unit = client.unit
    assert services.generate_visits(unit, monday) == 1
    assert services.generate_visits(unit, monday) == 0  # idempotent
    assert services.generate_visits(unit, monday + dt.timedelta(days=5)) == 0  # Saturday: not in the plan
    visit = Visit.objects.get(client=client, day=monday)
    assert timezone.localtime(visit.window_start, services.HELSINKI).time() == dt.time(8)
    cancelled = services.pause_visits(client, monday, monday + dt.timedelta(days=2), "sairaala", None)
    assert cancelled == 1 and Visit.objects.get(pk=visit.pk).status == Visit.Status.CANCELLED
    assert services.generate_visits(unit, monday + dt.timedelta(days=1)) == 0  # paused
    assert services.generate_visits(unit, monday + dt.timedelta(days=3)) == 1  # back home
    with pytest.raises(ValidationError):
        services.pause_visits(client, monday, monday - dt.timedelta(days=1), "", None)


def _planned_day():
    unit = f.homecare_unit()
    first, second = f.nurse(unit), f.nurse(unit, skills=["medication", "wound_care"])
    day = timezone.localdate()
    for n in (first, second):
        f.shift(n, day)
    clients = [f.client(unit, offset=(0.01 * i, 0.005 * i)) for i in range(1, 5)]
    for c in clients[:3]:
        f.need(c)
    f.need(clients[3], skills=["wound_care"], tasks=["wound"])
    services.generate_visits(unit, day)
    return unit, day, first, second, clients


def test_the_day_is_optimised_saved_and_published_with_its_figures(personas):
    unit, day, _first, second, clients = _planned_day()
    plan = services.optimise_day(unit, day, seconds=2)
    assert plan.unplanned == [] and plan.distance_m > 0
    visits = list(services.day_visits(unit, day))
    assert all(v.nurse_id and v.planned_start for v in visits)
    wound = Visit.objects.get(client=clients[3], day=day)
    assert wound.nurse == second  # only she has the skill
    for v in visits:
        assert v.window_start <= v.planned_start <= v.window_end
    services.publish(unit, day, None)
    event = Event.objects.filter(kind="homecare.plan_published").latest("pk")
    assert event.data["visits"] == 4 and event.data["km"] > 0 and "minutes" in event.data
    assert not any(isinstance(v, str) and "Testi" in v for v in event.data.values())


def test_moving_a_visit_shows_its_cost_and_locks_it(personas):
    unit, day, first, second, clients = _planned_day()
    services.optimise_day(unit, day, seconds=2)
    visit = Visit.objects.filter(day=day, nurse=first).first() or Visit.objects.filter(day=day).first()
    other = second if visit.nurse == first else first
    cost = services.move_cost(visit, other)
    assert cost.metres_before > 0 and cost.change_m == cost.metres_after - cost.metres_before
    moved = services.move_cost(visit, other)
    result = services.move_visit(visit, other, None)
    assert result.change_m == moved.change_m
    visit.refresh_from_db()
    assert visit.nurse == other and visit.locked
    # A locked visit stays with its nurse in the next optimisation.
    services.optimise_day(unit, day, seconds=1)
    visit.refresh_from_db()
    assert visit.nurse == other
    wound = Visit.objects.get(client=clients[3], day=day)
    with pytest.raises(ValidationError):
        services.move_visit(wound, first, None)  # no wound-care skill


def test_re_planning_during_the_day_keeps_a_started_visit(personas):
    unit, day, _first, _second, _clients = _planned_day()
    services.optimise_day(unit, day, seconds=2)
    services.publish(unit, day, None)
    started = Visit.objects.filter(day=day, nurse__isnull=False).order_by("planned_start").first()
    nurse = started.nurse
    services.start_visit(started, nurse.professional.user)
    services.optimise_day(unit, day, seconds=1, now=timezone.now())
    started.refresh_from_db()
    assert started.status == Visit.Status.STARTED and started.nurse == nurse


def test_a_nurse_falls_ill_and_her_visits_go_to_the_others(personas):
    unit, day, first, second, _clients = _planned_day()
    services.optimise_day(unit, day, seconds=2)
    services.nurse_absent(unit, day, first, None, now=services.at(day, dt.time(6)))
    visits = list(services.day_visits(unit, day))
    assert visits and all(v.nurse_id == second.pk for v in visits)
    with pytest.raises(ValidationError):
        services.nurse_absent(unit, day + dt.timedelta(days=1), first, None)


def test_the_nurse_starts_and_ends_a_visit_and_its_events_carry_no_names(personas):
    n = f.nurse()
    visit = f.visit_today(f.client(), n)
    user = n.professional.user
    services.start_visit(visit, user)
    with pytest.raises(ValidationError):
        services.start_visit(visit, user)
    with pytest.raises(ValidationError):
        services.finish_visit(visit, user, ["not a task"], "")
    done = services.finish_visit(visit, user, ["medication"], "Kaikki hyvin.")
    assert done.status == Visit.Status.DONE and done.tasks_done == ["medication"]
    kinds = list(
        Event.objects.filter(subject=visit.client.person).order_by("pk").values_list("kind", flat=True)
    )
    assert kinds[-2:] == ["homecare.visit_started", "homecare.visit_done"]
    data = Event.objects.get(kind="homecare.visit_done", subject=visit.client.person).data
    assert data["planned_minutes"] == 30 and data["tasks_done"] == 1
    assert visit.client.person.last_name not in str(data)
    other = f.nurse()
    with pytest.raises(PermissionDenied):
        services.start_visit(f.visit_today(visit.client, n), other.professional.user)


def test_not_at_home_and_alarm(personas):
    n = f.nurse()
    visit = f.visit_today(f.client(), n)
    follow_up = services.raise_alarm(visit, n.professional.user, "Kaatunut.")
    assert follow_up.remote and follow_up.extra and follow_up.nurse is None
    services.client_not_home(visit, n.professional.user, "Ei avannut, soitettu omaiselle.")
    visit.refresh_from_db()
    assert visit.status == Visit.Status.NOT_HOME
    assert Event.objects.filter(kind="homecare.not_home", subject=visit.client.person).exists()
    with pytest.raises(ValidationError):
        services.client_not_home(visit, n.professional.user, "")


def test_the_door_opens_with_the_visits_key_and_every_opening_is_logged(personas):
    n = f.nurse()
    visit = f.visit_today(f.client(), n)
    opening = services.open_door(visit, n.professional.user)
    assert opening.succeeded and visit.keys.count() == 1
    assert Event.objects.filter(kind="homecare.door_opened", subject=visit.client.person).count() == 1
    # The key is per visit and time-limited: a visit of tomorrow morning cannot open the door now.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    later = Visit.objects.create(
        client=visit.client,
        day=tomorrow,
        window_start=services.at(tomorrow, dt.time(8)),
        window_end=services.at(tomorrow, dt.time(9)),
        duration_minutes=30,
        nurse=n,
    )
    with pytest.raises(ValidationError):
        services.open_door(later, n.professional.user)
    assert DoorOpening.objects.filter(client=visit.client, succeeded=False).count() == 1  # still logged


def test_local_lock_keys_are_signed_and_time_limited():
    locks = adapters.LocalLocks()
    now = timezone.now()
    key = locks.issue_key("door-1", "7", now - dt.timedelta(minutes=5), now + dt.timedelta(minutes=5))
    assert locks.open("door-1", key)
    assert not locks.open("door-2", key)  # another door
    assert not locks.open("door-1", key.replace("|7|", "|8|"))  # tampered
    old = locks.issue_key("door-1", "7", now - dt.timedelta(hours=2), now - dt.timedelta(hours=1))
    assert not locks.open("door-1", old)


def test_local_routing_is_symmetric_and_slower_on_foot():
    points = [(60.7394, 24.7727), (60.7500, 24.8000)]
    car = adapters.LocalRouting().matrix(points, "car")
    walk = adapters.LocalRouting().matrix(points, "walk")
    assert car.distances_m[0][1] == car.distances_m[1][0] > 0
    assert walk.durations_s[0][1] > car.durations_s[0][1]
    # 1.30 x the great-circle distance by car.
    from luukku.directory.geo import distance_km

    assert car.distances_m[0][1] == round(distance_km(*points) * 1.30 * 1000)


def test_osrm_table_is_asked_with_lon_lat_and_both_annotations():
    import responses

    with responses.RequestsMock() as mock:
        mock.get(
            "http://osrm.test/car/table/v1/driving/24.772700,60.739400;24.800000,60.750000",
            json={
                "code": "Ok",
                "distances": [[0, 2100.4], [2099.6, 0]],
                "durations": [[0, 180.2], [179.9, 0]],
            },
        )
        matrix = adapters.OsrmRouting("http://osrm.test").matrix([(60.7394, 24.7727), (60.75, 24.8)], "car")
        assert "annotations=distance%2Cduration" in mock.calls[0].request.url
    assert matrix.distances_m == [[0, 2100], [2100, 0]] and matrix.durations_s == [[0, 181], [180, 0]]


def test_todays_visit_is_a_care_relationship_for_the_visiting_nurse_only(personas):
    """A nurse of another unit (no serving role in Riihimäki) reads the client's health data today
    because of the visit; tomorrow's visit does not open it, nor does another nurse's visit."""
    elsewhere = OrgUnit.objects.get(code="forssa-terveysasema")
    pro = professional(Role.NURSE, unit=elsewhere)
    n = f.nurse(unit=elsewhere, pro=pro)
    client = f.client()
    assert not decide(pro.user, client.person, "health", what="test")
    visit = f.visit_today(client, f.nurse())
    assert not decide(pro.user, client.person, "health", what="test")
    visit.second_nurse = n
    visit.save()
    decision = decide(pro.user, client.person, "health", what="test")
    assert decision and "home_visit" in decision.basis
    assert AccessLogEntry.objects.filter(actor=pro.user).count() >= 3
