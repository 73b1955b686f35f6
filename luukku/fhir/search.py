"""FHIR R4 search parameters, parsed: string, token, reference and date values with their prefixes and
modifiers, `_id`, `_count`, `_offset` and `_sort`. Plain functions over the query's (name, value) pairs;
the handlers turn a parsed `Query` into database filters. Unknown parameters are ignored by default and
refused with `Prefer: handling=strict` (R4 3.1.1.5.6 "Handling errors")."""

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.utils import timezone

from luukku.web.validation import EARLIEST, LATEST, MAX_ID, has_control_characters

STRING, TOKEN, REFERENCE, DATE, URI = "string", "token", "reference", "date", "uri"
DATE_PREFIXES = ("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap")
MODIFIERS = {STRING: {"", "exact", "contains"}, TOKEN: {""}, REFERENCE: {""}, DATE: {""}, URI: {""}}
RESULT_PARAMETERS = {"_count", "_offset", "_sort", "_format"}
DEFAULT_COUNT = 50
MAX_COUNT = 500
MAX_VALUE = 200  # longer than any id, code, name or canonical URL searched here

_DATE = re.compile(
    r"(?P<year>[0-9]{4})(-(?P<month>[0-9]{2})(-(?P<day>[0-9]{2})"
    r"(T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(:(?P<second>[0-9]{2})(\.[0-9]{1,6})?)?"
    r"(?P<zone>Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?"
)
_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")  # FHIR id
_NUMBER = re.compile(r"[0-9]{1,19}")


class SearchError(ValueError):
    """A search the server refuses: 400 with an OperationOutcome of this `code`."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class DateRange:
    """A date search value: its prefix and the half-open interval [low, high) its precision spans."""

    prefix: str
    low: dt.datetime
    high: dt.datetime


@dataclass(frozen=True)
class Value:
    modifier: str
    text: str


@dataclass
class Query:
    """A parsed search: values of declared parameters (AND across repeats, OR within commas)."""

    values: dict[str, list[list[Value]]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    count: int = DEFAULT_COUNT
    offset: int = 0
    sort: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)  # for the self/next/previous links

    def has(self, name: str) -> bool:
        return name in self.values

    def link(self, count: int | None = None, offset: int | None = None) -> str:
        """The query string of a page of this search: only the parameters that were applied."""
        pairs = [*self.kept]
        if self.sort:
            pairs.append(("_sort", ",".join(self.sort)))
        pairs.append(("_count", str(self.count if count is None else count)))
        if (offset if offset is not None else self.offset) > 0:
            pairs.append(("_offset", str(self.offset if offset is None else offset)))
        return urlencode(pairs)


def parse_date(value: str) -> DateRange:
    """`[prefix]YYYY[-MM[-DD[Thh:mm[:ss[.f]][zone]]]]` within validation.EARLIEST..LATEST."""
    prefix, text = (value[:2], value[2:]) if value[:2] in DATE_PREFIXES else ("eq", value)
    match = _DATE.fullmatch(text)
    if match is None:
        raise SearchError(f"{text[:40]!r} is not a FHIR date")
    year, month, day = int(match["year"]), int(match["month"] or 1), int(match["day"] or 1)
    hour, minute, second = int(match["hour"] or 0), int(match["minute"] or 0), int(match["second"] or 0)
    try:
        low = dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise SearchError(f"{text[:40]!r} is not a valid date") from None
    if not EARLIEST <= low.date() <= LATEST:
        raise SearchError(f"{text[:40]!r} is outside {EARLIEST.year}..{LATEST.year}")
    if match["second"]:
        high = low + dt.timedelta(seconds=1)
    elif match["minute"]:
        high = low + dt.timedelta(minutes=1)
    elif match["day"]:
        high = low + dt.timedelta(days=1)
    elif match["month"]:
        high = (low.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    else:
        high = low.replace(year=year + 1)
    zone = match["zone"]
    if zone and (int(zone[1:3]) > 14 or int(zone[4:6]) > 59):
        raise SearchError(f"{zone!r} is not a time zone offset")
    tz = (
        dt.UTC
        if zone == "Z"
        else dt.timezone(
            (1 if zone[0] == "+" else -1) * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
        )
        if zone
        else timezone.get_current_timezone()
    )
    return DateRange(prefix, low.replace(tzinfo=tz), high.replace(tzinfo=tz))


def date_q(field_name: str, value: DateRange, now: dt.datetime | None = None) -> Q:
    """The filter for a point in time (an instant) per the prefix semantics of R4 3.1.1.4.2."""
    low, high = value.low, value.high
    inside = Q(**{f"{field_name}__gte": low, f"{field_name}__lt": high})
    match value.prefix:
        case "eq":
            return inside
        case "ne":
            return ~inside
        case "gt" | "sa":
            return Q(**{f"{field_name}__gte": high})
        case "lt" | "eb":
            return Q(**{f"{field_name}__lt": low})
        case "ge":
            return Q(**{f"{field_name}__gte": low})
        case "le":
            return Q(**{f"{field_name}__lt": high})
    # ap: within 10 % of the distance from now, and at least the value's own precision
    gap = abs((now or timezone.now()) - low) / 10
    return Q(**{f"{field_name}__gte": low - gap, f"{field_name}__lt": high + gap})


def token(value: str) -> tuple[str | None, str]:
    """`[system]|code`, `code` or `system|`: (system or None for any, code or '')."""
    if "|" in value:
        system, code = value.split("|", 1)
        return system, code
    return None, value


def reference(value: str, resource_type: str) -> str:
    """The id of `Type/id`, a plain id, or a URL ending in `Type/id`; SearchError for another type."""
    parts = value.rstrip("/").split("/")
    if len(parts) >= 2 and parts[-2] != resource_type:
        raise SearchError(f"expected a reference to {resource_type}")
    if not _ID.fullmatch(parts[-1]):
        raise SearchError(f"{parts[-1][:40]!r} is not a FHIR id")
    return parts[-1]


def number(value: str, name: str, limit: int = MAX_ID) -> int:
    if not _NUMBER.fullmatch(value) or int(value) > limit:
        raise SearchError(f"{name} must be a whole number between 0 and {limit}")
    return int(value)


def _strict(prefer: str) -> bool:
    return any(part.strip().replace(" ", "") == "handling=strict" for part in prefer.split(";"))


def parse_query(
    pairs: list[tuple[str, str]],
    declared: dict[str, str],
    sorts: set[str],
    prefer: str = "",
) -> Query:
    """Parse a search's (name, value) pairs against the declared parameters (name -> type) and sorts.

    Values are checked for length and control characters; dates are parsed (SearchError when wrong),
    the other types are checked by the handler that applies them.
    """
    strict = _strict(prefer)
    query = Query()
    for name, raw in pairs:
        if len(name) > MAX_VALUE or len(raw) > MAX_VALUE or has_control_characters(name + raw):
            raise SearchError(f"the parameter {name[:40]!r} is too long or contains control characters")
        base, _colon, modifier = name.partition(":")
        if name in RESULT_PARAMETERS:
            if name == "_count":
                query.count = min(number(raw, "_count"), MAX_COUNT)
            elif name == "_offset":
                query.offset = number(raw, "_offset", 10**6)
            elif name == "_sort":
                query.sort = [key for key in raw.split(",") if key]
                unknown = [key for key in query.sort if key.removeprefix("-") not in sorts]
                if unknown:
                    raise SearchError(f"_sort supports {', '.join(sorted(sorts)) or 'nothing'} here")
            continue
        kind = declared.get(base)
        if kind is None or modifier not in MODIFIERS[kind]:
            if strict:
                raise SearchError(
                    f"the search parameter {name[:40]!r} is not supported here", "not-supported"
                )
            query.ignored.append(name)
            continue
        alternatives = [Value(modifier, part) for part in raw.split(",")] if raw else []
        if not alternatives:
            continue  # an empty value is ignored (R4 3.1.1.5.1)
        if kind == DATE:
            for alternative in alternatives:
                parse_date(alternative.text)
        query.values.setdefault(base, []).append(alternatives)
        query.kept.append((name, raw))
    return query


def string_q(field_names: list[str], value: Value) -> Q:
    """String search: starts with, case- and accent-insensitively on the fields (`:exact`, `:contains`)."""
    lookup = {"": "istartswith", "contains": "icontains", "exact": "exact"}[value.modifier]
    condition = Q()
    for name in field_names:
        condition |= Q(**{f"{name}__{lookup}": value.text})
    return condition
