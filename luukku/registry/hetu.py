"""Finnish personal identity code (henkilötunnus, "hetu"): validation and generation.

Format DDMMYYCZZZQ: birth date, century sign, individual number (odd = male, even = female) and a
check character = int(DDMMYYZZZ) mod 31 looked up in CHECK_CHARS. Since 2023 the 1900s may also use
Y, X, W, V, U and the 2000s B, C, D, E, F besides '-' and 'A'. Individual numbers 900-999 are used for
temporary identifiers and test data; 000 and 001 are never issued.
"""

import calendar
import datetime as dt
import random
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY_BY_SIGN = {"+": 1800, **dict.fromkeys("-YXWVU", 1900), **dict.fromkeys("ABCDEF", 2000)}
PRIMARY_SIGN = {1800: "+", 1900: "-", 2000: "A"}
# ASCII digits only: `\d` would also match Arabic-Indic and other Unicode digits.
_PATTERN = re.compile(r"^([0-9]{2})([0-9]{2})([0-9]{2})([-+YXWVUABCDEF])([0-9]{3})([0-9A-Y])\Z")


class InvalidHetu(ValueError):
    """Raised with a translatable, user-facing message that never echoes the code itself."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Hetu:
    code: str
    birth_date: dt.date
    individual_number: int

    @property
    def sex(self) -> str:
        return "male" if self.individual_number % 2 else "female"

    @property
    def is_temporary(self) -> bool:
        return self.individual_number >= 900

    def masked(self) -> str:
        """The form safe to show on screen: birth date part only (e.g. 131052-****)."""
        return self.code[:7] + "****"


def check_char(date_digits: str, individual: str) -> str:
    return CHECK_CHARS[int(date_digits + individual) % 31]


def parse(value: str) -> Hetu:
    """Validate and parse a henkilötunnus; raises InvalidHetu with a message for the user."""
    code = (value or "").strip().upper()
    if not code:
        raise InvalidHetu(_("Enter a personal identity code."))
    match = _PATTERN.match(code)
    if not match:
        raise InvalidHetu(
            _(
                "The personal identity code must have the form DDMMYY, a century sign, "
                "three digits and a check character."
            )
        )
    dd, mm, yy, sign, individual, check = match.groups()
    try:
        birth_date = dt.date(CENTURY_BY_SIGN[sign] + int(yy), int(mm), int(dd))
    except ValueError:
        raise InvalidHetu(_("The personal identity code contains a date that does not exist.")) from None
    if int(individual) < 2:
        raise InvalidHetu(_("The individual number of the personal identity code is not in use."))
    if check_char(dd + mm + yy, individual) != check:
        raise InvalidHetu(_("The check character of the personal identity code is wrong. Check the code."))
    return Hetu(code=code, birth_date=birth_date, individual_number=int(individual))


def is_valid(value: str) -> bool:
    try:
        parse(value)
    except InvalidHetu:
        return False
    return True


def build(birth_date: dt.date, individual_number: int, sign: str | None = None) -> str:
    """Compose a valid code for a birth date and individual number (2-999)."""
    if not 2 <= individual_number <= 999:
        raise ValueError("individual number must be 2-999")
    century = birth_date.year // 100 * 100
    sign = sign or PRIMARY_SIGN.get(century)
    if sign is None or CENTURY_BY_SIGN.get(sign) != century:
        raise ValueError(f"no century sign {sign!r} for year {birth_date.year}")
    date_digits = birth_date.strftime("%d%m") + f"{birth_date.year % 100:02d}"
    individual = f"{individual_number:03d}"
    return f"{date_digits}{sign}{individual}{check_char(date_digits, individual)}"


def generate(
    birth_date: dt.date, sex: str, rng: random.Random, used: set[str] | None = None, temporary: bool = False
) -> str:
    """A random valid code of the given sex, unique within `used` (which is updated)."""
    low, high = (900, 999) if temporary else (2, 899)
    want_odd = sex == "male"
    for _attempt in range(2000):
        number = rng.randint(low, high)
        if (number % 2 == 1) != want_odd:
            number = number + 1 if number < high else number - 1
        code = build(birth_date, number)
        if used is None or code not in used:
            if used is not None:
                used.add(code)
            return code
    raise RuntimeError(f"individual numbers exhausted for {birth_date}")


def anniversary(birth_date: dt.date, years: int) -> dt.date:
    """The day on which a person born on `birth_date` reaches `years` years of age.

    Laki säädettyjen määräaikain laskemisesta (150/1930) § 3: a period counted in years ends on the day
    whose number matches the starting day; when the final month has no such day, the period ends on the
    last day of that month. Someone born on 29 February therefore turns a year older on 28 February in
    common years (and on 29 February in leap years).
    """
    year = birth_date.year + years
    last_day = calendar.monthrange(year, birth_date.month)[1]
    return dt.date(year, birth_date.month, min(birth_date.day, last_day))


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Age in full years on `day`: the one age rule of Luukku (guardianship, service age limits, campaigns).

    The birthday is `anniversary()`, so the rule follows Act 150/1930 § 3: a person born on 29 February
    turns a year older on 28 February in common years.
    """
    years = day.year - birth_date.year
    if day < anniversary(birth_date, years):
        years -= 1
    return years
