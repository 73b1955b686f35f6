"""What the inbox tells the access policy and the own-data export about its client data.

A thread carries the category and service event of what it is about (taken from the app that
delivered it), so a guardian never sees a minor's own service event and social care reads health
messages only with the client's consent.
"""

from django.utils import timezone

from .models import Thread
from .services import scope  # noqa: F401  (the scope of a thread: (category, service event))


def event_scope(data: dict) -> tuple[str, str]:
    return data.get("category", "health"), data.get("service_event", "")


def as_json(thread: Thread) -> dict:
    return {
        "subject": thread.subject,
        "messages": [
            {
                "at": m.created_at.isoformat(),
                "kind": m.kind,
                "from": m.sender,
                "from_me": m.from_resident,
                "text": m.body,
                "read_at": m.read_at.isoformat() if m.read_at else None,
            }
            for m in thread.messages.all()
        ],
    }


def summary(thread: Thread) -> str:
    return f"{thread.subject} · {timezone.localtime(thread.last_message_at):%d.%m.%Y}"
