"""Scored instruments, implemented by their published scoring.

- AUDIT (WHO 2001, Babor et al.): ten items, 1-8 scored 0-4, 9-10 scored 0/2/4; total 0-40; risk zones
  I 0-7, II 8-15, III 16-19, IV 20-40.
- PHQ-2 (Kroenke et al. 2003): two items scored 0-3; total 0-6; 3 or more is a positive screen.
- FINDRISC (Lindström & Tuomilehto 2003, Finnish Diabetes Association form): age 0/2/3/4, BMI 0/1/3,
  waist by sex 0/3/4, daily activity 0/2, daily vegetables 0/1, blood-pressure medication 0/2, high
  glucose ever 0/5, diabetes in family 0/3/5; total 0-26; risk <7 low, 7-11 slightly elevated, 12-14
  moderate, 15-20 high, >20 very high.
"""

from dataclasses import asdict, dataclass

from django.utils.translation import gettext_lazy as _

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


BAND_LABELS = {
    "audit_1": _("Zone I: low-risk drinking"),
    "audit_2": _("Zone II: risky drinking"),
    "audit_3": _("Zone III: harmful drinking"),
    "audit_4": _("Zone IV: possible dependence"),
    "phq2_negative": _("No sign of depression in the screen"),
    "phq2_positive": _("Positive screen: depressive symptoms worth discussing"),
    "findrisc_low": _("Low risk: about 1 in 100 will develop type 2 diabetes within 10 years"),
    "findrisc_slight": _("Slightly elevated risk: about 1 in 25 within 10 years"),
    "findrisc_moderate": _("Moderate risk: about 1 in 6 within 10 years"),
    "findrisc_high": _("High risk: about 1 in 3 within 10 years"),
    "findrisc_very_high": _("Very high risk: about 1 in 2 within 10 years"),
}

AUDIT_ITEMS = tuple(f"audit-{n}" for n in range(1, 11))
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


def audit_band(total: float) -> str:
    return "audit_1" if total <= 7 else "audit_2" if total <= 15 else "audit_3" if total <= 19 else "audit_4"


def audit(resource: dict, answers: Answers) -> Score | None:
    if "audit-1" not in answers:
        return None
    total = ordinal_total(resource, answers, AUDIT_ITEMS)
    return Score("audit", total, 40, audit_band(total))


def phq2(resource: dict, answers: Answers) -> Score | None:
    if not all(link in answers for link in PHQ2_ITEMS):
        return None
    total = ordinal_total(resource, answers, PHQ2_ITEMS)
    return Score("phq2", total, 6, "phq2_positive" if total >= 3 else "phq2_negative")


def bmi(height_cm: float, weight_kg: float) -> float:
    return weight_kg / (height_cm / 100) ** 2


def bmi_points(value: float) -> int:
    return 0 if value < 25 else 1 if value <= 30 else 3


def waist_points(waist_cm: float, sex: str) -> int:
    low, high = (94, 102) if sex == "male" else (80, 88)
    return 0 if waist_cm < low else 3 if waist_cm <= high else 4


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


def findrisc(resource: dict, answers: Answers) -> Score | None:
    needed = (*FINDRISC_CHOICES, "findrisc-height", "findrisc-weight", "findrisc-waist", "findrisc-sex")
    if not all(link in answers for link in needed):
        return None
    total = ordinal_total(resource, answers, FINDRISC_CHOICES)
    total += bmi_points(bmi(answers["findrisc-height"][0], answers["findrisc-weight"][0]))
    total += waist_points(answers["findrisc-waist"][0], answers["findrisc-sex"][0])
    return Score("findrisc", total, 26, findrisc_band(total))


INSTRUMENTS = {"audit": audit, "phq2": phq2, "findrisc": findrisc}


def score_all(resource: dict, answers: Answers, instruments: list[str]) -> list[Score]:
    return [s for s in (INSTRUMENTS[name](resource, answers) for name in instruments) if s is not None]
