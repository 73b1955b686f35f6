"""The statutory time limits and the reference number: worked examples, every boundary, properties."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from luukku.applications import rules

MONDAY = dt.date(2026, 11, 2)


def test_seven_working_days_skip_the_weekend():
    # Mon 2.11. -> Tue 3 (1), Wed 4 (2), Thu 5 (3), Fri 6 (4), Mon 9 (5), Tue 10 (6), Wed 11 (7)
    assert rules.add_working_days(MONDAY, 7) == dt.date(2026, 11, 11)


def test_working_days_skip_christmas_eve_and_christmas():
    # Thu 17.12.: Fri 18 (1), Mon 21 (2), Tue 22 (3), Wed 23 (4), [Thu 24, Fri 25 holidays], Mon 28 (5),
    # Tue 29 (6), Wed 30 (7)
    assert rules.add_working_days(dt.date(2026, 12, 17), 7) == dt.date(2026, 12, 30)


def test_the_seventh_working_day_applies_from_75_not_at_74():
    at_75 = rules.assessment_deadline(MONDAY, 75, urgent=False)
    at_74 = rules.assessment_deadline(MONDAY, 74, urgent=False)
    assert at_75.due == dt.date(2026, 11, 11) and at_75.statutory
    assert at_74.due == dt.date(2026, 11, 16) and not at_74.statutory  # county target, 10 working days


def test_highest_care_allowance_gets_the_seven_days_at_any_age():
    deadline = rules.assessment_deadline(MONDAY, 40, urgent=False, highest_care_allowance=True)
    assert deadline.due == dt.date(2026, 11, 11) and deadline.statutory


def test_a_child_in_need_of_special_support_gets_the_seven_days():
    deadline = rules.assessment_deadline(MONDAY, 6, urgent=False, child_special_support=True)
    assert deadline.due == dt.date(2026, 11, 11) and deadline.statutory
    assert not rules.assessment_deadline(MONDAY, 6, urgent=False).statutory


def test_urgent_is_without_delay_whatever_the_age():
    for age in (30, 74, 75, 90):
        deadline = rules.assessment_deadline(MONDAY, age, urgent=True)
        assert deadline.due == MONDAY and deadline.statutory


def test_disability_decision_within_three_months_moved_off_the_weekend():
    assert rules.decision_deadline(dt.date(2026, 11, 26), disability=True).due == dt.date(2027, 2, 26)
    # 30.11. + 3 months = 28.2.2027, a Sunday -> Monday 1.3.2027
    assert rules.decision_deadline(dt.date(2026, 11, 30), disability=True).due == dt.date(2027, 3, 1)
    assert rules.decision_deadline(dt.date(2026, 11, 30), disability=False) is None


def test_elderly_service_within_three_months_of_a_granting_decision_only():
    assert rules.service_deadline(dt.date(2026, 8, 31), elderly=True, granted=True).due == dt.date(
        2026, 11, 30
    )
    assert rules.service_deadline(dt.date(2026, 8, 31), elderly=True, granted=False) is None
    assert rules.service_deadline(dt.date(2026, 8, 31), elderly=False, granted=True) is None


def test_processing_days_count_calendar_days():
    assert rules.processing_days(dt.date(2026, 11, 2), dt.date(2026, 11, 2)) == 0
    assert rules.processing_days(dt.date(2026, 10, 30), dt.date(2026, 11, 2)) == 3


def test_reference_number_worked_example():
    # 2026000123 mod 21 = 7 -> the eighth letter of ABCDEFHJKLMNPRSTUVWXY, "J"
    assert rules.reference_number(2026, 123) == "SOS-2026-000123-J"
    assert rules.reference_is_valid("SOS-2026-000123-J")
    assert not rules.reference_is_valid("SOS-2026-000123-K")
    assert not rules.reference_is_valid("SOS-2026-00012-J")
    assert not rules.reference_is_valid("SOS-２０２６-000123-J")  # non-ASCII digits
    assert not rules.reference_is_valid("")


days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))


@given(days, st.integers(min_value=1, max_value=40))
def test_add_working_days_counts_exactly_n_working_days(start, n):
    end = rules.add_working_days(start, n)
    assert rules.is_working_day(end)
    between = [start + dt.timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(rules.is_working_day(d) for d in between) == n


@given(days, st.integers(min_value=1, max_value=24))
def test_add_months_lands_on_a_working_day_within_days_of_the_nominal_date(start, months):
    end = rules.add_months(start, months)
    assert rules.is_working_day(end)
    month_index = start.month - 1 + months
    nominal_month_start = dt.date(start.year + month_index // 12, month_index % 12 + 1, 1)
    assert nominal_month_start <= end <= nominal_month_start + dt.timedelta(days=31 + 4)


@given(
    st.integers(min_value=1, max_value=999_999),
    st.integers(min_value=0, max_value=9),
    st.integers(min_value=1, max_value=9),
)
def test_a_single_mistyped_digit_of_the_serial_is_detected(serial, position, delta):
    reference = rules.reference_number(2026, serial)
    digits = list(reference[9:15])
    index = position % 6
    digits[index] = str((int(digits[index]) + delta) % 10)
    typo = reference[:9] + "".join(digits) + reference[15:]
    assert rules.reference_is_valid(reference)
    assert not rules.reference_is_valid(typo)
