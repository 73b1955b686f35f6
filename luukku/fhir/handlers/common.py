"""What the FHIR resource handlers share: applying parsed search values as database filters, sorting,
paging, and the checks of token, reference and id values."""

import uuid
from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet

from luukku.web.validation import parse_id

from ..protocol import Stamped
from ..registry import Page, Param
from ..search import TOKEN, Query, SearchError, Value, date_q, parse_date, token
from ..search import reference as reference_id

Filters = dict[str, Callable[[Value], Q]]
NOTHING = Q(pk__in=[])


def as_uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if len(text) == 36 else None
    except ValueError:
        return None


def apply(items: QuerySet, query: Query, filters: Filters) -> QuerySet:
    """AND across repeated parameters, OR across a parameter's comma-separated values."""
    for name, groups in query.values.items():
        if name not in filters:
            continue  # e.g. patient, applied by the caller
        for group in groups:
            condition = Q()
            for value in group:
                condition |= filters[name](value)
            items = items.filter(condition)
    return items


def ordered(items: QuerySet, query: Query, sorts: dict[str, str], default: Iterable[str]) -> QuerySet:
    keys = [("-" if k.startswith("-") else "") + sorts[k.removeprefix("-")] for k in query.sort]
    return items.order_by(*keys, *default)


def window[T](items: list[T] | QuerySet, query: Query) -> list[T]:
    return list(items[query.offset : query.offset + query.count]) if query.count else []


def public_page(items: QuerySet, query: Query, to_stamped: Callable[[object], Stamped]) -> Page:
    return Page([to_stamped(i) for i in window(items, query)], items.count())


def public_read(items: QuerySet, condition: Q, to_stamped: Callable[[object], Stamped]) -> Stamped | None:
    """The read of a public resource: the one row the id selects, stamped, or None (not found)."""
    found = items.filter(condition).first()
    return to_stamped(found) if found else None


def token_in(value: Value, system: str | None, allowed: dict[str, Q], name: str) -> Q:
    """A token parameter with a closed set of codes: a code outside it is an error, not 'no match'."""
    given_system, code = token(value.text)
    if given_system not in (None, "", system) or code not in allowed:
        raise SearchError(f"{name} must be one of: {', '.join(allowed)}")
    return allowed[code]


def token_code(value: Value, system: str) -> str | None:
    """The code of a token in `system` (or without one); None when another system is named."""
    given_system, code = token(value.text)
    return code if given_system in (None, "", system) else None


def reference_to(value: Value, resource_type: str) -> str:
    return reference_id(value.text, resource_type)


def date_filter(field_name: str) -> Callable[[Value], Q]:
    return lambda value: date_q(field_name, parse_date(value.text))


def int_id(text: str, field_name: str = "pk") -> Q:
    number = parse_id(text)
    return Q(**{field_name: number}) if number is not None else NOTHING


def int_reference(value: Value, resource_type: str, field_name: str) -> Q:
    """A reference to a resource whose ids are database numbers: anything else is an invalid search."""
    number = parse_id(reference_to(value, resource_type))
    if number is None:
        raise SearchError(f"{resource_type} ids are whole numbers")
    return Q(**{field_name: number})


def uuid_id(text: str, field_name: str = "public_id") -> Q:
    found = as_uuid(text)
    return Q(**{field_name: found}) if found is not None else NOTHING


ID = Param("_id", TOKEN, "The logical id of the resource")
