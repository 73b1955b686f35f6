import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from luukku.feedback import reports, surveys
from luukku.feedback.models import Channel, Invitation, SurveyAnswer
from luukku.feedback.reports import Figures

from .factories import target

pytestmark = pytest.mark.django_db


def _answers(where, scores, at, invitations=0):
    definition = surveys.definition(surveys.CORE_KEY)
    made = [
        Invitation.objects.create(
            token_digest=f"{where.code}-{at:%Y%m%d%H%M%S}-{n}",
            target=where,
            unit=where.unit,
            trigger="test",
            source=f"test:{where.code}:{at.timestamp()}:{n}",
            channel=Channel.SMS,
            created_at=at,
            expires_at=at + dt.timedelta(days=14),
        )
        for n in range(invitations)
    ]
    for n, score in enumerate(scores):
        invitation = made[n] if n < len(made) else None
        if invitation:
            Invitation.objects.filter(pk=invitation.pk).update(answered_at=at)
        SurveyAnswer.objects.create(
            definition=definition,
            target=where,
            unit=where.unit,
            invited=invitation is not None,
            channel=Channel.SMS if invitation else Channel.WEB,
            answers={"nps": [str(score)]},
            nps=score,
            answered_at=at,
        )


def test_nps_is_promoters_minus_detractors():
    f = Figures(distribution=[1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 5])  # 2 detractors, 2 passives, 6 promoters
    assert (f.answers, f.promoters, f.passives, f.detractors) == (10, 6, 2, 2)
    assert f.nps == 40.0
    assert Figures().nps is None and Figures().response_rate is None


@pytest.mark.parametrize(
    ("nps_answers", "met"), [([10] * 85 + [0] * 15, False), ([10] * 86 + [0] * 15, True)]
)
def test_the_nps_target_is_above_seventy(nps_answers, met):
    distribution = [0] * 11
    for score in nps_answers:
        distribution[score] += 1
    f = Figures(distribution=distribution)
    assert (f.nps > 70) is met and f.nps_met is met


@pytest.mark.parametrize(("answered", "met"), [(24, False), (25, True)])
def test_the_response_rate_target_is_a_quarter(answered, met):
    assert Figures(invitations=100, invited_answers=answered).rate_met is met


def test_figures_sum_up_the_organisation_tree(personas):
    now = timezone.now()
    month = reports.months_back(1)
    _answers(target("rmk-terveysasema"), [10, 10, 9, 3], now, invitations=8)
    _answers(target("hml-terveysasema"), [10, 6], now, invitations=2)
    _answers(target("lapsiperheiden-sosiaalityo"), [8], now)
    rows = {row.unit.code: row for row in reports.organisation_report(month)}
    rmk = rows["rmk-terveysasema"].months[month[0]]
    assert (rmk.answers, rmk.nps, rmk.invitations, rmk.response_rate) == (4, 50.0, 8, 0.5)
    area = rows["avosairaanhoito"].months[month[0]]
    assert (area.answers, area.invitations, area.invited_answers) == (6, 10, 6)
    county = rows["kanta-hame"].months[month[0]]
    assert county.answers == 7 and rows["kanta-hame"].depth == 0 and rows["avosairaanhoito"].depth == 2


def test_months_are_helsinki_months(personas):
    # 31 Jan 23:30 UTC is already February in Helsinki
    at = dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.UTC)
    _answers(target(), [10], at)
    rows = {row.unit.code: row for row in reports.organisation_report([(2026, 1), (2026, 2)])}
    assert rows["rmk-terveysasema"].months[(2026, 1)].answers == 0
    assert rows["rmk-terveysasema"].months[(2026, 2)].answers == 1


def test_csv_has_a_line_per_unit_and_month(personas):
    _answers(target(), [10, 0], timezone.now())
    months = reports.months_back(2)
    text = reports.as_csv(reports.organisation_report(months))
    lines = text.strip().splitlines()
    assert lines[0].startswith("unit_code;unit;level;month;answers;nps")
    rmk = [line for line in lines if line.startswith("rmk-terveysasema;")]
    assert len(rmk) == 2 and rmk[-1].split(";")[4:6] == ["2", "0.0"]


def test_months_back_crosses_the_year():
    assert reports.months_back(3, dt.date(2026, 2, 10)) == [(2025, 12), (2026, 1), (2026, 2)]


def test_a_closed_month_is_read_from_its_summary(personas):
    from luukku.feedback.models import MonthSummary

    at = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
    _answers(target(), [10, 10, 0], at, invitations=4)
    live = {row.unit.code: row for row in reports.organisation_report([(2026, 3)])}
    assert reports.close_month(2026, 3) > 0
    stored = {row.unit.code: row for row in reports.organisation_report([(2026, 3)])}
    for code in ("rmk-terveysasema", "kanta-hame"):
        a, b = live[code].months[(2026, 3)], stored[code].months[(2026, 3)]
        assert (a.distribution, a.invitations, a.invited_answers) == (
            b.distribution,
            b.invitations,
            b.invited_answers,
        )
    # from now on the stored figures are what the report shows
    MonthSummary.objects.filter(unit__code="rmk-terveysasema").update(distribution=[0] * 10 + [7])
    again = {row.unit.code: row for row in reports.organisation_report([(2026, 3)])}
    assert again["rmk-terveysasema"].months[(2026, 3)].answers == 7


@pytest.mark.parametrize(
    ("now", "closable"),
    [
        (dt.datetime(2026, 4, 14, 20, 59, tzinfo=dt.UTC), False),  # 14 days after March ended (Helsinki)
        (dt.datetime(2026, 4, 14, 21, 0, tzinfo=dt.UTC), True),
    ],
)
def test_a_month_closes_when_its_invitations_have_expired(personas, now, closable):
    assert ((2026, 3) in reports.closable(now)) is closable
    assert (2026, 4) not in reports.closable(now)


def test_a_late_paper_answer_reopens_its_month(personas):
    from luukku.feedback import services
    from luukku.feedback.models import ClosedMonth

    reports.close_month(2026, 3)
    services.answer_survey(
        target(), {"nps": ["9"]}, "paper", answered_at=dt.datetime(2026, 3, 20, 10, tzinfo=dt.UTC)
    )
    assert not ClosedMonth.objects.filter(month=dt.date(2026, 3, 1)).exists()
    rows = {row.unit.code: row for row in reports.organisation_report([(2026, 3)])}
    assert rows["rmk-terveysasema"].months[(2026, 3)].answers == 1
    assert reports.close_months(dt.datetime(2026, 5, 1, tzinfo=dt.UTC)) >= 1
    assert ClosedMonth.objects.filter(month=dt.date(2026, 3, 1)).exists()


def _cost_centre_target(unit_code: str = "rmk-terveysasema"):
    from luukku.identity.models import OrgUnit

    unit = OrgUnit.objects.get(code=unit_code)
    centre = OrgUnit.objects.create(
        code=f"{unit_code}-lab",
        name=f"{unit.name}, laboratorio",
        level=OrgUnit.Level.COST_CENTRE,
        parent=unit,
    )
    return target(unit_code, name="Laboratorio", cost_centre=centre), centre


def test_a_cost_centre_is_the_fifth_level_and_its_answers_roll_up(personas):
    from luukku.feedback import services

    lab, centre = _cost_centre_target()
    now = timezone.now()
    services.answer_survey(lab, {"nps": ["10"]}, Channel.WEB, answered_at=now)
    assert SurveyAnswer.objects.get(target=lab).unit == centre  # counted in the cost centre
    month = reports.months_back(1)
    rows = {row.unit.code: row for row in reports.organisation_report(month)}
    assert rows[centre.code].depth == 4 and rows[centre.code].months[month[0]].answers == 1
    assert rows["rmk-terveysasema"].months[month[0]].answers == 1  # and in every level above
    assert rows["kanta-hame"].months[month[0]].answers == 1
    # free-form feedback still goes to the unit's handlers (a cost centre has no staff or queue)
    given = services.give_feedback("praise", lab, "Nopea laboratorio!")
    assert given.unit.code == "rmk-terveysasema"


def test_chat_queue_time_is_beside_the_scores(personas):
    from luukku.chat.models import ChatQueue, Conversation

    queue = ChatQueue.objects.filter(unit__code="rmk-terveysasema").first() or ChatQueue.objects.create(
        code="test-rmk", name="Testijono", unit=target().unit
    )
    now = timezone.now().replace(microsecond=0)
    for waited in (4, 10):
        Conversation.objects.create(
            queue=queue, created_at=now, taken_at=now + dt.timedelta(minutes=waited), status="closed"
        )
    Conversation.objects.create(queue=queue, created_at=now)  # never answered: not counted
    month = reports.months_back(1)
    rows = {row.unit.code: row for row in reports.organisation_report(month)}
    assert rows[queue.unit.code].months[month[0]].mean_queue_minutes == 7.0
    assert reports.CSV_COLUMNS[-1] == "mean_chat_queue_minutes"


def test_the_report_downloads_as_xlsx(personas, client):
    import io

    from django.contrib.auth import get_user_model
    from openpyxl import load_workbook

    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)  # the report ends there
    _answers(target(), [10, 0], timezone.make_aware(dt.datetime.combine(last_month, dt.time(12))))
    client.force_login(get_user_model().objects.get(username="esihenkilo.eija"))
    response = client.get(reverse("feedback:report_xlsx"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header == list(reports.CSV_COLUMNS)
    rmk = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "rmk-terveysasema"]
    assert rmk and rmk[-1][4:6] == (2, 0.0)  # numbers stay numbers
