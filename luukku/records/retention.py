"""When a retention period ends, as a pure date rule.

A period of N years is counted by the Act on the Computation of Statutory Time Limits
(laki säädettyjen määräaikain laskemisesta 150/1930) § 3: it ends on the day of the final year whose
number matches the starting day; when that month has no such day (29 February in a common year), on
the last day of the month (28 February). The records are kept through that day and may go the day
after it: a record whose retention ends on 31 December 2036 is destroyed on 1 January 2037 at the
earliest.

The start is a local (Europe/Helsinki) calendar day: a closing time stored in UTC at 23:30 on
31 December is 1 January in Finland.
"""

import calendar
import datetime as dt

from django.utils import timezone


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` plus whole years; 29 February becomes 28 February in a common year (150/1930 § 3)."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def retention_end(start: dt.date, years: int, from_year_end: bool = False) -> dt.date:
    """The last day a record started on `start` is kept. `from_year_end`: counted from the end of the
    start's calendar year (accounting vouchers, Accounting Act 1336/1997 ch. 2 § 10)."""
    if from_year_end:
        return dt.date(start.year + years, 12, 31)
    return add_years(start, years)


def is_due(start: dt.date, years: int, today: dt.date, from_year_end: bool = False) -> bool:
    """May a record started on `start` be disposed of on `today`? Only after its last day."""
    return retention_end(start, years, from_year_end) < today


def latest_due_start(today: dt.date, years: int, from_year_end: bool = False) -> dt.date:
    """The latest start day whose retention has ended by `today`: a record is due exactly when its
    start is on or before this day (`is_due` ⇔ `start <= latest_due_start`), so the job filters in SQL.
    """
    if from_year_end:
        return dt.date(today.year - years - 1, 12, 31)
    last_end = today - dt.timedelta(days=1)
    candidate = add_years(last_end, -years)
    # 28 February of a common year is also the end of a period started on 29 February of a leap year.
    leap_to_common = calendar.isleap(candidate.year) and not calendar.isleap(last_end.year)
    if last_end.month == 2 and last_end.day == 28 and leap_to_common:
        candidate = candidate.replace(day=29)
    return candidate


def local_day(value: dt.date | dt.datetime) -> dt.date:
    """A stored date, or the Europe/Helsinki day of a stored (UTC) time."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def start_of_day_after(day: dt.date) -> dt.datetime:
    """The aware instant (Europe/Helsinki midnight) that ends `day`: times before it fall on or before
    `day` locally."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
