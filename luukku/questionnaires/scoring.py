"""Scored instruments, implemented by their published scoring (docs/instruments.md has the table).

- AUDIT (WHO 2001, Babor et al., *The Alcohol Use Disorders Identification Test*, 2nd ed.; Finnish text
  THL): ten items, 1-8 scored 0-4, 9-10 scored 0/2/4; total 0-40; WHO risk zones I 0-7, II 8-15,
  III 16-19, IV 20-40. Finnish interpretation (Käypä hoito -suositus *Alkoholiongelmaisen hoito*, Duodecim
  2015): 8 or more points for men and 6 or more for women suggest risky drinking, so a woman's 6-7 points
  in zone I are not "low-risk".
- AUDIT-C (items 1-3 of AUDIT; THL, the FinSote/FinTerveys indicator "Alkoholia liikaa käyttävien
  osuus"): total 0-12; risky drinking at 6 or more for men, 5 or more for women and 4 or more for
  everyone aged 65 or more.
- PHQ-2 (Kroenke et al. 2003): two items scored 0-3; total 0-6; 3 or more is a positive screen.
- FINDRISC (Lindström & Tuomilehto 2003, Finnish Diabetes Association form): age 0/2/3/4, BMI 0/1/3,
  waist by sex 0/3/4, daily activity 0/2, daily vegetables 0/1, blood-pressure medication 0/2, high
  glucose ever 0/5, diabetes in family 0/3/5; total 0-26; risk <7 low, 7-11 slightly elevated, 12-14
  moderate, 15-20 high, >20 very high. BMI bands <25 / 25-30 / >30 kg/m² are applied to BMI rounded to
  one decimal (half up), as the paper form's BMI is read, from exact decimal arithmetic.
- Post-operative warning signs (Luukku's own follow-up questionnaire, not a validated instrument): the
  number of warning signs answered "yes"; one is enough to route the client to the care team.
- PEF home monitoring (Käypä hoito -suositus *Astma*): see `pef_monitoring`.

The client's sex and age come from the henkilötunnus (`Client.of`), never from a question.
"""

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.registry import hetu

from .engine import Answers, option_score
from .fhirq import walk


@dataclass(frozen=True)
class Score:
    instrument: str
    total: float
    maximum: float
    band: str

    def as_dict(self) -> dict:
        return asdict(self)


class _Person(Protocol):
    hetu: str
    birth_date: dt.date


@dataclass(frozen=True)
class Client:
    """What an interpretation needs to know of the client: sex and age, None when unknown (anonymous)."""

    sex: str | None = None  # "male" | "female"
    age: int | None = None

    @classmethod
    def of(cls, person: _Person | None, on: dt.date | None = None) -> "Client":
        """Sex from the henkilötunnus's individual number (odd male, even female), age by `hetu.age_on`."""
        if person is None:
            return cls()
        try:
            sex: str | None = hetu.parse(person.hetu).sex
        except hetu.InvalidHetu:
            sex = None
        return cls(sex=sex, age=hetu.age_on(person.birth_date, on or timezone.localdate()))


UNKNOWN = Client()

BAND_LABELS = {
    "audit_1": _("Zone I: low-risk drinking"),
    "audit_1_risky_woman": _(
        "Zone I (0–7 points), but for a woman 6 or more points suggest risky drinking (Käypä hoito)"
    ),
    "audit_1_risky_if_woman": _(
        "Zone I (0–7 points); for a woman 6 or more points suggest risky drinking (Käypä hoito)"
    ),
    "audit_2": _("Zone II: risky drinking"),
    "audit_3": _("Zone III: harmful drinking"),
    "audit_4": _("Zone IV: possible dependence"),
    "auditc_below": _(
        "AUDIT-C below the risk limit for the client's sex and age (men 6, women 5, 65 or over 4)"
    ),
    "auditc_risky": _(
        "AUDIT-C at or above the risk limit for the client's sex and age (men 6, women 5, 65 or over 4): "
        "suggests risky drinking"
    ),
    "auditc_risky_for_some": _(
        "AUDIT-C at or above the risk limit for women (5) or people aged 65 or over (4), below it for "
        "men under 65 (6)"
    ),
    "phq2_negative": _("No sign of depression in the screen"),
    "phq2_positive": _("Positive screen: depressive symptoms worth discussing"),
    "findrisc_low": _("Low risk: about 1 in 100 will develop type 2 diabetes within 10 years"),
    "findrisc_slight": _("Slightly elevated risk: about 1 in 25 within 10 years"),
    "findrisc_moderate": _("Moderate risk: about 1 in 6 within 10 years"),
    "findrisc_high": _("High risk: about 1 in 3 within 10 years"),
    "findrisc_very_high": _("Very high risk: about 1 in 2 within 10 years"),
    "postop_none": _("No warning signs"),
    "postop_warning": _("Warning signs: the care team contacts the client"),
    "pef_not_variable": _("PEF variation below the asthma criteria of Käypä hoito"),
    "pef_variable": _("PEF variation meets an asthma criterion of Käypä hoito (3 times or more)"),
}

AUDIT_ITEMS = tuple(f"audit-{n}" for n in range(1, 11))
AUDIT_C_ITEMS = ("audit-1", "audit-2", "audit-3")
PHQ2_ITEMS = ("phq-1", "phq-2")
FINDRISC_CHOICES = (
    "findrisc-age",
    "findrisc-activity",
    "findrisc-vegetables",
    "findrisc-bp-medication",
    "findrisc-high-glucose",
    "findrisc-family",
)


def ordinal_total(resource: dict, answers: Answers, link_ids: tuple[str, ...]) -> float:
    """Sum of the answered options' ordinal values; unanswered (or hidden) items count 0."""
    nodes = {node["linkId"]: node for node in walk(resource.get("item", []))}
    total = 0.0
    for link in link_ids:
        for code in answers.get(link, []):
            total += option_score(nodes[link], code) or 0
    return total


# --- AUDIT and AUDIT-C ---------------------------------------------------------------------------------


def audit_zone(total: float) -> str:
    """WHO risk zone: I 0-7, II 8-15, III 16-19, IV 20-40."""
    return "audit_1" if total <= 7 else "audit_2" if total <= 15 else "audit_3" if total <= 19 else "audit_4"


def audit_band(total: float, client: Client = UNKNOWN) -> str:
    """The WHO zone with the Finnish reading of zone I: 6-7 points suggest risky drinking for a woman."""
    zone = audit_zone(total)
    if zone != "audit_1" or total < 6 or client.sex == "male":
        return zone
    return "audit_1_risky_woman" if client.sex == "female" else "audit_1_risky_if_woman"


def audit_c_limit(client: Client) -> int | None:
    """THL: 4 at 65 or over; else 5 for women and 6 for men; None when it depends on what is unknown."""
    if client.age is not None and client.age >= 65:
        return 4
    if client.sex is None or client.age is None:
        return None
    return 5 if client.sex == "female" else 6


def audit_c_band(total: float, client: Client = UNKNOWN) -> str:
    limit = audit_c_limit(client)
    if limit is not None:
        return "auditc_risky" if total >= limit else "auditc_below"
    lowest = 4 if client.age is None else 5  # an unknown age could be 65 or over
    highest = 6 if client.sex != "female" else 5
    if total >= highest:
        return "auditc_risky"
    return "auditc_risky_for_some" if total >= lowest else "auditc_below"


def audit(resource: dict, answers: Answers, client: Client = UNKNOWN) -> list[Score]:
    if "audit-1" not in answers:
        return []
    total = ordinal_total(resource, answers, AUDIT_ITEMS)
    short = ordinal_total(resource, answers, AUDIT_C_ITEMS)
    return [
        Score("audit", total, 40, audit_band(total, client)),
        Score("audit-c", short, 12, audit_c_band(short, client)),
    ]


# --- PHQ-2 ---------------------------------------------------------------------------------------------


def phq2(resource: dict, answers: Answers, client: Client = UNKNOWN) -> list[Score]:
    if not all(link in answers for link in PHQ2_ITEMS):
        return []
    total = ordinal_total(resource, answers, PHQ2_ITEMS)
    return [Score("phq2", total, 6, "phq2_positive" if total >= 3 else "phq2_negative")]


# --- FINDRISC ------------------------------------------------------------------------------------------

ONE_DECIMAL = Decimal("0.1")


def _decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def bmi(height_cm: Any, weight_kg: Any) -> Decimal:
    """Body-mass index kg/m² from exact decimals, rounded half up to one decimal as the form reads it."""
    metres = _decimal(height_cm) / 100
    return (_decimal(weight_kg) / (metres * metres)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def bmi_points(value: Any) -> int:
    """FINDRISC: BMI under 25 → 0, 25-30 → 1, over 30 → 3."""
    value = _decimal(value)
    return 0 if value < 25 else 1 if value <= 30 else 3


def waist_points(waist_cm: Any, sex: str) -> int:
    """FINDRISC: men under 94 → 0, 94-102 → 3, over 102 → 4; women under 80 → 0, 80-88 → 3, over 88 → 4."""
    low, high = (94, 102) if sex == "male" else (80, 88)
    waist = _decimal(waist_cm)
    return 0 if waist < low else 3 if waist <= high else 4


def findrisc_band(total: float) -> str:
    if total < 7:
        return "findrisc_low"
    if total <= 11:
        return "findrisc_slight"
    if total <= 14:
        return "findrisc_moderate"
    if total <= 20:
        return "findrisc_high"
    return "findrisc_very_high"


def findrisc(resource: dict, answers: Answers, client: Client = UNKNOWN) -> list[Score]:
    needed = (*FINDRISC_CHOICES, "findrisc-height", "findrisc-weight", "findrisc-waist", "findrisc-sex")
    if not all(link in answers for link in needed):
        return []
    total = ordinal_total(resource, answers, FINDRISC_CHOICES)
    total += bmi_points(bmi(answers["findrisc-height"][0], answers["findrisc-weight"][0]))
    total += waist_points(answers["findrisc-waist"][0], answers["findrisc-sex"][0])
    return [Score("findrisc", total, 26, findrisc_band(total))]


# --- Post-operative warning signs ----------------------------------------------------------------------


def postop(resource: dict, answers: Answers, client: Client = UNKNOWN) -> list[Score]:
    """Every item marked as a warning sign (linkId `warning-…`) answered "yes" counts one."""
    signs = [
        node["linkId"] for node in walk(resource.get("item", [])) if node["linkId"].startswith("warning-")
    ]
    if not signs:
        return []
    total = sum(1 for link in signs if "yes" in answers.get(link, []))
    return [Score("postop", total, len(signs), "postop_warning" if total else "postop_none")]


# --- PEF home monitoring -------------------------------------------------------------------------------

PEF_RELATIVE_LIMIT = {"diurnal": Decimal(20), "bronchodilator": Decimal(15)}  # per cent
PEF_ABSOLUTE_LIMIT = 60  # l/min, both criteria
PEF_TIMES_NEEDED = 3


@dataclass(frozen=True)
class PefDay:
    """One day of the two-week diary (l/min, the best of three blows; None when not measured)."""

    morning: float | None = None
    morning_after: float | None = None  # 15-20 minutes after the reliever
    evening: float | None = None
    evening_after: float | None = None


@dataclass(frozen=True)
class PefFindings:
    variable_days: int
    bronchodilator_responses: int

    @property
    def meets_criteria(self) -> bool:
        return max(self.variable_days, self.bronchodilator_responses) >= PEF_TIMES_NEEDED


def significant_change(lower: float, higher: float, percent: Decimal) -> bool:
    """A change of at least `percent` per cent of the lower reading and at least 60 l/min."""
    low, high = _decimal(lower), _decimal(higher)
    change = high - low
    return low > 0 and change >= PEF_ABSOLUTE_LIMIT and change * 100 >= percent * low


def pef_monitoring(days: list[PefDay]) -> PefFindings:
    """Variability of a two-week PEF home monitoring as Käypä hoito defines it.

    Source: Käypä hoito -suositus *Astma* (Suomalainen Lääkäriseura Duodecim et al., updated 2022),
    diagnostic criteria of PEF home monitoring: PEF is measured morning and evening for two weeks, before
    and 15-20 minutes after a bronchodilator, and variation typical of asthma is
    - a bronchodilator response of at least 15 % and at least 60 l/min, at least three times, or
    - a diurnal variation of at least 20 % and at least 60 l/min, at least three times (days).
    The diurnal variation of a day is the difference between its highest and lowest pre-bronchodilator
    reading relative to the lowest; the bronchodilator response is the after-value's rise relative to
    the before-value. Both the relative and the absolute limit must be met.
    """
    variable_days = 0
    responses = 0
    for day in days:
        before = [v for v in (day.morning, day.evening) if v is not None]
        if len(before) == 2 and significant_change(min(before), max(before), PEF_RELATIVE_LIMIT["diurnal"]):
            variable_days += 1
        for pre, post in ((day.morning, day.morning_after), (day.evening, day.evening_after)):
            if (
                pre is not None
                and post is not None
                and significant_change(pre, post, PEF_RELATIVE_LIMIT["bronchodilator"])
            ):
                responses += 1
    return PefFindings(variable_days, responses)


PEF_DAYS = 14


def pef_days_from_answers(answers: Answers) -> list[PefDay]:
    def value(link: str) -> float | None:
        values = answers.get(link)
        return values[0] if values else None

    return [
        PefDay(
            value(f"pef-{n}-morning"),
            value(f"pef-{n}-morning-after"),
            value(f"pef-{n}-evening"),
            value(f"pef-{n}-evening-after"),
        )
        for n in range(1, PEF_DAYS + 1)
    ]


def pef(resource: dict, answers: Answers, client: Client = UNKNOWN) -> list[Score]:
    """Score: the larger count of the two criteria (variable days, bronchodilator responses); 3 meets it."""
    findings = pef_monitoring(pef_days_from_answers(answers))
    total = max(findings.variable_days, findings.bronchodilator_responses)
    return [
        Score("pef", total, PEF_DAYS * 2, "pef_variable" if findings.meets_criteria else "pef_not_variable")
    ]


INSTRUMENTS = {"audit": audit, "phq2": phq2, "findrisc": findrisc, "postop": postop, "pef": pef}


def score_all(
    resource: dict, answers: Answers, instruments: list[str], client: Client = UNKNOWN
) -> list[Score]:
    """The instruments' scores; the AUDIT interpretation uses the client's sex and age when known."""
    return [score for name in instruments for score in INSTRUMENTS[name](resource, answers, client)]
