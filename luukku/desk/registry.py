"""What other apps plug into the desk, from their own AppConfig.ready(); the desk imports none of them.

- Work sources: an app puts work in a unit's queue with `services.submit(kind, "<prefix>:<id>", …)` and
  registers how the work is closed at its origin when a professional marks the queue item done
  (`register_work_source`). When the work is done at the origin, the app calls
  `services.close_source("<prefix>:<id>", user)`.
- Client-360 sections: what the app shows of a client in the whole picture, with the category of
  the data, so the access policy decides whether the reader sees it.
- Work titles: how a queue item's title reads in the reader's language, made when shown from the
  item's origin (`register_work_titles`, one call for a page of items); the stored title (in the
  language it was made in) is the fallback.
- Service use: the audit event kinds that count as one use of a service (a booking, a sent form), so
  client 360 can say "uses many services" without knowing the apps' event kinds.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.utils.functional import Promise
from django.utils.translation import get_language

from luukku.identity.models import Resident

Closer = Callable[[str, AbstractBaseUser | None], None]


@dataclass(frozen=True)
class WorkSource:
    prefix: str  # "<prefix>:<id>" is the queue item's source
    close: Closer  # closes the work at its origin (without telling the desk back)


@dataclass(frozen=True)
class ClientSection:
    key: str
    title: str | Promise
    category: str  # access.categories.Category: shown only to readers the policy lets see it
    template: str  # rendered with `items` and `client`
    items: Callable[[Resident], list]
    order: int = 50
    item_category: Callable[[object], str] | None = None  # when items differ (a social-care appointment)


_work_sources: dict[str, WorkSource] = {}
_client_sections: dict[str, ClientSection] = {}
_service_use_kinds: set[str] = set()
_work_titles: dict[str, list[Callable[[list], dict[int, str]]]] = {}
# client -> (when given, phone number) or None: where a client has left a phone number
_phone_sources: dict[str, Callable[[Resident], tuple | None]] = {}


def register_phone_source(key: str, latest: Callable[[Resident], tuple | None]) -> None:
    """`latest(client)` is the (time, number) the client last gave in this app (a booking, a call-back)."""
    _phone_sources[key] = latest


def known_phone(client: Resident) -> str:
    """The phone number the client gave last, wherever they gave it; "" when none is known."""
    given = [found for latest in _phone_sources.values() if (found := latest(client))]
    return max(given, key=lambda pair: pair[0])[1] if given else ""


def register_work_titles(prefix: str, titles: Callable[[list], dict[int, str]]) -> None:
    """`titles(items)` gives {item.pk: title in the active language} for the queue items whose source is
    "<prefix>:…" that it knows how to name (one query for a page of them); several apps may name items of
    one prefix (the first that names an item wins); an item nobody names shows its stored title."""
    providers = _work_titles.setdefault(prefix, [])
    if titles not in providers:
        providers.append(titles)


def name_items(items: list) -> list:
    """Give each queue item its title in the active language (`item.shown_title`); returns the items."""
    by_prefix: dict[str, list] = {}
    for item in items:
        by_prefix.setdefault(item.source.partition(":")[0], []).append(item)
    for prefix, group in by_prefix.items():
        named: dict[int, str] = {}
        for titles in _work_titles.get(prefix, []):
            unnamed = [item for item in group if item.pk not in named]
            if not unnamed:
                break
            named.update({pk: title for pk, title in titles(unnamed).items() if title and pk not in named})
        for item in group:
            item.localized_title = (get_language(), named.get(item.pk) or item.title)
    return items


def work_title(item) -> str:
    """The item's title in the reader's language when its origin says how, else the stored title."""
    return name_items([item])[0].localized_title[1]


def register_work_source(source: WorkSource) -> None:
    _work_sources[source.prefix] = source


def work_source(prefix: str) -> WorkSource | None:
    return _work_sources.get(prefix)


def register_client_section(section: ClientSection) -> None:
    _client_sections[section.key] = section


def client_sections() -> list[ClientSection]:
    return sorted(_client_sections.values(), key=lambda s: (s.order, s.key))


def register_service_use(*kinds: str) -> None:
    _service_use_kinds.update(kinds)


def service_use_kinds() -> list[str]:
    return sorted(_service_use_kinds)
