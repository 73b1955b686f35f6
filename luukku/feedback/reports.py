"""Reports: NPS, score distributions and response rates per month at every level of the organisation
(county > division > result area > unit > cost centre), against the county's targets, with trends and
the operational figures that may explain them beside them: the waiting time from booking to the
appointment, and how long residents waited in the chat queue before a professional answered.

NPS (Net Promoter Score) = % of answers 9-10 (promoters) - % of answers 0-6 (detractors), -100..100.
Response rate = survey answers given through an invitation / invitations sent in the month.
The figures are computed with one grouped query per table (unit x month x score), then summed up the
organisation tree in Python, so the cost grows with the number of units and months, not answers.
"""

import csv
import datetime as dt
import io
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F
from django.db.models.functions import TruncMonth
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from luukku.identity.models import OrgUnit, Role, RoleAssignment
from luukku.notify.services import queue_message

from .models import ClosedMonth, Feedback, Invitation, MonthSummary, SurveyAnswer

NPS_TARGET = 70  # the county's target: NPS above 70
RESPONSE_RATE_TARGET = 0.25  # the county's target: a quarter of those invited answer
HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


@dataclass
class Figures:
    distribution: list[int] = field(default_factory=lambda: [0] * 11)
    invitations: int = 0
    invited_answers: int = 0
    handled: int = 0
    handling_hours: float = 0.0
    wait_days_sum: float = 0.0
    wait_count: int = 0
    queue_minutes_sum: float = 0.0
    queue_count: int = 0

    @property
    def answers(self) -> int:
        return sum(self.distribution)

    @property
    def promoters(self) -> int:
        return self.distribution[9] + self.distribution[10]

    @property
    def detractors(self) -> int:
        return sum(self.distribution[:7])

    @property
    def passives(self) -> int:
        return self.distribution[7] + self.distribution[8]

    @property
    def nps(self) -> float | None:
        return round(100 * (self.promoters - self.detractors) / self.answers, 1) if self.answers else None

    @property
    def response_rate(self) -> float | None:
        return round(self.invited_answers / self.invitations, 3) if self.invitations else None

    @property
    def nps_met(self) -> bool | None:
        return None if self.nps is None else self.nps > NPS_TARGET

    @property
    def rate_met(self) -> bool | None:
        return None if self.response_rate is None else self.response_rate >= RESPONSE_RATE_TARGET

    @property
    def mean_handling_hours(self) -> float | None:
        return round(self.handling_hours / self.handled, 1) if self.handled else None

    @property
    def mean_wait_days(self) -> float | None:
        return round(self.wait_days_sum / self.wait_count, 1) if self.wait_count else None

    @property
    def mean_queue_minutes(self) -> float | None:
        return round(self.queue_minutes_sum / self.queue_count, 1) if self.queue_count else None

    def add(self, other: "Figures") -> None:
        self.distribution = [a + b for a, b in zip(self.distribution, other.distribution, strict=True)]
        self.invitations += other.invitations
        self.invited_answers += other.invited_answers
        self.handled += other.handled
        self.handling_hours += other.handling_hours
        self.wait_days_sum += other.wait_days_sum
        self.wait_count += other.wait_count
        self.queue_minutes_sum += other.queue_minutes_sum
        self.queue_count += other.queue_count


def month_range(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime(year, month, 1, tzinfo=HELSINKI)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=HELSINKI)
    return start, end


def months_back(count: int, last: dt.date | None = None) -> list[tuple[int, int]]:
    """The `count` months ending with `last`'s month, oldest first."""
    day = last or timezone.localdate()
    year, month = day.year, day.month
    found = []
    for _i in range(count):
        found.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(found))


def _key(moment: dt.datetime) -> tuple[int, int]:
    local = moment.astimezone(HELSINKI)
    return local.year, local.month


def unit_figures(start: dt.datetime, end: dt.datetime) -> dict[tuple[int, tuple[int, int]], Figures]:
    """(unit id, (year, month)) -> the unit's own figures (not its children's)."""
    figures: dict[tuple[int, tuple[int, int]], Figures] = {}

    def of(unit_id: int, month: dt.datetime) -> Figures:
        return figures.setdefault((unit_id, _key(month)), Figures())

    month = TruncMonth("answered_at", tzinfo=HELSINKI)
    for row in (
        SurveyAnswer.objects.filter(answered_at__gte=start, answered_at__lt=end, nps__isnull=False)
        .annotate(month=month)
        .values("unit_id", "month", "nps")
        .annotate(n=Count("id"))
        .order_by()
    ):
        of(row["unit_id"], row["month"]).distribution[row["nps"]] += row["n"]
    for row in (
        Invitation.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(month=TruncMonth("created_at", tzinfo=HELSINKI))
        .values("unit_id", "month")
        .annotate(n=Count("id"), answered=Count("answered_at"))
        .order_by()
    ):
        found = of(row["unit_id"], row["month"])
        found.invitations += row["n"]
        found.invited_answers += row["answered"]
    took = ExpressionWrapper(F("replied_at") - F("received_at"), output_field=DurationField())
    for row in (
        Feedback.objects.filter(replied_at__gte=start, replied_at__lt=end)
        .annotate(month=TruncMonth("replied_at", tzinfo=HELSINKI))
        .values("unit_id", "month")
        .annotate(n=Count("id"), took=Avg(took))
        .order_by()
    ):
        found = of(row["unit_id"], row["month"])
        found.handled += row["n"]
        found.handling_hours += row["n"] * row["took"].total_seconds() / 3600 if row["took"] else 0
    _waiting_times(start, end, of)
    _chat_queue_times(start, end, of)
    return figures


def _waiting_times(start: dt.datetime, end: dt.datetime, of) -> None:
    """Days from booking to the appointment, per unit and month of the appointment (booking's data)."""
    from luukku.booking.models import Appointment

    waited = ExpressionWrapper(F("slot__starts_at") - F("created_at"), output_field=DurationField())
    for row in (
        Appointment.objects.filter(
            slot__starts_at__gte=start, slot__starts_at__lt=end, status=Appointment.Status.BOOKED
        )
        .annotate(month=TruncMonth("slot__starts_at", tzinfo=HELSINKI))
        .values("service__unit_id", "month")
        .annotate(n=Count("id"), waited=Avg(waited))
        .order_by()
    ):
        if row["waited"] is not None:
            found = of(row["service__unit_id"], row["month"])
            found.wait_days_sum += row["n"] * row["waited"].total_seconds() / 86400
            found.wait_count += row["n"]


def _chat_queue_times(start: dt.datetime, end: dt.datetime, of) -> None:
    """Minutes from starting a chat to the first professional's answer, per the queue's unit and month
    the chat started (chat's data; chats never answered are not counted)."""
    from luukku.chat.models import Conversation

    waited = ExpressionWrapper(F("taken_at") - F("created_at"), output_field=DurationField())
    for row in (
        Conversation.objects.filter(created_at__gte=start, created_at__lt=end, taken_at__isnull=False)
        .annotate(month=TruncMonth("created_at", tzinfo=HELSINKI))
        .values("queue__unit_id", "month")
        .annotate(n=Count("id"), waited=Avg(waited))
        .order_by()
    ):
        if row["waited"] is not None:
            found = of(row["queue__unit_id"], row["month"])
            found.queue_minutes_sum += row["n"] * row["waited"].total_seconds() / 60
            found.queue_count += row["n"]


@dataclass
class Row:
    unit: OrgUnit
    depth: int
    months: dict[tuple[int, int], Figures]

    def total(self) -> Figures:
        found = Figures()
        for figures in self.months.values():
            found.add(figures)
        return found


def organisation_report(months: list[tuple[int, int]], root: OrgUnit | None = None) -> list[Row]:
    """One row per organisation unit under `root` (the county when None), depth-first, each with its own
    and its descendants' figures per month."""
    units = list(OrgUnit.objects.all())
    children: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    own = _own_figures(months)
    rows: list[Row] = []

    def walk(unit: OrgUnit, depth: int) -> dict[tuple[int, int], Figures]:
        row = Row(unit, depth, {m: Figures() for m in months})
        rows.append(row)
        for month in months:
            if (unit.pk, month) in own:
                row.months[month].add(own[(unit.pk, month)])
        for child in sorted(children.get(unit.pk, []), key=lambda u: u.name):
            for month, figures in walk(child, depth + 1).items():
                row.months[month].add(figures)
        return row.months

    tops = [root] if root else sorted(children.get(None, []), key=lambda u: u.name)
    for top in tops:
        walk(top, 0)
    return rows


def _first(month: tuple[int, int]) -> dt.date:
    return dt.date(month[0], month[1], 1)


def _own_figures(months: list[tuple[int, int]]) -> dict[tuple[int, tuple[int, int]], Figures]:
    """Closed months from MonthSummary, the others computed from the answers."""
    closed = set(
        ClosedMonth.objects.filter(month__in=[_first(m) for m in months]).values_list("month", flat=True)
    )
    own: dict[tuple[int, tuple[int, int]], Figures] = {}
    for summary in MonthSummary.objects.filter(month__in=closed):
        own[(summary.unit_id, (summary.month.year, summary.month.month))] = Figures(
            distribution=list(summary.distribution),
            invitations=summary.invitations,
            invited_answers=summary.invited_answers,
            handled=summary.handled,
            handling_hours=summary.handling_hours,
            wait_days_sum=summary.wait_days_sum,
            wait_count=summary.wait_count,
            queue_minutes_sum=summary.queue_minutes_sum,
            queue_count=summary.queue_count,
        )
    live = [m for m in months if _first(m) not in closed]
    if live:
        start, _end = month_range(*live[0])
        _start, end = month_range(*live[-1])
        own.update({key: f for key, f in unit_figures(start, end).items() if key[1] in live})
    return own


@transaction.atomic
def close_month(year: int, month: int) -> int:
    """Store the month's figures per unit; the reports read them from then on. Returns the rows stored."""
    start, end = month_range(year, month)
    first = dt.date(year, month, 1)
    MonthSummary.objects.filter(month=first).delete()
    rows = [
        MonthSummary(
            unit_id=unit_id,
            month=first,
            distribution=f.distribution,
            invitations=f.invitations,
            invited_answers=f.invited_answers,
            handled=f.handled,
            handling_hours=f.handling_hours,
            wait_days_sum=f.wait_days_sum,
            wait_count=f.wait_count,
            queue_minutes_sum=f.queue_minutes_sum,
            queue_count=f.queue_count,
        )
        for (unit_id, _month), f in unit_figures(start, end).items()
    ]
    MonthSummary.objects.bulk_create(rows)
    ClosedMonth.objects.update_or_create(month=first, defaults={"closed_at": timezone.now()})
    return len(rows)


def closable(now: dt.datetime | None = None, back: int = 24) -> list[tuple[int, int]]:
    """Months (of the last `back`) that can be closed: every invitation sent in them has expired, so
    their response rate no longer changes (invitations work 14 days: services.INVITATION_VALID)."""
    from .services import INVITATION_VALID

    now = now or timezone.now()
    return [
        m
        for m in months_back(back, now.astimezone(HELSINKI).date())
        if month_range(*m)[1] + INVITATION_VALID <= now
    ]


def close_months(now: dt.datetime | None = None) -> int:
    """Close the closable months not closed yet (run daily by `manage.py feedback_daily`)."""
    done = set(ClosedMonth.objects.values_list("month", flat=True))
    months = [m for m in closable(now) if _first(m) not in done]
    for month in months:
        close_month(*month)
    return len(months)


def reopen(moment: dt.datetime) -> None:
    """An answer arrived late for a closed month (a paper answer): compute that month live again until
    the next `close_months`."""
    local = moment.astimezone(HELSINKI)
    ClosedMonth.objects.filter(month=dt.date(local.year, local.month, 1)).delete()


CSV_COLUMNS = (
    "unit_code",
    "unit",
    "level",
    "month",
    "answers",
    "nps",
    "promoters",
    "passives",
    "detractors",
    *[f"score_{n}" for n in range(11)],
    "invitations",
    "response_rate",
    "nps_target_met",
    "response_rate_target_met",
    "feedback_replied",
    "mean_handling_hours",
    "mean_wait_days",
    "mean_chat_queue_minutes",
)


def table(rows: list[Row]) -> list[list]:
    """The report as rows of values under CSV_COLUMNS (one per unit and month), for CSV and XLSX."""
    values = []
    for row in rows:
        for (year, month), f in row.months.items():
            values.append(
                [
                    row.unit.code,
                    row.unit.name,
                    row.unit.level,
                    f"{year}-{month:02d}",
                    f.answers,
                    f.nps,
                    f.promoters,
                    f.passives,
                    f.detractors,
                    *f.distribution,
                    f.invitations,
                    f.response_rate,
                    None if f.nps_met is None else int(f.nps_met),
                    None if f.rate_met is None else int(f.rate_met),
                    f.handled,
                    f.mean_handling_hours,
                    f.mean_wait_days,
                    f.mean_queue_minutes,
                ]
            )
    return values


def as_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([["" if value is None else value for value in line] for line in table(rows)])
    return out.getvalue()


def as_xlsx(rows: list[Row]) -> bytes:
    """The same table as an Excel workbook (openpyxl): numbers as numbers, empty cells where a figure
    has no value, the header frozen and filterable."""
    from openpyxl import Workbook

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "NPS"
    sheet.append(list(CSV_COLUMNS))
    for line in table(rows):
        sheet.append(line)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _previous_month(today: dt.date) -> tuple[int, int]:
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def summary_text(row: Row, month: tuple[int, int]) -> str:
    f = row.months[month]
    lines = [
        _("Customer feedback of %(unit)s in %(month)s")
        % {"unit": row.unit.name, "month": f"{month[1]}/{month[0]}"},
        "",
        _("Answers: %(n)s") % {"n": f.answers},
        _("NPS: %(nps)s (target above %(target)s)")
        % {"nps": "-" if f.nps is None else f.nps, "target": NPS_TARGET},
        _("Response rate: %(rate)s (target %(target)s %%)")
        % {
            "rate": "-" if f.response_rate is None else f"{round(f.response_rate * 100)} %",
            "target": round(RESPONSE_RATE_TARGET * 100),
        },
        _("Feedback replied to: %(n)s") % {"n": f.handled},
    ]
    return "\n".join(lines)


def mail_monthly_summaries(year: int | None = None, month: int | None = None) -> int:
    """E-mail last month's summary of each unit to its managers in force (those with an address)."""
    chosen = (year, month) if year and month else _previous_month(timezone.localdate())
    rows = {row.unit.pk: row for row in organisation_report([chosen])}
    today = timezone.localdate()
    sent = 0
    managers = RoleAssignment.objects.filter(
        RoleAssignment.in_force(today), role=Role.UNIT_MANAGER
    ).select_related("professional__user", "unit")
    for assignment in managers:
        user = assignment.professional.user
        row = rows.get(assignment.unit_id)
        if row is None or not user.email:
            continue
        with translation.override("fi"):
            body = summary_text(row, chosen)
            subject = _("Customer feedback, monthly summary")
        link = settings.LUUKKU_PUBLIC_URL.rstrip("/") + "/ammattilainen/palaute/raportti/"
        queue_message("email", user.email, f"{body}\n\n{link}", "feedback.monthly_summary", subject=subject)
        sent += 1
    return sent
