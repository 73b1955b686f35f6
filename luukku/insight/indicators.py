"""The county's indicator tables (Oma Häme's reporting) computed from the event fact.

Each indicator is SQL over `fact_event` (DuckDB's dialect; the same text runs on Spark through SQLGlot)
for one grain (month, quarter, year), a date range, an organisation unit with everything under it, a
channel and a user group, grouped by period and optionally by one more dimension.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .registry import CHANNELS

GRAINS = ("month", "quarter", "year")
AGE_GROUPS = ("0-17", "18-64", "65-74", "75+")
LEVELS = ("county", "division", "result_area", "unit")
BY = ("channel", "age_group", "service", "campaign", "detail", *LEVELS)
SAFE = re.compile(r"^[a-z0-9_:.+-]{1,80}$")
AUDIT_RISK_FROM = (
    8  # AUDIT zone II starts at 8 points (WHO, Babor et al. 2001, AUDIT manual 2nd ed., table 4)
)


@dataclass(frozen=True)
class Measure:
    key: str
    label: str | Promise
    sql: str


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str | Promise
    where: str
    measures: tuple[Measure, ...]
    default_by: str | None = None
    grain: str = "month"
    description: str | Promise = ""


def _count(condition: str) -> str:
    return f"count(CASE WHEN {condition} THEN 1 END)"


def _persons(condition: str = "true") -> str:
    return f"count(DISTINCT CASE WHEN {condition} THEN person_hk END)"


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "pre_information",
        _("Pre-information forms"),
        "kind LIKE 'questionnaire.activation%' OR kind = 'questionnaire.activated'",
        (
            Measure("activated", _("Activated"), _count("kind = 'questionnaire.activated'")),
            Measure("answered", _("Answered"), _count("kind = 'questionnaire.activation_answered'")),
            Measure(
                "answerable",
                _("Answerable"),
                f"{_count("kind = 'questionnaire.activated'")} - "
                f"{_count("kind = 'questionnaire.activation_cancelled'")}",
            ),
            Measure("clients", _("Clients"), _persons("kind = 'questionnaire.activated'")),
        ),
        description=_("Forms put on residents' pages before a visit, answered, still answerable, clients."),
    ),
    Indicator(
        "care_paths",
        _("Care paths"),
        "kind IN ('carepath.started', 'carepath.ended', 'carepath.task_done', 'carepath.phase')",
        (
            Measure("started", _("Started"), _count("kind = 'carepath.started'")),
            Measure("ended", _("Ended"), _count("kind = 'carepath.ended'")),
            Measure("tasks_done", _("Tasks done"), _count("kind = 'carepath.task_done'")),
            Measure("clients", _("Clients"), _persons()),
        ),
        default_by="detail",
    ),
    Indicator(
        "assessments",
        _("Care-need assessments by channel"),
        "kind = 'assessment.made'",
        (
            Measure("assessments", _("Assessments"), "count(*)"),
            Measure("clients", _("Clients"), _persons()),
        ),
        default_by="channel",
    ),
    Indicator(
        "chats_video",
        _("Chats and video visits"),
        "kind = 'chat.started' OR (kind = 'booking.booked' AND appointment_type = 'video')",
        (
            Measure("chats", _("Chats"), _count("kind = 'chat.started'")),
            Measure("video_visits", _("Video visits"), _count("kind = 'booking.booked'")),
        ),
        grain="quarter",
    ),
    Indicator(
        "logged_in",
        _("Logged-in users"),
        "kind = 'identity.signed_in'",
        (
            Measure("users", _("Users"), _persons()),
            Measure("sign_ins", _("Sign-ins"), "count(*)"),
        ),
    ),
    Indicator(
        "digital_share",
        _("Digital share of contacts"),
        "is_contact",
        (
            Measure("contacts", _("Contacts"), "count(*)"),
            Measure("digital", _("Digital"), _count("is_digital")),
            Measure(
                "share",
                _("Digital share, %"),
                f"round(CAST(100 * {_count('is_digital')} AS DOUBLE) / count(*), 1)",
            ),
        ),
    ),
    Indicator(
        "bookings",
        _("Bookings per service"),
        "kind = 'booking.booked'",
        (
            Measure("bookings", _("Bookings"), "count(*)"),
            Measure("clients", _("Clients"), _persons()),
        ),
        default_by="service",
    ),
    Indicator(
        "campaign_bookings",
        _("Bookings per campaign"),
        "kind = 'booking.booked' AND campaign_code IS NOT NULL",
        (
            Measure("bookings", _("Bookings"), "count(*)"),
            Measure("by_phone", _("Booked by phone"), _count("channel = 'phone'")),
        ),
        default_by="campaign",
    ),
    Indicator(
        "hyte",
        _("Health and wellbeing (HYTE) guidance"),
        "kind = 'assessment.made' AND detail = 'hyte'",
        (
            Measure("guided", _("Guided"), "count(*)"),
            Measure("clients", _("Clients"), _persons()),
        ),
    ),
    Indicator(
        "audit_clients",
        _("AUDIT clients"),
        "kind = 'questionnaire.answered' AND value IS NOT NULL",
        (
            Measure("answers", _("AUDIT answers"), "count(*)"),
            Measure("clients", _("Clients"), _persons()),
            Measure(
                "risky", _("Clients at risk (8 points or more)"), _persons(f"value >= {AUDIT_RISK_FROM}")
            ),
            Measure("mean", _("Mean score"), "round(avg(CAST(value AS DOUBLE)), 1)"),
        ),
    ),
)
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}


@dataclass(frozen=True)
class Filters:
    grain: str = "month"
    start: dt.date = dt.date(2000, 1, 1)
    end: dt.date = dt.date(2100, 1, 1)  # exclusive
    unit: str | None = None  # this unit and everything under it
    channel: str | None = None
    age_group: str | None = None
    by: str | None = None

    def __post_init__(self) -> None:
        if self.grain not in GRAINS:
            raise ValueError(f"grain {self.grain!r}")
        for value, allowed in (
            (self.channel, (*CHANNELS, "unknown")),
            (self.age_group, (*AGE_GROUPS, "unknown")),
            (self.by, BY),
        ):
            if value is not None and value not in allowed:
                raise ValueError(f"{value!r} not in {allowed}")
        if self.unit is not None and not SAFE.match(self.unit):
            raise ValueError("unit code")


BY_COLUMN = {
    "channel": "f.channel",
    "age_group": "f.age_group",
    "service": "f.service_code",
    "campaign": "f.campaign_code",
    "detail": "f.detail",
}


def sql(indicator: Indicator, filters: Filters) -> str:
    """The query of one indicator; every value in it is validated (Filters) or a date literal."""
    conditions = [
        f"({indicator.where})",
        f"f.day >= DATE '{filters.start.isoformat()}'",
        f"f.day < DATE '{filters.end.isoformat()}'",
    ]
    if filters.unit:
        conditions.append(
            "f.unit_code IN (SELECT unit_code FROM bridge_unit_ancestor "
            f"WHERE ancestor_code = '{filters.unit}')"
        )
    if filters.channel:
        conditions.append(f"f.channel = '{filters.channel}'")
    if filters.age_group:
        conditions.append(f"f.age_group = '{filters.age_group}'")
    join = ""
    group = ""
    if filters.by in LEVELS:
        join = (
            f" JOIN bridge_unit_ancestor b ON b.unit_code = f.unit_code AND b.ancestor_level = '{filters.by}'"
        )
        group = "b.ancestor_code"
    elif filters.by:
        group = f"coalesce({BY_COLUMN[filters.by]}, '-')"
    measures = ", ".join(f"{m.sql} AS {m.key}" for m in indicator.measures)
    select_group = f", {group} AS grp" if group else ""
    group_by = f"f.{filters.grain}" + (f", {group}" if group else "")
    order = "period" + (", grp" if group else "")
    return (
        f"SELECT f.{filters.grain} AS period{select_group}, {measures} "
        f"FROM fact_event f{join} WHERE {' AND '.join(conditions)} GROUP BY {group_by} ORDER BY {order}"
    )


@dataclass(frozen=True)
class Table:
    indicator: Indicator
    filters: Filters
    columns: tuple[str, ...]
    rows: list[tuple]


def run(engine, indicator: Indicator, filters: Filters) -> Table:
    # The measure columns' names are SQL: columns after period (and grp).
    rows = engine.query(sql(indicator, filters))
    columns = ("period", *(("grp",) if (filters.by) else ()), *(m.key for m in indicator.measures))
    return Table(indicator, filters, columns, rows)


def period_label(day: dt.date, grain: str) -> str:
    if grain == "year":
        return f"{day.year}"
    if grain == "quarter":
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def parse_period(text: str) -> tuple[str, dt.date, dt.date]:
    """ "2026" / "2026-Q2" / "2026-05" -> (grain, first day, first day after)."""
    text = text.strip().upper()
    if m := re.fullmatch(r"(\d{4})", text):
        year = int(m[1])
        return "year", dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", text):
        year, q = int(m[1]), int(m[2])
        start = dt.date(year, 3 * q - 2, 1)
        return "quarter", start, dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            start = dt.date(year, month, 1)
            return "month", start, dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    raise ValueError(text)


def span(grain: str, today: dt.date, count: int | None = None) -> tuple[dt.date, dt.date]:
    """The last `count` whole-or-current periods of a grain up to today (12 months, 8 quarters, 3 years)."""
    count = count or {"month": 12, "quarter": 8, "year": 3}[grain]
    if grain == "year":
        return dt.date(today.year - count + 1, 1, 1), dt.date(today.year + 1, 1, 1)
    if grain == "quarter":
        first = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        step = 3
    else:
        first = dt.date(today.year, today.month, 1)
        step = 1
    months = first.year * 12 + first.month - 1 - step * (count - 1)
    start = dt.date(months // 12, months % 12 + 1, 1)
    after = first.year * 12 + first.month - 1 + step
    return start, dt.date(after // 12, after % 12 + 1, 1)
