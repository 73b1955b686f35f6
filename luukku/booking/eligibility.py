"""Who may book which service: pure rules over plain values, so they can be tested exhaustively.

`refusal(...)` returns None when booking is allowed, else a reason code; `REASONS` turns the code
into a sentence in the user's language.
"""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from luukku.registry.hetu import age_on

REASONS = {
    "inactive": _("This service cannot be booked at the moment."),
    "identification": _("Identify yourself to book this service."),
    "not_for_self": _("This service is booked by a professional. Contact your health centre."),
    "not_for_guardian": _("A guardian cannot book this service for a child."),
    "not_by_professional": _("This service is booked by the resident."),
    "too_young": _("This service is for people aged %(min_age)s or more."),
    "too_old": _("This service is for people aged %(max_age)s or less."),
    "not_due": _("This check-up is booked at the ages it is due."),
    "campaign": _(
        "You already have a booked time for this. One time is enough: you can change or cancel the time "
        "you have."
    ),
    "past": _("This time has already passed. Choose another time."),
    "full": _("This time was just booked by someone else. Choose another time."),
    "deadline": _(
        "The time for changing or cancelling online has passed. Call the unit to change the booking."
    ),
    "not_allowed": _("You do not have the right to handle this booking."),
    "weekly_limit": _(
        "You already hold %(held)s times of this service in the same week. Cancel one before booking another."
    ),
}


@dataclass(frozen=True)
class ServiceRules:
    active: bool = True
    requires_authentication: bool = True
    bookable_by_resident: bool = True
    bookable_by_guardian: bool = True
    bookable_by_professional: bool = True
    min_age: int | None = None
    max_age: int | None = None
    target_ages_months: tuple[int, ...] = ()
    target_window_days: int = 60


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; a day the month lacks (31st, 29 February) becomes its last day."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_due(birth_date: dt.date, on: dt.date, target_ages_months: tuple[int, ...], window_days: int) -> bool:
    return any(
        abs((on - add_months(birth_date, months)).days) <= window_days for months in target_ages_months
    )


def refusal(
    rules: ServiceRules,
    booked_as: str,
    birth_date: dt.date | None,
    on: dt.date,
    has_campaign_booking: bool = False,
) -> str | None:
    """Why `booked_as` ('self', 'mandate', 'guardian', 'professional', 'anonymous') may not book, if so."""
    if not rules.active:
        return "inactive"
    if booked_as == "anonymous":
        return "identification" if rules.requires_authentication else None
    if booked_as in {"self", "mandate"} and not rules.bookable_by_resident:
        return "not_for_self"
    if booked_as == "guardian" and not rules.bookable_by_guardian:
        return "not_for_guardian"
    if booked_as == "professional" and not rules.bookable_by_professional:
        return "not_by_professional"
    if birth_date is not None:
        age = age_on(birth_date, on)
        if rules.min_age is not None and age < rules.min_age:
            return "too_young"
        if rules.max_age is not None and age > rules.max_age:
            return "too_old"
        if rules.target_ages_months and not is_due(
            birth_date, on, rules.target_ages_months, rules.target_window_days
        ):
            return "not_due"
    if has_campaign_booking:
        return "campaign"
    return None
