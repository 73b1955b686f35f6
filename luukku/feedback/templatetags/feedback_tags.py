from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def target_name(target) -> str:
    return target.shown_name((get_language() or "fi")[:2])


@register.simple_tag
def month_figures(row, month):
    return row.months[tuple(month)]


@register.simple_tag
def trend(row) -> str:
    """NPS of each month as text: '72 → 75 → -' (a screen reader reads it as it is)."""
    return " → ".join("–" if f.nps is None else f"{f.nps:g}" for f in row.months.values())


@register.filter
def multiply(value, factor):
    return int(value) * int(factor)


@register.filter
def subtract(value, amount):
    return int(value) - int(amount)


@register.filter
def percent(value) -> str:
    return f"{round(float(value) * 100)} %"
