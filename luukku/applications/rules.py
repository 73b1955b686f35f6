"""The statutory time limits of a social-services application, as plain functions.

Sources (Finlex, consolidated text; the exact wording was checked where noted in the report):

- Social Welfare Act (sosiaalihuoltolaki) 1301/2014 § 36 (2): the assessment of the need for services
  must begin without delay in urgent cases, and at the latest on the **seventh working day** after the
  contact for a person over 75 years of age, a child in need of special support, and one receiving the
  highest care allowance under the Act on Disability Benefits (570/2007). "Over 75" is read as 75 years
  or more (the reading of the counties' guides and the safer one). For a child in need of special
  support the assessment must also be completed within three months (not tracked here yet).
- Social Welfare Act § 45: the decision is made without undue delay (urgent: without delay); the Act
  sets no fixed number of days, so for other applications the queue item is due by the county's own
  service promise (`COUNTY_TARGET_WORKING_DAYS`), which is not a statutory limit.
- Act on Disability Services 380/1987 § 3 a (carried into the Disability Services Act 675/2023 that
  replaced it on 1.1.2025): an application for disability services is decided without undue delay and
  at the latest **three months** after it arrived.
- Elderly Services Act (vanhuspalvelulaki) 980/2012 § 18: social services granted to an older person
  are provided without delay and at the latest **three months** after the decision.
- Act on the Calculation of Statutory Time Limits 150/1930 § 5: a limit ending on a Saturday, Sunday or
  public holiday moves to the next working day. Working days here are Monday to Friday that are not
  Finnish public holidays (Midsummer Eve and Christmas Eve count as holidays, `web.holidays`).
"""

import calendar
import datetime as dt
from dataclasses import dataclass

from luukku.web.holidays import holiday_name

OVER_75 = 75
ASSESSMENT_WORKING_DAYS = 7  # Social Welfare Act 1301/2014 § 36 (2)
COUNTY_TARGET_WORKING_DAYS = 10  # the county's service promise, not a statute
DISABILITY_DECISION_MONTHS = 3  # Act 380/1987 § 3 a / Act 675/2023
ELDERLY_SERVICE_MONTHS = 3  # Elderly Services Act 980/2012 § 18


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start` (the day of contact itself is not counted)."""
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it has no such day), then moved to the
    next working day (Act 150/1930 § 5)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    result = dt.date(year, month, day)
    while not is_working_day(result):
        result += dt.timedelta(days=1)
    return result


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    statutory: bool
    basis: str  # the citation shown to the handler


def assessment_deadline(
    received: dt.date,
    age: int,
    urgent: bool,
    highest_care_allowance: bool = False,
    child_special_support: bool = False,
) -> Deadline:
    """When the service-need assessment must begin (Social Welfare Act 1301/2014 § 36)."""
    if urgent:
        return Deadline(received, True, "SHL 1301/2014 § 36: urgent, without delay")
    if age >= OVER_75 or highest_care_allowance or child_special_support:
        return Deadline(
            add_working_days(received, ASSESSMENT_WORKING_DAYS), True, "SHL 1301/2014 § 36: 7 working days"
        )
    return Deadline(
        add_working_days(received, COUNTY_TARGET_WORKING_DAYS), False, "SHL 1301/2014 § 45 / county target"
    )


def decision_deadline(received: dt.date, disability: bool) -> Deadline | None:
    """The latest day of the decision where a statute fixes one (disability services: 3 months)."""
    if not disability:
        return None
    return Deadline(
        add_months(received, DISABILITY_DECISION_MONTHS), True, "VpL 380/1987 § 3 a / 675/2023: 3 months"
    )


def service_deadline(decided: dt.date, elderly: bool, granted: bool) -> Deadline | None:
    """When a granted service for an older person must be provided (Elderly Services Act § 18)."""
    if not (elderly and granted):
        return None
    return Deadline(add_months(decided, ELDERLY_SERVICE_MONTHS), True, "VanhPL 980/2012 § 18: 3 months")


def processing_days(received: dt.date, decided: dt.date) -> int:
    """Calendar days from arrival to decision (the warehouse's processing time)."""
    return (decided - received).days


def reference_number(year: int, serial: int) -> str:
    """The receipt's reference: SOS-<year>-<serial, 6 digits>-<check letter>.

    The check letter (the digits mod 21, over letters not mistaken for digits)
    lets a handler notice a mistyped reference read over the phone.
    """
    digits = f"{year:04d}{serial:06d}"
    return f"SOS-{year:04d}-{serial:06d}-{CHECK_LETTERS[int(digits) % len(CHECK_LETTERS)]}"


CHECK_LETTERS = "ABCDEFHJKLMNPRSTUVWXY"  # no G, I, O, Q, Z: not mistaken for digits


def reference_is_valid(reference: str) -> bool:
    parts = reference.split("-")
    if len(parts) != 4 or parts[0] != "SOS" or not (parts[1].isascii() and parts[2].isascii()):
        return False
    if not (parts[1].isdigit() and len(parts[1]) == 4 and parts[2].isdigit() and len(parts[2]) == 6):
        return False
    return reference == reference_number(int(parts[1]), int(parts[2]))
