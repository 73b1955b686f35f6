"""The fee rules at every boundary (Act 734/1992 § 21) and the payment numbers (references, bar code)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import iso11649

from luukku.payments import rules

START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
PRICE = 5150


def fee(**kwargs) -> int:
    values = {"age": 40, "starts_at": START, "deadline_hours": 24, **kwargs}
    return rules.no_show_fee(PRICE, **values)


@pytest.mark.parametrize(("age", "expected"), [(17, 0), (18, PRICE), (90, PRICE), (0, 0)])
def test_no_fee_under_18(age, expected):
    assert fee(age=age) == expected


@pytest.mark.parametrize(
    ("cancelled_at", "expected"),
    [
        (None, PRICE),  # never cancelled
        (START - dt.timedelta(hours=24), 0),  # at the deadline: in time
        (START - dt.timedelta(hours=24, seconds=1), 0),
        (START - dt.timedelta(hours=23, minutes=59, seconds=59), PRICE),  # a second late
        (START - dt.timedelta(minutes=5), PRICE),
    ],
)
def test_cancelled_in_time_or_not(cancelled_at, expected):
    assert fee(cancelled_at=cancelled_at) == expected


def test_an_acceptable_reason_frees_the_client():
    assert fee(acceptable_reason=True) == 0


def test_the_statutory_maximum_caps_the_price_list():
    assert rules.no_show_fee(99999, age=40, starts_at=START, deadline_hours=24) == rules.legal_maximum(2026)
    assert rules.legal_maximum(2021) == 5150 and rules.legal_maximum(2030) == 5150
    with pytest.raises(ValueError):
        rules.no_show_fee(-1, age=40, starts_at=START, deadline_hours=24)


@given(
    price=st.integers(0, 100000),
    age=st.integers(0, 110),
    deadline=st.integers(0, 72),
    cancelled_before=st.one_of(st.none(), st.integers(-3600, 100 * 3600)),
    reason=st.booleans(),
)
def test_the_fee_is_never_more_than_allowed_nor_charged_where_the_law_forbids(
    price, age, deadline, cancelled_before, reason
):
    cancelled_at = None if cancelled_before is None else START - dt.timedelta(seconds=cancelled_before)
    charged = rules.no_show_fee(
        price,
        age=age,
        starts_at=START,
        deadline_hours=deadline,
        cancelled_at=cancelled_at,
        acceptable_reason=reason,
    )
    assert 0 <= charged <= min(price, rules.legal_maximum(START.year))
    if age < 18 or reason or (cancelled_before is not None and cancelled_before >= deadline * 3600):
        assert charged == 0


def test_the_finnish_reference_number():
    assert rules.reference_number(123) == "1232"  # Finance Finland's example
    assert rules.is_reference_number("1232") and not rules.is_reference_number("1233")
    assert not rules.is_reference_number("12") and not rules.is_reference_number("12a4")
    with pytest.raises(ValueError):
        rules.reference_number(99)
    assert rules.format_reference("12345678901") == "1 23456 78901"


@given(base=st.integers(100, 10**19 - 1))
def test_every_reference_and_its_rf_form_are_valid(base):
    national = rules.reference_number(base)
    assert rules.is_reference_number(national)
    rf = rules.rf_reference(national)
    assert iso11649.is_valid(rf) and rf.endswith(national)


def test_the_virtual_bar_code_version_5():
    rf = rules.rf_reference(rules.reference_number(100123))
    code = rules.virtual_barcode("FI49 5000 9420 0287 30", 5150, rf, dt.date(2026, 12, 21))
    assert len(code) == 54 and code.isdigit() and code[0] == "5"
    assert code[1:17] == "4950009420028730"
    assert code[17:23] == "000051" and code[23:25] == "50"
    assert code[25:27] == rf[2:4] and code[27:48].lstrip("0") == rf[4:]
    assert code[48:] == "261221"
    assert rules.virtual_barcode("FI4950009420028730", 5150, rf, None).endswith("000000")


@pytest.mark.parametrize(
    ("iban", "cents"),
    [("SE4550000000058398257466", 100), ("FI4950009420028731", 100), ("FI4950009420028730", 10**8)],
)
def test_the_bar_code_refuses_what_it_cannot_carry(iban, cents):
    rf = rules.rf_reference("1232")
    with pytest.raises(ValueError):
        rules.virtual_barcode(iban, cents, rf, None)
