"""Screening free text before reports show it: henkilötunnus and phone numbers are blanked.

A henkilötunnus is six digits, the century sign (+, -, A-F, U-Y; Government Decree 128/2010 as
amended 1.1.2023) and four characters, written with or without the sign's neighbours spaced; phone
numbers are Finnish (0401234567, 040 123 4567, 040-123 4567) or international (+358 40 123 4567).
The screen errs on the side of blanking: a run of 7-15 digits with separators is taken for a number.
"""

import re

HETU_MARK = "[henkilötunnus poistettu]"
PHONE_MARK = "[puhelinnumero poistettu]"

_HETU = re.compile(r"(?<![0-9A-Za-z])\d{6}\s?[-+A-FU-Ya-fu-y]\s?\d{3}[0-9A-Ya-y](?![0-9A-Za-z])")
# +358 or 00358 or a leading 0, then 6-12 more digits with single spaces, dashes or brackets between
_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)?(?:\d[\s\-()]{0,2}){6,14}\d(?!\w)",
)


def _is_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if not 7 <= len(digits) <= 15:
        return False
    if candidate.lstrip().startswith(("+", "00")):
        return True
    return digits.startswith("0")  # Finnish numbers are written with the trunk 0


def screen(text: str) -> str:
    """The text with every henkilötunnus and phone number replaced by a marker."""
    text = _HETU.sub(HETU_MARK, text)
    return _PHONE.sub(lambda m: PHONE_MARK if _is_phone(m.group(0)) else m.group(0), text)


def has_personal_codes(text: str) -> bool:
    return screen(text) != text
