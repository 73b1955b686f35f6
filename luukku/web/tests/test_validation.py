"""The shared input rules (luukku.web.validation) and the forms and schemas built on them."""

import datetime as dt
import importlib
import inspect

import phonenumbers
import pytest
from django import forms
from django.apps import apps
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from luukku.booking.forms import ContactForm
from luukku.booking.models import Appointment
from luukku.registry import hetu
from luukku.web import api_fields, validation
from luukku.web.forms import CheckedForm
from luukku.web.text import clean_message

CONTROL = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]]
NON_ASCII_DIGITS = [c for c in map(chr, range(0x80, 0x30000)) if c.isdigit()]


# --- Text -------------------------------------------------------------------------------------------


@given(st.text(), st.text())
def test_any_text_with_nul_is_refused(before, after):
    value = before + "\x00" + after
    assert validation.has_control_characters(value)
    assert validation.has_control_characters(value, multiline=True)
    with pytest.raises(ValidationError):
        validation.check_text(value, multiline=True)


@given(st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"])))
def test_text_without_control_characters_passes_unchanged(value):
    assert validation.check_text(value) == value


def test_free_text_keeps_line_breaks_and_tabs_but_nothing_else():
    assert validation.check_text("Hei,\r\n\tterveisin", multiline=True) == "Hei,\r\n\tterveisin"
    with pytest.raises(ValidationError):
        validation.check_text("Hei,\nterveisin")  # a single-line field
    for char in set(CONTROL) - {"\t", "\n", "\r"}:
        assert validation.has_control_characters(f"a{char}b", multiline=True), repr(char)
    assert validation.has_control_characters("\ud800")  # a lone surrogate cannot be stored as UTF-8


@given(st.text(min_size=1).filter(lambda s: "\x00" in s or any(c in s for c in CONTROL[1:9])))
def test_messages_refuse_control_characters(body):
    with pytest.raises(ValidationError):
        clean_message("Hei " + body)


# --- Ids, dates --------------------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=validation.MAX_ID))
def test_ids_within_64_bits_parse(number):
    assert validation.parse_id(str(number)) == number


@given(st.sampled_from(NON_ASCII_DIGITS), st.integers(min_value=0, max_value=3))
def test_ids_refuse_unicode_digits(digit, position):
    text = "12345"
    assert validation.parse_id(text[:position] + digit + text[position:]) is None


def test_ids_refuse_what_is_not_an_id():
    for text in ["", "-1", "+1", " 1", "1 ", "1.0", "²", "٣", str(2**63), "9" * 5000]:
        assert validation.parse_id(text) is None, text


def test_dates_are_bounded():
    assert validation.parse_date("2026-03-01") == dt.date(2026, 3, 1)
    for text in ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01", "2026-02-30", "huomenna", ""]:
        assert validation.parse_date(text) is None, text
    with pytest.raises(ValidationError, match=r"1\.1\.1900"):
        validation.check_date(dt.datetime(9999, 12, 31, 23, 59))


# --- Phone numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("040 123 4567", "+358401234567"),
        ("0401234567", "+358401234567"),
        ("040-123 4567", "+358401234567"),
        ("+358 40 123 4567", "+358401234567"),
        ("00358401234567", "+358401234567"),
        ("(09) 2525 0111", "+358925250111"),
        ("+46 70 123 45 67", "+46701234567"),
    ],
)
def test_phone_numbers_are_normalised_to_e164(typed, stored):
    assert validation.normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "junk",
    ["123", "0123456789", "+0000000", "040 123 4567 ext 5", "0401234567;", "040１２３４５６７",
     "040 ١٢٣ ٤٥٦٧", "040 123 4567\x00", "tel:0401234567", "+358 40 123 4567 " + "1" * 30],
)  # fmt: skip
def test_junk_is_not_a_phone_number(junk):
    with pytest.raises(ValidationError):
        validation.normalise_phone(junk)


finnish_mobiles = st.builds(
    lambda prefix, rest: prefix + rest,
    st.sampled_from(["040", "041", "044", "045", "046", "050"]),
    st.text(alphabet="0123456789", min_size=7, max_size=7),
)


@given(finnish_mobiles, st.sampled_from(["", " ", "-"]))
def test_a_valid_number_round_trips(number, separator):
    typed = f"{number[:3]}{separator}{number[3:6]}{separator}{number[6:]}"
    stored = validation.normalise_phone(typed)
    assert stored == "+358" + number[1:]
    assert validation.normalise_phone(stored) == stored  # normalising again changes nothing
    assert phonenumbers.is_valid_number(phonenumbers.parse(stored))
    assert len(stored) <= Appointment._meta.get_field("contact_phone").max_length


@given(st.text(max_size=40))
def test_whatever_is_typed_a_phone_is_valid_e164_or_refused(typed):
    try:
        stored = validation.normalise_phone(typed)
    except ValidationError:
        return
    assert stored == "" or (stored.startswith("+") and stored[1:].isascii() and stored[1:].isdigit())
    assert validation.normalise_phone(stored) == stored


# --- E-mail ------------------------------------------------------------------------------------------


def test_email_addresses_are_checked():
    assert validation.check_email(" lempi@example.fi ") == "lempi@example.fi"
    assert validation.check_email("") == ""
    for junk in ["not-an-email", "a@b", "lempi@example.fi\x00", "a" * 250 + "@example.fi", "@example.fi"]:
        with pytest.raises(ValidationError):
            validation.check_email(junk)


# --- Henkilötunnus -----------------------------------------------------------------------------------


@given(st.sampled_from(NON_ASCII_DIGITS), st.integers(min_value=0, max_value=10))
def test_hetu_refuses_non_ascii_digits(digit, position):
    code = "131052-308T"  # valid
    assert hetu.is_valid(code)
    if code[position].isdigit():
        assert not hetu.is_valid(code[:position] + digit + code[position + 1 :])


def test_hetu_refuses_arabic_indic_digits_even_when_int_would_read_them():
    assert int("١٣١٠٥٢") == 131052  # what \d let through before
    assert not hetu.is_valid("١٣١٠٥٢-308T")


# --- Forms -------------------------------------------------------------------------------------------


def _form_classes() -> list[type[forms.Form]]:
    found = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("luukku."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.Form) and cls.__module__.startswith("luukku."):
                found.add(cls)
    return sorted(found, key=lambda cls: cls.__qualname__)


def test_every_form_of_the_project_checks_its_text():
    forms_found = _form_classes()
    assert len(forms_found) > 20
    # Django's own sign-in forms: the username field refuses NUL itself and nothing typed is stored.
    unchecked = [
        cls.__qualname__
        for cls in forms_found
        if not issubclass(cls, CheckedForm) and not issubclass(cls, AuthenticationForm)
    ]
    assert unchecked == []


def test_a_form_shows_control_characters_as_the_fields_error_and_keeps_the_input():
    form = ContactForm(
        {"name": "Lempi\x00", "phone": "040 123 4567", "email": "lempi@example.fi\x07"}, anonymous=True
    )
    assert not form.is_valid()
    assert set(form.errors) == {"name", "email"}
    assert form["name"].value() == "Lempi\x00"  # shown again as typed


def test_form_lengths_follow_the_columns():
    form = ContactForm(
        {"name": "x" * 151, "phone": "040 123 4567", "email": "a" * 250 + "@ex.fi"}, anonymous=True
    )
    assert not form.is_valid() and set(form.errors) == {"name", "email"}


def test_model_choice_by_code_refuses_nul_before_the_query(db):
    from luukku.chat.forms import TransferQueueForm

    form = TransferQueueForm({"queue": "hoitaja\x00"})
    assert not form.is_valid() and "queue" in form.errors


# --- API field types ---------------------------------------------------------------------------------


def test_api_ids_are_json_integers_within_64_bits():
    ids = TypeAdapter(api_fields.Id)
    assert ids.validate_python(5) == 5
    for bad in [True, "5", 5.0, 0, -1, 2**63, 2**80]:
        with pytest.raises(PydanticError):
            ids.validate_python(bad)


def test_api_text_email_phone_and_day():
    name = TypeAdapter(api_fields.Text(150))
    assert name.validate_python("Lempi") == "Lempi"
    for bad in ["x" * 151, "Lempi\x00", "a\nb"]:
        with pytest.raises(PydanticError):
            name.validate_python(bad)
    assert TypeAdapter(api_fields.Phone).validate_python("040 123 4567") == "+358401234567"
    with pytest.raises(PydanticError):
        TypeAdapter(api_fields.Email(254)).validate_python("not-an-email")
    with pytest.raises(PydanticError):
        TypeAdapter(api_fields.Day).validate_python("9999-12-31")


def test_lazy_labels_are_rendered_in_the_output_schema():
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    from luukku.access.api import AccessLogOut

    with translation.override("fi"):
        row = AccessLogOut(
            at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            professional="Hanna Hoitaja",
            role=gettext_lazy("nurse"),
            unit="",
            what=gettext_lazy("appointments"),
            purpose=gettext_lazy("care or service"),
            basis=gettext_lazy("the client's consent"),
        )
    assert row.model_dump()["role"] == "sairaanhoitaja" and isinstance(row.basis, str)
