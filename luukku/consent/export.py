"""Sections of the resident's own-data export, contributed by the apps that own the data.

An app registers an `ExportSection` in its AppConfig.ready(). The export asks the access policy for
every item (`scope(item)` gives its category and service event), so a guardian never receives what
a minor decides alone. Right of access: GDPR art. 15; Client Data Act 703/2023 § 18.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class ExportSection:
    key: str
    title: str | Promise
    items: Callable[[object], Iterable]  # person -> the items held on them
    scope: Callable[[object], tuple[str, str]]  # item -> (category, service event)
    as_json: Callable[[object], dict]  # item -> machine-readable record
    summary: Callable[[object], str]  # item -> one line for the readable page


_sections: dict[str, ExportSection] = {}


def register(section: ExportSection) -> None:
    _sections[section.key] = section


def sections() -> list[ExportSection]:
    return list(_sections.values())
