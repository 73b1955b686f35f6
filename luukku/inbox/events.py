"""Events the inbox publishes (luukku.web.events): delivered after the change commits."""

from dataclasses import dataclass


@dataclass(frozen=True)
class MessageDelivered:
    message_id: int


@dataclass(frozen=True)
class ResidentWrote:
    """A resident sent a message to the unit of a thread."""

    message_id: int
