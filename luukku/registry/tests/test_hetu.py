import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luukku.registry import hetu

birth_dates = st.dates(min_value=dt.date(1850, 1, 1), max_value=dt.date(2099, 12, 31))
numbers = st.integers(min_value=2, max_value=999)


def test_known_valid_code_from_dvv_documentation():
    parsed = hetu.parse("131052-308T")
    assert parsed.birth_date == dt.date(1952, 10, 13)
    assert parsed.sex == "female"
    assert parsed.masked() == "131052-****"


@pytest.mark.parametrize(
    ("code", "born"),
    [
        ("010594Y9032", dt.date(1994, 5, 1)),
        ("010594Y9021", dt.date(1994, 5, 1)),
        ("020502E902X", dt.date(2002, 5, 2)),
        ("020502A902X", dt.date(2002, 5, 2)),
        ("010100+123J", None),
    ],
)
def test_new_century_signs_from_2023(code, born):
    if born is None:
        assert not hetu.is_valid(code)
    else:
        assert hetu.parse(code).birth_date == born


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("", "Enter"),
        ("131052308T", "form"),
        ("131052-308X", "check character"),
        ("310252-308T", "does not exist"),
        ("131052-001D", "not in use"),
        ("131052_308T", "form"),
    ],
)
def test_malformed_codes_say_what_is_wrong(code, fragment, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"), pytest.raises(hetu.InvalidHetu) as error:
        hetu.parse(code)
    assert fragment in str(error.value.message)
    assert code not in str(error.value.message) or not code


def test_error_messages_are_in_finnish_and_swedish():
    from django.utils import translation

    with pytest.raises(hetu.InvalidHetu) as error:
        hetu.parse("131052-308X")
    with translation.override("fi"):
        assert "tarkistusmerkki" in str(error.value.message)
    with translation.override("sv"):
        assert "Kontrolltecknet" in str(error.value.message)


@given(birth_dates, numbers)
def test_built_codes_parse_back(birth_date, number):
    parsed = hetu.parse(hetu.build(birth_date, number))
    assert parsed.birth_date == birth_date
    assert parsed.individual_number == number


@given(birth_dates, numbers, st.integers(min_value=0, max_value=10), st.sampled_from("0123456789"))
def test_any_single_digit_change_is_detected(birth_date, number, position, digit):
    code = hetu.build(birth_date, number)
    index = [0, 1, 2, 3, 4, 5, 7, 8, 9][position % 9]
    if code[index] == digit:
        return
    changed = code[:index] + digit + code[index + 1 :]
    assert not hetu.is_valid(changed) or hetu.parse(changed).birth_date != birth_date


@given(birth_dates, st.sampled_from(["male", "female"]), st.integers(min_value=0, max_value=2**32))
def test_generated_codes_match_sex_and_are_unique(birth_date, sex, seed):
    used: set[str] = set()
    rng = random.Random(seed)
    codes = [hetu.generate(birth_date, sex, rng, used) for _ in range(5)]
    assert len(set(codes)) == 5
    assert all(hetu.parse(code).sex == sex for code in codes)


@given(birth_dates, birth_dates)
def test_age_is_whole_years(born, day):
    if day < born:
        return
    age = hetu.age_on(born, day)
    assert age >= 0
    assert dt.date(born.year + age, born.month, min(born.day, 28)) <= day or born.day > 28


@pytest.mark.parametrize(
    ("day", "age"),
    [
        (dt.date(2026, 2, 27), 17),
        (dt.date(2026, 2, 28), 18),  # common year: the last day of February (Act 150/1930 § 3)
        (dt.date(2026, 3, 1), 18),
        (dt.date(2027, 2, 27), 18),
        (dt.date(2027, 2, 28), 19),
        (dt.date(2028, 2, 28), 19),  # leap year: 29 February exists
        (dt.date(2028, 2, 29), 20),
    ],
)
def test_leap_day_birthday_falls_on_28_february_in_common_years(day, age):
    assert hetu.age_on(dt.date(2008, 2, 29), day) == age


def test_anniversary_follows_the_last_day_of_the_month_rule():
    assert hetu.anniversary(dt.date(2008, 2, 29), 18) == dt.date(2026, 2, 28)
    assert hetu.anniversary(dt.date(2008, 2, 29), 20) == dt.date(2028, 2, 29)
    assert hetu.anniversary(dt.date(1990, 6, 15), 12) == dt.date(2002, 6, 15)


@given(birth_dates, st.integers(min_value=0, max_value=120))
def test_age_changes_exactly_on_the_anniversary(born, years):
    birthday = hetu.anniversary(born, years)
    if birthday.year > 9998:
        return
    assert hetu.age_on(born, birthday) == years
    if years > 0:
        assert hetu.age_on(born, birthday - dt.timedelta(days=1)) == years - 1
