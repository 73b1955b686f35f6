import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from luukku.booking.eligibility import ServiceRules, add_months, is_due, refusal
from luukku.registry.hetu import age_on

days = st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2030, 12, 31))
ages = st.integers(min_value=0, max_value=110)
kinds = st.sampled_from(["self", "mandate", "guardian", "professional"])


@given(born=days, on=days, min_age=st.none() | ages, max_age=st.none() | ages, kind=kinds)
def test_age_limits_are_inclusive(born, on, min_age, max_age, kind):
    if on < born:
        return
    rules = ServiceRules(min_age=min_age, max_age=max_age)
    age = age_on(born, on)
    allowed = (min_age is None or age >= min_age) and (max_age is None or age <= max_age)
    assert (refusal(rules, kind, born, on) is None) is allowed


@given(kind=kinds, resident=st.booleans(), guardian=st.booleans(), professional=st.booleans())
def test_who_may_book(kind, resident, guardian, professional):
    rules = ServiceRules(
        bookable_by_resident=resident, bookable_by_guardian=guardian, bookable_by_professional=professional
    )
    allowed = {"self": resident, "mandate": resident, "guardian": guardian, "professional": professional}[
        kind
    ]
    assert (refusal(rules, kind, dt.date(1980, 1, 1), dt.date(2026, 1, 1)) is None) is allowed


@given(requires=st.booleans(), active=st.booleans())
def test_anonymous_booking_only_where_identification_is_not_required(requires, active):
    result = refusal(
        ServiceRules(requires_authentication=requires, active=active), "anonymous", None, dt.date(2026, 1, 1)
    )
    assert (result is None) is (active and not requires)


@given(kind=kinds)
def test_campaign_booking_blocks_a_second_one(kind):
    assert (
        refusal(ServiceRules(), kind, dt.date(1950, 1, 1), dt.date(2026, 1, 1), has_campaign_booking=True)
        == "campaign"
    )


@given(born=days, months=st.integers(min_value=0, max_value=240))
def test_add_months_keeps_day_or_clamps_to_month_end(born, months):
    shifted = add_months(born, months)
    assert (shifted.year - born.year) * 12 + shifted.month - born.month == months
    assert shifted.day == born.day or (shifted.day < born.day and (shifted + dt.timedelta(days=1)).day == 1)


@given(
    born=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2025, 1, 1)),
    offset=st.integers(min_value=-200, max_value=200),
    window=st.integers(min_value=0, max_value=90),
)
def test_child_health_check_is_due_within_the_window(born, offset, window):
    due_day = add_months(born, 18)
    on = due_day + dt.timedelta(days=offset)
    assert is_due(born, on, (18,), window) is (abs(offset) <= window)


def test_leap_day_birthdays():
    assert add_months(dt.date(2000, 2, 29), 11) == dt.date(2001, 1, 29)
    assert add_months(dt.date(2000, 2, 29), 12) == dt.date(2001, 2, 28)
    assert add_months(dt.date(2000, 2, 29), 48) == dt.date(2004, 2, 29)


def test_named_ages_of_the_child_health_programme():
    born = dt.date(2024, 5, 31)
    rules = ServiceRules(target_ages_months=(12, 18, 24, 36), target_window_days=30)
    assert refusal(rules, "guardian", born, dt.date(2025, 5, 31)) is None
    assert refusal(rules, "guardian", born, dt.date(2025, 11, 30)) is None  # 31 Nov -> 30 Nov
    assert refusal(rules, "guardian", born, dt.date(2025, 9, 1)) == "not_due"
