from django import template

from luukku.access.labels import basis_label

register = template.Library()


@register.filter
def basis(code: str) -> str:
    return basis_label(code)
