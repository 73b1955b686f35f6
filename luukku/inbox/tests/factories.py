"""The inbox's test factories: a message delivered as an app would deliver it."""

from luukku.identity.models import OrgUnit, Resident
from luukku.inbox.models import Message
from luukku.inbox.services import deliver


def message(
    person: Resident,
    key: str = "test:1",
    body: str = "Tervetuloa vastaanotolle.",
    unit: OrgUnit | None = None,
    replies_allowed: bool = False,
    service_event: str = "test-palvelu",
    category: str = "health",
    **fields,
) -> Message:
    return deliver(
        person,
        key=key,
        subject=fields.pop("subject", "Vastaanotto"),
        body=body,
        unit=unit,
        replies_allowed=replies_allowed,
        category=category,
        service_event=service_event,
        sender=unit.name if unit else "Luukku",
        **fields,
    )
