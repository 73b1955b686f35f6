"""What applications tell the access policy and the own-data export: social-care data, the service
event being the application type (a 12-17-year-old may decide alone in it)."""

from django.utils import timezone

from luukku.access.categories import Category

from .definitions import BY_KEY
from .models import Application


def scope(application: Application) -> tuple[str, str]:
    return Category.SOCIAL, application.service_event


def event_scope(data: dict) -> tuple[str, str]:
    return Category.SOCIAL, data.get("type", "")


def as_json(application: Application) -> dict:
    decision = getattr(application, "decision", None)
    return {
        "reference": application.reference,
        "type": application.kind,
        "status": application.status,
        "received_at": application.received_at.isoformat(),
        "decided_at": application.decided_at.isoformat() if application.decided_at else None,
        "answers": application.response.answers,
        "thread": [
            {"at": m.at.isoformat(), "from_me": m.from_resident, "text": m.body}
            for m in application.thread.all()
        ],
        "decision": {
            "outcome": decision.outcome,
            "text": decision.body,
            "legal_basis": decision.legal_basis,
        }
        if decision is not None and decision.approved_at
        else None,
    }


def summary(application: Application) -> str:
    kind = BY_KEY.get(application.kind)
    title = kind.title("fi") if kind else application.kind
    received = timezone.localtime(application.received_at)
    return f"{application.reference} · {title} · {application.get_status_display()} · {received:%d.%m.%Y}"


def of_person(person) -> list[Application]:
    return list(
        Application.objects.filter(person=person)
        .select_related("response", "decision")
        .prefetch_related("thread")
        .order_by("-received_at")
    )


def for_client360(person) -> list[Application]:
    """The client's applications with their type's title in the reader's language."""
    from django.utils.translation import get_language

    language = (get_language() or "fi")[:2]
    found = of_person(person)
    for application in found:
        kind = BY_KEY.get(application.kind)
        application.title = kind.title(language) if kind else application.kind
    return found
