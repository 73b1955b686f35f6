"""Record types: each app tells records management which of its models are client records.

An app registers from its own `AppConfig.ready()`::

    from luukku.records.registry import RecordType, register_record_type
    register_record_type(RecordType("booking.appointment", lambda: Appointment.objects.all(),
                                    start_field="slot__starts_at", record_class="05.01.03"))

Records management never imports the apps: it only runs the registered querysets. The retention period
starts on the (local) day of `start_field`; a record whose start is empty (an open matter) is never due.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class RecordType:
    key: str  # "<app>.<what>", shown in logs and holds
    queryset: Callable[[], models.QuerySet]
    start_field: str  # a date or datetime field (path) giving the start of retention
    record_class: str  # the code of a RecordClass in the retention schedule
    person_field: str = "person"  # the path to the Resident the record is about ("" if none)
    # An app's own reason to keep a record past retention (an open complaint about it, say).
    held: Callable[[models.Model], bool] | None = None
    # The record's content for an archive package; the default serialises the model's own fields.
    as_json: Callable[[models.Model], dict] | None = None
    label: str = ""
    # Lower first: records that protect others (a payment of an invoice) go before those they protect.
    order: int = 0


_types: dict[str, RecordType] = {}


def register_record_type(record_type: RecordType) -> None:
    if record_type.key in _types and _types[record_type.key] != record_type:
        raise ValueError(f"record type {record_type.key!r} is registered twice")
    _types[record_type.key] = record_type


def record_types() -> list[RecordType]:
    return sorted(_types.values(), key=lambda kind: (kind.order, kind.key))


def record_type(key: str) -> RecordType | None:
    return _types.get(key)
