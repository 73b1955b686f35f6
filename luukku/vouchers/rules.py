"""The value rules of a service voucher, as plain functions on integer cents.

Act on Service Vouchers in Social and Health Care (laki sosiaali- ja terveydenhuollon
palvelusetelistä 569/2009):

- § 6 (the client's position): the client may refuse the voucher (the county then arranges the service
  otherwise) and pays the provider the difference between the provider's price and the voucher's value
  (the client's own share, *omavastuuosuus*); no client fee under the Client Fees Act is charged for it.
- § 7 (the voucher's value): the county sets the value so that it is reasonable for the client, taking
  into account the costs of its own production and purchases and the client's own share; the county
  never pays more than the provider's price.
- § 8 (income-related voucher): the value may depend on the household's income (the gross monthly
  income of the client and spouse, as in the Client Fees Act 734/1992 § 10, and the number of persons
  in the household); a larger household has higher income limits.

Section numbers as read from Finlex for this work; the county's own voucher rules (sääntökirja) set
the brackets, which are configuration here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Bracket:
    """For households of `household_size` persons (the largest size configured covers larger ones):
    income up to `income_limit_cents` a month (None: no limit) gives `value_cents` per unit."""

    household_size: int
    income_limit_cents: int | None
    value_cents: int


class NoBracket(ValueError):
    """The service has no bracket that covers the household (a configuration error)."""


def fixed_value(value_cents: int, price_ceiling_cents: int) -> int:
    """A fixed voucher (§ 7): the configured value, never above the service's price ceiling."""
    if value_cents < 0 or price_ceiling_cents < 0:
        raise ValueError("negative cents")
    return min(value_cents, price_ceiling_cents)


def income_value(
    brackets: list[Bracket], household_size: int, monthly_income_cents: int, price_ceiling_cents: int
) -> tuple[int, Bracket]:
    """An income-related voucher (§ 8): the value per unit of the first bracket (by income limit) of the
    household's size whose limit the income does not exceed; households larger than any configured size
    use the largest size. Returns (value per unit in cents, the bracket used)."""
    if household_size < 1:
        raise ValueError("a household has at least one person")
    if monthly_income_cents < 0:
        raise ValueError("negative income")
    sizes = sorted({b.household_size for b in brackets if b.household_size <= household_size})
    if not sizes:
        raise NoBracket(household_size)
    size = sizes[-1]
    rows = sorted(
        (b for b in brackets if b.household_size == size),
        key=lambda b: (b.income_limit_cents is None, b.income_limit_cents or 0),
    )
    for bracket in rows:
        if bracket.income_limit_cents is None or monthly_income_cents <= bracket.income_limit_cents:
            return fixed_value(bracket.value_cents, price_ceiling_cents), bracket
    raise NoBracket(household_size)


def _cents(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def split(units: Decimal, price_cents: int, value_cents: int) -> tuple[int, int]:
    """What a delivered amount costs the county and the client (§ 6-7): the county pays the voucher's
    value per unit but never more than the price; the client pays the rest. Rounded once, on the
    whole event, half up; the two shares always add up to the rounded price of the event."""
    if units < 0 or price_cents < 0 or value_cents < 0:
        raise ValueError("negative amount")
    total = _cents(units * price_cents)
    county = min(_cents(units * min(value_cents, price_cents)), total)
    return county, total - county


def own_share_per_month(units_per_month: Decimal, price_cents: int, value_cents: int) -> int:
    """The client's own share of a month's granted amount at a provider's price (for the comparison)."""
    return split(units_per_month, price_cents, value_cents)[1]
