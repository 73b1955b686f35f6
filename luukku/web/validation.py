"""The input rules every edge applies (HTML forms, API schemas, FHIR parameters, WebSocket payloads).

Text refuses control characters (NUL crashes PostgreSQL, the others hide text from the reader) and
lone surrogates (not encodable as UTF-8); free text may keep line breaks and tabs. Ids are ASCII
digits within a signed 64-bit integer (`str.isdigit()` also accepts '²' and Arabic-Indic digits,
which `int()` refuses). Dates lie within EARLIEST..LATEST. E-mail addresses pass Django's EmailValidator,
phone numbers are valid Finnish or international (E.164) numbers, stored as '+358401234567'.
"""

import datetime as dt
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1  # PostgreSQL bigint and SQLite integer
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)

# C0 and C1 control characters, DEL and lone surrogates; free text keeps tab, line feed and carriage
# return (browsers send a textarea's line breaks as CR LF).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_IN_FREE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_ID = re.compile(r"[0-9]{1,19}")
_PHONE_CHARACTERS = re.compile(r"\+?[0-9 ()\-]+")


def max_length(model: type[models.Model], field: str) -> int:
    """The column width of a model's text field: forms and schemas take their limits from here."""
    length = model._meta.get_field(field).max_length
    if length is None:
        raise ValueError(f"{model.__name__}.{field} has no max_length")
    return length


def has_control_characters(value: str, multiline: bool = False) -> bool:
    return bool((_CONTROL_IN_FREE_TEXT if multiline else _CONTROL).search(value))


def check_text(value: str, multiline: bool = False) -> str:
    """The value unchanged; ValidationError when it holds control characters."""
    if has_control_characters(value, multiline):
        raise ValidationError(
            _("Remove the control characters (such as NUL) from the text."), code="control_characters"
        )
    return value


@deconstructible
class NoControlCharacters:
    """A field validator: single-line text refuses every control character, free text keeps
    line breaks and tabs."""

    def __init__(self, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value: object) -> None:
        if isinstance(value, str):
            check_text(value, self.multiline)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoControlCharacters) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash(self.multiline)


def parse_id(value: str) -> int | None:
    """A database id written in ASCII digits within 64 bits, else None."""
    if not _ID.fullmatch(value or ""):
        return None
    number = int(value)
    return number if number <= MAX_ID else None


def check_id(value: int) -> int:
    if not 0 <= value <= MAX_ID:
        raise ValidationError(_("The identifier is not valid."), code="invalid_id")
    return value


def _finnish(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def check_date(value: dt.date) -> dt.date:
    """The date when within EARLIEST..LATEST (far dates overflow date arithmetic and mean nothing here)."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            _("Give a date between %(earliest)s and %(latest)s.")
            % {"earliest": _finnish(EARLIEST), "latest": _finnish(LATEST)},
            code="date_out_of_range",
        )
    return value


def parse_date(value: str) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) within EARLIEST..LATEST, else None."""
    try:
        return check_date(dt.date.fromisoformat(value))
    except (ValueError, ValidationError):
        return None


_email = EmailValidator(message=_("Enter a valid e-mail address, for example nimi@example.fi."))


def check_email(value: str, limit: int = 254) -> str:
    """The address without surrounding space ('' stays ''); ValidationError when it is not one."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > limit:
        raise ValidationError(
            _("The e-mail address is too long: at most %(limit)s characters.") % {"limit": limit},
            code="max_length",
        )
    check_text(value)
    _email(value)
    return value


def normalise_phone(value: str) -> str:
    """A valid Finnish or international phone number in E.164 form: '040 123 4567' -> '+358401234567'.

    Only ASCII digits, spaces, dashes, brackets and a leading plus are accepted ('' stays '').
    """
    text = (value or "").strip()
    if not text:
        return ""
    invalid = ValidationError(
        _("Enter the phone number with digits only, for example 040 123 4567."), code="invalid_phone"
    )
    if len(text) > 30 or not _PHONE_CHARACTERS.fullmatch(text):
        raise invalid
    try:
        number = phonenumbers.parse(text, "FI")
    except phonenumbers.NumberParseException:
        raise invalid from None
    if not phonenumbers.is_valid_number(number):
        raise invalid
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
