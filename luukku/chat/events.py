"""Events chat publishes (luukku.web.events): delivered after the change commits."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ConversationWaiting:
    """New, or transferred to another queue."""

    conversation_id: int


@dataclass(frozen=True)
class ConversationTaken:
    """A professional took it, or it was closed."""

    conversation_id: int
    user_id: int | None


@dataclass(frozen=True)
class ConversationClosed:
    """A professional closed it with a summary."""

    conversation_id: int
