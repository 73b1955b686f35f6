"""Finnish public holidays for every calendar of the platform (Midsummer Eve and Christmas Eve included)."""

import datetime as dt
from functools import cache

import holidays


@cache
def _finnish_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.Finland(years=year, language="fi"))


def holiday_name(day: dt.date) -> str | None:
    return _finnish_holidays(day.year).get(day)
