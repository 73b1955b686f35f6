import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from luukku.booking.services import book, booker_for
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.carepaths import services
from luukku.carepaths.models import ClientPath, ClientTask, PathMessage, PathTemplate, TeamTask
from luukku.carepaths.tasks import remind_task
from luukku.questionnaires import services as questionnaires
from luukku.testing import professional, resident_user

pytestmark = pytest.mark.django_db(transaction=True)  # cross-app events are delivered after commit


@pytest.fixture
def templates(personas):
    return {t.code: t for t in PathTemplate.objects.all()}


def answer_findrisc(person, high: bool):
    response = questionnaires.start(questionnaires.current("findrisc"), person, person.user)
    raw = {
        "findrisc-sex": ["male"],
        "findrisc-age": ["over64" if high else "under45"],
        "findrisc-height": ["178"],
        "findrisc-weight": ["95" if high else "70"],
        "findrisc-waist": ["106" if high else "85"],
        "findrisc-activity": ["no" if high else "yes"],
        "findrisc-vegetables": ["less" if high else "daily"],
        "findrisc-bp-medication": ["yes" if high else "no"],
        "findrisc-high-glucose": ["no"],
        "findrisc-family": ["close" if high else "no"],
    }
    questionnaires.save_page(response, 0, raw, check_required=True)
    assert questionnaires.submit(response) == {}
    return response


def titles(path) -> list[str]:
    return [t.display_title for t in path.tasks.filter(status="open")]


def test_diabetes_path_routes_high_risk_to_the_health_station(templates):
    matti = resident_user(age=60, municipality_code="694")
    path = services.start_path(templates["diabetesriski"], matti, matti.user)
    assert path.phase == "assessment" and titles(path) == ["Tee diabeteksen riskitesti"]
    assert path.team.code == "rmk-terveysasema"  # the team's unit that serves Riihimäki
    answer_findrisc(matti, high=True)
    path.refresh_from_db()
    assert path.phase == "with_professional"
    assert "Varaa aika terveydenhoitajalle" in titles(path)
    assert "Liikunta ja ruoka diabeteksen ehkäisyssä" not in titles(path)
    routed = TeamTask.objects.get(path=path, kind="routed")
    assert routed.team.code == "rmk-terveysasema" and "FINDRISC 19 pistettä (raja 12)" in routed.shown_summary
    done = path.tasks.get(kind="questionnaire", status="done")
    assert done.result["scores"][0]["total"] == 19  # age 4, BMI 29.98 -> 1, waist 4, 2, 1, 2, family 5


def test_diabetes_path_sends_low_risk_to_self_care_and_hyte(templates):
    person = resident_user(age=35)
    path = services.start_path(templates["diabetesriski"], person, person.user)
    answer_findrisc(person, high=False)
    path.refresh_from_db()
    assert path.phase == "self_care"
    assert {"Liikunta ja ruoka diabeteksen ehkäisyssä", "Hyvinvointia tukevat palvelut (HYTE)"} <= set(
        titles(path)
    )
    assert not TeamTask.objects.filter(path=path, kind="routed").exists()
    retest = path.tasks.get(kind="questionnaire", status="open")
    assert abs((retest.due_at - path.phase_since) - dt.timedelta(days=365)) < dt.timedelta(seconds=1)


def test_threshold_is_data_and_inclusive(templates):
    template = templates["diabetesriski"]
    person = resident_user(age=50)
    path = services.start_path(template, person, person.user)
    services.route_by_score(path, {"instrument": "findrisc", "total": 12, "maximum": 26, "band": "x"})
    assert ClientPath.objects.get(pk=path.pk).phase == "with_professional"
    template.routing_threshold = 15
    template.save()
    other = resident_user(age=50)
    other_path = services.start_path(template, other, other.user)
    services.route_by_score(other_path, {"instrument": "findrisc", "total": 14, "maximum": 26, "band": "x"})
    assert ClientPath.objects.get(pk=other_path.pk).phase == "self_care"


def test_only_self_enrolling_paths_can_be_started_by_residents(templates):
    person = resident_user(age=60)
    with pytest.raises(services.PathRefused):
        services.start_path(templates["sepelvaltimotauti"], person, person.user)
    nurse = professional()
    path = services.start_path(templates["sepelvaltimotauti"], person, nurse.user, by_professional=True)
    assert path.phase == "with_professional" and not path.self_enrolled
    assert (
        services.start_path(templates["sepelvaltimotauti"], person, nurse.user, by_professional=True) == path
    )


def test_tasks_are_timed_from_the_start_and_reminders_queued(templates, django_capture_on_commit_callbacks):
    person = resident_user(age=70)
    with django_capture_on_commit_callbacks(execute=True):
        path = services.start_path(
            templates["sepelvaltimotauti"], person, professional().user, by_professional=True
        )
    control = path.tasks.get(kind="booking")
    assert abs((control.due_at - path.started_at) - dt.timedelta(days=90)) < dt.timedelta(seconds=1)
    queued = DBTaskResult.objects.filter(task_path="luukku.carepaths.tasks.remind_task")
    assert queued.count() == path.tasks.filter(remind=True).count() == 3


def test_reminder_reaches_client_and_team_once(templates):
    person = resident_user(age=70)
    path = services.start_path(
        templates["sepelvaltimotauti"], person, professional().user, by_professional=True
    )
    task = path.tasks.get(kind="booking")
    assert remind_task.call(task.pk, task.due_at.isoformat()) == "sent"
    assert remind_task.call(task.pk, task.due_at.isoformat()) == "skipped"
    assert PathMessage.objects.get(path=path, automatic=True).body.startswith("Muistutus: Kontrollikäynti")
    assert TeamTask.objects.get(path=path, kind="reminder").team == path.team


def test_rescheduled_task_skips_the_old_reminder(templates):
    person = resident_user(age=70)
    path = services.start_path(
        templates["sepelvaltimotauti"], person, professional().user, by_professional=True
    )
    task = path.tasks.get(kind="booking")
    old_due = task.due_at.isoformat()
    services.change_due(task, task.due_at + dt.timedelta(days=14), professional().user)
    assert remind_task.call(task.pk, old_due) == "skipped"
    assert remind_task.call(task.pk, ClientTask.objects.get(pk=task.pk).due_at.isoformat()) == "sent"


def test_tailoring_add_and_remove_tasks(templates):
    person = resident_user(age=70)
    nurse = professional()
    path = services.start_path(templates["sepelvaltimotauti"], person, nurse.user, by_professional=True)
    audit_task = path.tasks.get(kind="questionnaire")
    services.remove_task(audit_task, nurse.user)
    extra = services.add_task(
        path,
        nurse.user,
        "measurement",
        "Verenpaine kotona viikoittain",
        "",
        timezone.now() + dt.timedelta(days=7),
        measurement="blood_pressure",
    )
    assert "Alkoholinkäyttö (AUDIT)" not in titles(path) and extra.display_title in titles(path)


def test_measurement_is_validated_and_reaches_the_team(templates):
    person = resident_user(age=70)
    path = services.start_path(
        templates["sepelvaltimotauti"], person, professional().user, by_professional=True
    )
    values, errors = services.parse_measurement("blood_pressure", {"systolic": "300", "diastolic": "8x"})
    assert set(errors) == {"systolic", "diastolic", "pulse"}
    values, errors = services.parse_measurement(
        "blood_pressure", {"systolic": "142", "diastolic": "88", "pulse": "64"}
    )
    assert errors == {} and values == {"systolic": 142, "diastolic": 88, "pulse": 64}
    task = path.tasks.filter(kind="measurement").first()
    assert services.complete_task(task, person.user, {"measurement": "blood_pressure", **values})
    assert not services.complete_task(task, person.user, {})  # only once
    assert TeamTask.objects.filter(path=path, kind="task_done").count() == 1


def test_booking_completes_the_booking_task(templates):
    person = resident_user(age=40)
    path = services.start_path(templates["tyokyky"], person, person.user)
    service = booking_service(code="sairaanhoitajan-vastaanotto")
    book(open_slot(service), booker_for(person.user, person))
    assert path.tasks.get(kind="booking").status == "done"


def test_messages_go_to_the_team_queue(templates):
    person = resident_user(age=40)
    path = services.start_path(templates["tyokyky"], person, person.user)
    services.post_message(path, person.user, "Voinko siirtää työkykyarvion?", from_team=False)
    queue = list(services.team_queue([path.team]))
    assert [t.kind for t in queue] == ["message"]
    services.handle_team_task(queue[0], professional().user)
    assert not services.team_queue([path.team]).exists()


def test_statistics_from_events(templates):
    high, low, idle = resident_user(age=66), resident_user(age=30), resident_user(age=45)
    for person in (high, low, idle):
        services.start_path(templates["diabetesriski"], person, person.user)
    answer_findrisc(high, high=True)
    answer_findrisc(low, high=False)
    row = next(r for r in services.statistics() if r["template"].code == "diabetesriski")
    assert (row["on_path"], row["routed"], row["self_care"], row["task_done"]) == (3, 1, 1, 2)
    assert dict(row["bands"]) == {"findrisc_low": 1, "findrisc_high": 1}
    services.end_path(ClientPath.objects.get(person=idle), professional().user)
    row = next(r for r in services.statistics() if r["template"].code == "diabetesriski")
    assert row["on_path"] == 2
