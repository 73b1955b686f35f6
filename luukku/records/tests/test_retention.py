"""The retention date rule (150/1930 § 3), with worked examples at every boundary and a property that
ties the SQL cut-off to the rule."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luukku.records.retention import add_years, is_due, latest_due_start, local_day, retention_end

D = dt.date


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (D(2014, 3, 15), 12, D(2026, 3, 15)),
        (D(2016, 2, 29), 10, D(2026, 2, 28)),  # leap day to a common year: the last day of February
        (D(2016, 2, 29), 12, D(2028, 2, 29)),  # leap day to a leap year: the same day
        (D(2015, 2, 28), 1, D(2016, 2, 28)),  # 28 February stays 28 February in a leap year
        (D(2015, 12, 31), 2, D(2017, 12, 31)),
    ],
)
def test_the_retention_ends_on_the_matching_day(start, years, end):
    assert retention_end(start, years) == end


@pytest.mark.parametrize(
    ("today", "due"),
    [(D(2026, 3, 14), False), (D(2026, 3, 15), False), (D(2026, 3, 16), True)],
)
def test_kept_through_the_last_day_and_due_the_day_after(today, due):
    # started 15.3.2014, 12 years: the last day is 15.3.2026
    assert is_due(D(2014, 3, 15), 12, today) is due


@pytest.mark.parametrize(
    ("today", "due"),
    [(D(2026, 2, 27), False), (D(2026, 2, 28), False), (D(2026, 3, 1), True)],
)
def test_a_leap_day_start_ends_on_28_february(today, due):
    assert is_due(D(2016, 2, 29), 10, today) is due


@pytest.mark.parametrize(
    ("today", "due"),
    [(D(2030, 12, 31), False), (D(2031, 1, 1), True)],
)
def test_accounting_vouchers_count_from_the_end_of_the_year(today, due):
    # invoice due 5.5.2024: kept six years from the end of 2024, i.e. through 31.12.2030
    assert retention_end(D(2024, 5, 5), 6, from_year_end=True) == D(2030, 12, 31)
    assert is_due(D(2024, 5, 5), 6, today, from_year_end=True) is due
    assert is_due(D(2024, 12, 31), 6, today, from_year_end=True) is due
    assert not is_due(D(2025, 1, 1), 6, today, from_year_end=True)


def test_the_sql_cut_off_at_the_leap_boundary():
    # on 1.3.2026 (the day after 28.2.2026) everything started up to 29.2.2016 is due after 10 years
    assert latest_due_start(D(2026, 3, 1), 10) == D(2016, 2, 29)
    # on 1.3.2025 (after 28.2.2025) a start on 29.2.2016 (end 28.2.2025) is due, after 9 years
    assert latest_due_start(D(2025, 3, 1), 9) == D(2016, 2, 29)
    # on 29.2.2028 (the day after 28.2.2028) the latest due start is 28.2.2018
    assert latest_due_start(D(2028, 2, 29), 10) == D(2018, 2, 28)
    # on 29.2.2028 after 4 years: a start on 29.2.2024 ends on 29.2.2028 itself, so it is not yet due
    assert latest_due_start(D(2028, 2, 29), 4) == D(2024, 2, 28)
    assert not is_due(D(2024, 2, 29), 4, D(2028, 2, 29))
    assert latest_due_start(D(2031, 1, 1), 6, from_year_end=True) == D(2024, 12, 31)


def test_a_utc_time_is_counted_by_its_finnish_day():
    late = dt.datetime(2015, 12, 31, 22, 30, tzinfo=dt.UTC)  # 00.30 on 1.1.2016 in Helsinki
    assert local_day(late) == D(2016, 1, 1)
    assert local_day(D(2016, 1, 1)) == D(2016, 1, 1)


days = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))


@given(start=days, today=days, years=st.integers(min_value=0, max_value=120), year_end=st.booleans())
def test_the_cut_off_agrees_with_the_rule(start, today, years, year_end):
    assert is_due(start, years, today, year_end) == (start <= latest_due_start(today, years, year_end))


leap_days = st.integers(min_value=1992, max_value=2088).map(lambda y: D(y - y % 4, 2, 29))
near_leap = st.sampled_from([D(2028, 2, 28), D(2028, 2, 29), D(2028, 3, 1), D(2026, 2, 28), D(2026, 3, 1)])


@given(start=leap_days | days, today=near_leap, years=st.integers(min_value=0, max_value=40))
def test_the_cut_off_agrees_around_leap_days(start, today, years):
    assert is_due(start, years, today) == (start <= latest_due_start(today, years))


@given(start=days, years=st.integers(min_value=0, max_value=120))
def test_adding_years_keeps_the_month_and_never_goes_past_it(start, years):
    end = add_years(start, years)
    assert (end.year, end.month) == (start.year + years, start.month)
    assert end.day == start.day or (start.month, start.day, end.day) == (2, 29, 28)
