import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luukku.feedback.screening import HETU_MARK, PHONE_MARK, screen
from luukku.registry import hetu


@pytest.mark.parametrize(
    "text",
    [
        "soita 040 123 4567",
        "soita 0401234567.",
        "soita 040-123 4567",
        "+358 40 123 4567",
        "+358401234567",
        "00358 40 1234567",
        "p. 09 310 1234",
        "(040) 123 4567",
    ],
)
def test_phone_numbers_are_blanked(text):
    assert PHONE_MARK in screen(text)
    assert not any(ch.isdigit() for ch in screen(text).replace(PHONE_MARK, ""))


@pytest.mark.parametrize(
    "text",
    [
        "Odotin 45 minuuttia.",
        "Kävin 3.4.2025 ja 12.11.2025.",
        "Vuonna 2025 kävin 12 kertaa.",
        "Maksu oli 41,80 euroa.",
        "Huone 214, kerros 2.",
        "Summa 1234567 ei ole numero",
    ],
)
def test_ordinary_numbers_stay(text):
    assert screen(text) == text


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31)),
    st.integers(min_value=2, max_value=899),
    st.sampled_from(["", "Hetuni on ", "henkilötunnus: "]),
    st.sampled_from(["", " kiitos", ", soittakaa"]),
)
def test_every_valid_henkilotunnus_is_blanked(born, individual, before, after):
    code = hetu.build(born, individual)
    screened = screen(before + code + after)
    assert code not in screened and HETU_MARK in screened
    assert screen(before + code.lower() + after) != before + code.lower() + after


@given(st.text(max_size=200))
def test_screening_never_fails_and_is_stable(text):
    once = screen(text)
    assert screen(once) == once
