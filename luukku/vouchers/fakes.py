"""Valid-looking identifiers for the demo and tests (never a real company's account)."""

from schwifty import IBAN
from stdnum.fi import ytunnus

BANKS = ("123", "500", "157", "470", "800")  # Nordea, OP, Nordea, POP, Danske (bank codes of FI IBANs)


def business_id(n: int) -> str:
    """The n-th business ID of 90 00000-… with a valid check digit (weights 7 9 10 5 8 4 2, mod 11)."""
    while True:
        body = f"{9000000 + n:07d}"
        remainder = sum(int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        if remainder != 1:
            value = f"{body}-{0 if remainder == 0 else 11 - remainder}"
            assert ytunnus.is_valid(value)
            return value
        n += 1000


def iban(n: int) -> tuple[str, str]:
    """(IBAN, BIC) of a made-up account n at one of the demo banks (the national check digit by schwifty)."""
    made = IBAN.generate("FI", bank_code=BANKS[n % len(BANKS)], account_code=f"{7700000 + n:010d}")
    return made.compact, str(made.bic or "")
