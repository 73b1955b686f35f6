from decimal import Decimal

from django import template

from luukku.vouchers.services import amount as format_amount
from luukku.vouchers.services import money

register = template.Library()


@register.filter
def euros(cents: int | None) -> str:
    return "" if cents is None else money(int(cents))


@register.filter
def amount(value: Decimal | None) -> str:
    return "" if value is None else format_amount(Decimal(value))
