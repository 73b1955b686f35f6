"""Warehouse event mappings: how an event kind of the audit event log lands in the marts.

Every event lands in the raw layer and in the generic event fact whatever its kind; a mapping adds the
dimensions an indicator needs (channel, unit, service) and whether the event is a resident's contact
with the county (the digital-share indicator). Apps register theirs from their `AppConfig.ready()`:

    from luukku.insight.registry import EventMapping, register_event_mapping
    register_event_mapping(EventMapping("vouchers.granted", channel="web", unit="unit"))

This module imports no app, so any app may register here.
"""

from collections.abc import Callable
from dataclasses import dataclass

CHANNELS = ("web", "app", "chat", "phone", "in_person")
DIGITAL_CHANNELS = frozenset({"web", "app", "chat"})

Extractor = str | Callable[[dict], str | None] | None


@dataclass(frozen=True)
class EventMapping:
    """`kind` is an exact event kind. `channel`, `unit` and `service` are each a constant channel
    name (channel only), a key of the event's data, or a function of the data."""

    kind: str
    channel: Extractor = None
    unit: Extractor = "unit"
    service: Extractor = "service"
    contact: bool = False  # a resident's contact with the county (counts in the digital share)
    detail: Extractor = None  # a short code the indicators group by (form key, route, template)
    value: Callable[[dict], int | None] | None = None  # a number (e.g. an AUDIT score)


_mappings: dict[str, EventMapping] = {}


def register_event_mapping(mapping: EventMapping) -> None:
    _mappings[mapping.kind] = mapping


def mapping_of(kind: str) -> EventMapping | None:
    return _mappings.get(kind)


def mappings() -> dict[str, EventMapping]:
    return dict(_mappings)


def _pick(extractor: Extractor, data: dict, constant: bool) -> str | None:
    if extractor is None:
        return None
    if callable(extractor):
        value = extractor(data)
    elif constant:
        value = extractor
    else:
        value = data.get(extractor)
    return None if value in (None, "") else str(value)


def dimensions(
    kind: str, data: dict
) -> tuple[str | None, str | None, str | None, bool, str | None, int | None]:
    """(channel, unit code, service code, is a contact, detail, value) of one event; an event's own
    `channel` wins over the mapping's."""
    own = data.get("channel") if data.get("channel") in CHANNELS else None
    mapping = _mappings.get(kind)
    if mapping is None:
        return own, _pick("unit", data, False), _pick("service", data, False), False, None, None
    channel = own or _pick(mapping.channel, data, constant=isinstance(mapping.channel, str))
    value = None
    if mapping.value is not None:
        try:
            raw = mapping.value(data)
            value = None if raw is None else int(raw)
        except (TypeError, ValueError):
            value = None
    return (
        channel,
        _pick(mapping.unit, data, False),
        _pick(mapping.service, data, False),
        mapping.contact,
        _pick(mapping.detail, data, False),
        value,
    )
