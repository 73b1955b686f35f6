"""Client fee rules and the standard payment numbers, as plain functions (tested at every boundary).

Fees: Client Fees Act (laki sosiaali- ja terveydenhuollon asiakasmaksuista 734/1992), as reformed by
Act 1201/2020 in force 1 July 2021, which moved the health care fees from the Client Fees Decree
(asetus 912/1992; the no-show fee was its § 25 a) into the Act itself:
- § 21: a fee may be charged for an appointment (a doctor's, dentist's or other health care
  professional's reception or examination time) that the client booked and did not use without
  cancelling it in advance; the fee is at most the statutory amount, it may not be charged from a
  person under 18, nor when the client shows an acceptable reason for not coming.
- § 39 (index adjustments): the euro amounts are adjusted every other year by a decree of the
  Ministry of Social Affairs and Health. `LEGAL_MAXIMUM_CENTS` holds the amount per year as known
  here: 51.50 euros as written in the reformed Act; NOT verified against the latest index decree,
  so the county's price list is capped by the latest amount entered there.

"Cancelled in advance" is taken as cancelled by the service's own online cancellation deadline
(`booking.Service.cancellation_deadline_hours`, by default 24 hours before), which residents are told
in every booking message.

Numbers: the Finnish creditor reference (kotimainen viitenumero, Finance Finland's rules: weights
7-3-1 from the right, check digit = the distance to the next multiple of ten, 4-20 digits), the
international RF creditor reference (ISO 11649) made from it with python-stdnum's ISO 7064 MOD 97-10,
and the virtual bar code (pankkiviivakoodi) version 5 of Finance Finland's bar code guide, which
carries the RF reference. python-stdnum has no Finnish national reference number, hence the few
lines for its check digit below.
"""

import datetime as dt

from stdnum import iban as stdnum_iban
from stdnum import iso11649
from stdnum.iso7064 import mod_97_10

LEGAL_MAXIMUM_CENTS = {2021: 5150}  # § 21 as reformed (1201/2020); later years: the latest known
ADULT_AGE = 18


def legal_maximum(year: int) -> int:
    known = [y for y in LEGAL_MAXIMUM_CENTS if y <= year]
    return LEGAL_MAXIMUM_CENTS[max(known)] if known else min(LEGAL_MAXIMUM_CENTS.values())


def cancelled_in_time(cancelled_at: dt.datetime | None, starts_at: dt.datetime, deadline_hours: int) -> bool:
    """Cancelled by the deadline (at the deadline itself is in time)."""
    return cancelled_at is not None and cancelled_at <= starts_at - dt.timedelta(hours=deadline_hours)


def no_show_fee(
    price_cents: int,
    *,
    age: int,
    starts_at: dt.datetime,
    deadline_hours: int,
    cancelled_at: dt.datetime | None = None,
    acceptable_reason: bool = False,
) -> int:
    """The fee for an appointment not used and not cancelled in time (Act 734/1992 § 21), in cents.

    Nothing for a client under 18, for an appointment cancelled in time, or when the client shows an
    acceptable reason; otherwise the price list's fee, at most the statutory maximum of the year.
    """
    if price_cents < 0:
        raise ValueError("a fee is never negative")
    if age < ADULT_AGE or acceptable_reason:
        return 0
    if cancelled_in_time(cancelled_at, starts_at, deadline_hours):
        return 0
    return min(price_cents, legal_maximum(starts_at.year))


def _national_check_digit(base: str) -> str:
    weights = (7, 3, 1)
    total = sum(int(digit) * weights[i % 3] for i, digit in enumerate(reversed(base)))
    return str((10 - total % 10) % 10)


def reference_number(base: int) -> str:
    """The Finnish reference number of `base` (3-19 digits) with its check digit appended."""
    digits = str(base)
    if base < 100 or len(digits) > 19:
        raise ValueError("the base of a reference number has 3 to 19 digits")
    return digits + _national_check_digit(digits)


def is_reference_number(value: str) -> bool:
    value = value.replace(" ", "")
    return value.isdigit() and 4 <= len(value) <= 20 and _national_check_digit(value[:-1]) == value[-1]


def rf_reference(national: str) -> str:
    """The RF creditor reference (ISO 11649) for a Finnish reference number."""
    if not is_reference_number(national):
        raise ValueError("not a Finnish reference number")
    check = mod_97_10.calc_check_digits(national + "RF")
    rf = f"RF{check}{national}"
    iso11649.validate(rf)
    return rf


def virtual_barcode(iban: str, cents: int, rf: str, due: dt.date | None) -> str:
    """Virtual bar code version 5 (54 digits): 5, the IBAN's 16 digits, euros (6) and cents (2), the RF
    check digits (2), the reference without RF and padded to 21 digits, the due date YYMMDD (or 000000)."""
    account = stdnum_iban.compact(iban)
    if not account.startswith("FI") or len(account) != 18 or not stdnum_iban.is_valid(account):
        raise ValueError("a Finnish IBAN is needed")
    rf = iso11649.compact(rf)
    iso11649.validate(rf)
    reference = rf[4:]
    if not reference.isdigit() or len(reference) > 21:
        raise ValueError("the bar code carries a numeric reference of at most 21 digits")
    if not 0 <= cents <= 99999999:
        raise ValueError("the amount does not fit the bar code (at most 999 999,99 €)")
    euros, rest = divmod(cents, 100)
    due_text = due.strftime("%y%m%d") if due else "000000"
    return f"5{account[2:]}{euros:06d}{rest:02d}{rf[2:4]}{reference.zfill(21)}{due_text}"


def format_reference(national: str) -> str:
    """In groups of five from the right, as printed on an invoice."""
    groups = []
    while national:
        groups.insert(0, national[-5:])
        national = national[:-5]
    return " ".join(groups)
