"""The value rules (Act 569/2009 § 6-8): worked examples, every bracket boundary, and properties."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luukku.vouchers import rules
from luukku.vouchers.rules import Bracket

# Home care of the test county: a household of one and of two or more, three brackets each (cents).
BRACKETS = [
    Bracket(1, 120000, 4000),
    Bracket(1, 200000, 3200),
    Bracket(1, None, 2500),
    Bracket(2, 200000, 4000),
    Bracket(2, 320000, 3200),
    Bracket(2, None, 2500),
]
CEILING = 4500


@pytest.mark.parametrize(
    ("size", "income", "value"),
    [
        (1, 0, 4000),
        (1, 120000, 4000),  # at the limit: still the bracket
        (1, 120001, 3200),  # one cent over: the next
        (1, 200000, 3200),
        (1, 200001, 2500),
        (1, 10_000_000, 2500),
        (2, 120001, 4000),  # the same income in a household of two is in the first bracket
        (2, 200000, 4000),
        (2, 200001, 3200),
        (2, 320000, 3200),
        (2, 320001, 2500),
        (5, 150000, 4000),  # larger households use the largest size configured
    ],
)
def test_income_brackets_worked_examples(size, income, value):
    assert rules.income_value(BRACKETS, size, income, CEILING)[0] == value


def test_value_never_exceeds_the_price_ceiling():
    assert rules.income_value(BRACKETS, 1, 0, 3500)[0] == 3500
    assert rules.fixed_value(5000, 4500) == 4500
    assert rules.fixed_value(3000, 4500) == 3000


def test_a_household_without_brackets_and_bad_input_are_refused():
    with pytest.raises(rules.NoBracket):
        rules.income_value([Bracket(2, None, 100)], 1, 0, CEILING)
    with pytest.raises(rules.NoBracket):
        rules.income_value([Bracket(1, 1000, 100)], 1, 1001, CEILING)  # no open-ended bracket
    with pytest.raises(ValueError):
        rules.income_value(BRACKETS, 0, 0, CEILING)
    with pytest.raises(ValueError):
        rules.income_value(BRACKETS, 1, -1, CEILING)


def test_split_worked_examples():
    # 2.5 hours at 42.00 € with a 32.00 € voucher: county 80.00 €, client 25.00 €.
    assert rules.split(Decimal("2.5"), 4200, 3200) == (8000, 2500)
    # A voucher worth more than the price: the county pays the price, the client nothing.
    assert rules.split(Decimal("1"), 3000, 3200) == (3000, 0)
    # Rounded half up on the whole event: 0.25 h at 33.33 € = 8.3325 € -> 8.33 €;
    # the county's 0.25 h at 30.01 € = 7.5025 € -> 7.50 €, the client the rest.
    assert rules.split(Decimal("0.25"), 3333, 3001) == (750, 83)
    # A month of 10 hours at 45 € with 32 €: own share 130 €.
    assert rules.own_share_per_month(Decimal("10"), 4500, 3200) == 13000


money = st.integers(min_value=0, max_value=1_000_000)
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999"), places=2)


@st.composite
def bracket_sets(draw):
    sizes = draw(st.lists(st.integers(1, 6), min_size=1, max_size=4, unique=True))
    out = []
    for size in sizes:
        limits = sorted(draw(st.lists(st.integers(0, 1_000_000), max_size=4, unique=True)))
        values = draw(st.lists(money, min_size=len(limits) + 1, max_size=len(limits) + 1))
        out += [Bracket(size, limit, value) for limit, value in zip([*limits, None], values, strict=True)]
    return out


@given(bracket_sets(), st.integers(1, 10), money, money)
def test_income_value_picks_the_lowest_bracket_covering_the_income(brackets, size, income, ceiling):
    covering = [b for b in brackets if b.household_size <= size]
    if not covering:
        with pytest.raises(rules.NoBracket):
            rules.income_value(brackets, size, income, ceiling)
        return
    value, used = rules.income_value(brackets, size, income, ceiling)
    assert used.household_size == max(b.household_size for b in covering)
    assert used.income_limit_cents is None or income <= used.income_limit_cents
    same = [b for b in brackets if b.household_size == used.household_size]
    # no bracket with a lower limit also covers the income
    assert not any(
        b.income_limit_cents is not None
        and income <= b.income_limit_cents
        and (used.income_limit_cents is None or b.income_limit_cents < used.income_limit_cents)
        for b in same
    )
    assert value == min(used.value_cents, ceiling) and 0 <= value <= ceiling


@given(st.integers(1, 3), st.integers(0, 500_000), st.integers(0, 500_000))
def test_more_income_never_raises_the_value_when_brackets_fall(size, a, b):
    low, high = sorted((a, b))
    assert (
        rules.income_value(BRACKETS, size, high, CEILING)[0]
        <= rules.income_value(BRACKETS, size, low, CEILING)[0]
    )


@given(amounts, money, money)
def test_shares_are_whole_cents_that_add_up_to_the_price(units, price, value):
    county, client = rules.split(units, price, value)
    total = int((units * price).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    assert county + client == total
    assert county >= 0 and client >= 0
    assert county <= total
    if value >= price:
        assert client == 0
