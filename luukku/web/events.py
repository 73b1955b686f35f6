"""Cross-app events: typed payloads delivered after the sender's transaction commits.

The owning app defines its events as frozen dataclasses in its `events.py` and calls `publish()`;
other apps `subscribe()` from their AppConfig.ready(). Delivery waits for the commit (so a receiver
never sees, nor rolls back, half of the sender's change) and each receiver runs on its own: one that
fails is logged and the others still run. Payloads carry ids; receivers read what they need.
"""

import logging
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

logger = logging.getLogger(__name__)

_receivers: dict[type, dict[str, Callable]] = defaultdict(dict)


def subscribe(event_type: type, name: str, receiver: Callable[[object], None]) -> None:
    """`name` identifies the receiver, so a second registration replaces the first."""
    _receivers[event_type][name] = receiver


def publish(event: object) -> None:
    """Deliver `event` to its receivers once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: deliver(event))


def deliver(event: object) -> None:
    for name, receiver in list(_receivers[type(event)].items()):
        try:
            with transaction.atomic():
                receiver(event)
        except Exception:
            logger.exception("receiver %s failed for %s", name, type(event).__name__)
