"""What other apps tell the access policy, registered from their own `AppConfig.ready()`.

- care relationships: "this professional has this client as a client right now" (a booked
  appointment, a chat taken, a care-path team, a named responsible worker, work in the unit's queue);
- consents: whether the client lets a unit see data across the health/social line;
- event scopes: which category and service event an event-log entry belongs to, so the same rules
  decide who sees it on a timeline or in an export.

The access app imports none of the apps that register here.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from luukku.identity.models import OrgUnit, Resident


@dataclass(frozen=True)
class CareRelationship:
    """A time-limited care relationship between a professional and a client.

    `kind` names the basis in the access log (e.g. "appointment"); `unit` is where it exists (the
    professional's role there is the one logged), or None when it is personal (a named worker);
    `categories` limits what it opens (a call-back request opens the basic data only).
    """

    kind: str
    unit: OrgUnit | None = None
    categories: frozenset[str] | None = None  # what it opens; None: whatever the role's sector may see


RelationshipSource = Callable[[AbstractBaseUser, Resident], Iterable[CareRelationship]]
ConsentSource = Callable[[Resident, str, OrgUnit, str], bool]
EventScope = Callable[[dict], tuple[str, str]]

_relationship_sources: dict[str, RelationshipSource] = {}
_consent_sources: dict[str, ConsentSource] = {}
_event_scopes: dict[str, EventScope] = {}
_service_event_categories: dict[str, Callable[[str], str | None]] = {}
RELATIONSHIP_LABELS: dict[str, object] = {}


def register_care_relationship(kind: str, source: RelationshipSource, label: object) -> None:
    """`source(user, client)` yields the relationships of that kind in force now."""
    _relationship_sources[kind] = source
    RELATIONSHIP_LABELS[kind] = label


def register_consent_source(name: str, source: ConsentSource) -> None:
    """`source(client, scope, unit, service_event)` tells whether a consent in force lets `unit` cross
    the line for data of that service event."""
    _consent_sources[name] = source


def register_event_scope(prefix: str, scope: EventScope) -> None:
    """`scope(event_data)` returns (category, service event) for events whose kind starts with prefix."""
    _event_scopes[prefix] = scope


def register_service_event_category(name: str, resolver: Callable[[str], str | None]) -> None:
    """`resolver(service_event)` gives the category of the data of a service event it knows, else None."""
    _service_event_categories[name] = resolver


def service_event_category(service_event: str) -> str | None:
    """Health or social care: which sector provides the service event (None if no app knows it)."""
    for resolver in _service_event_categories.values():
        if category := resolver(service_event):
            return category
    return None


def care_relationships(user: AbstractBaseUser, client: Resident) -> Iterator[CareRelationship]:
    """Asked lazily, source by source: the first relationship that decides stops the asking."""
    for source in _relationship_sources.values():
        yield from source(user, client)


def consent_allows(client: Resident, scope: str, unit: OrgUnit, service_event: str = "") -> bool:
    return any(source(client, scope, unit, service_event) for source in _consent_sources.values())


def event_scope(kind: str, data: dict) -> tuple[str, str] | None:
    """The (category, service event) of an event, from the app that owns its kind; None if unknown."""
    for prefix, scope in _event_scopes.items():
        if kind.startswith(prefix):
            return scope(data)
    return None
