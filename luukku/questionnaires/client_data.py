"""What questionnaires tell the access policy and the own-data export about their client data."""

from django.db.models import Q
from django.utils import timezone

from luukku.access.categories import Category

from .models import Activation, Definition, Purpose, Response
from .registry import service_event_of


def category_of(definition: Definition) -> str:
    """Notifications and applications are social care; health forms and pre-information health care."""
    return Category.SOCIAL if definition.purpose == Purpose.NOTIFICATION else Category.HEALTH


def scope(response: Response) -> tuple[str, str]:
    """A form answered for an activation from another app (a pre-information form for an appointment)
    belongs to that appointment's service event; any other form is its own service event."""
    return category_of(response.definition), _service_event(response)


def _service_event(response: Response) -> str:
    if response.person_id is None:
        return response.definition.key
    activations = Activation.objects.filter(person_id=response.person_id, key=response.definition.key).filter(
        Q(response=response) | Q(status=Activation.Status.OPEN, response__isnull=True)
    )
    for source in activations.values_list("source", flat=True):
        if event := service_event_of(source):
            return event
    return response.definition.key


def activation_scope(activation: Activation) -> tuple[str, str]:
    definition = Definition.objects.filter(key=activation.key, current=True).first()
    category = category_of(definition) if definition else Category.HEALTH
    return category, service_event_of(activation.source) or activation.key


def service_event_category(key: str) -> str | None:
    definition = Definition.objects.filter(key=key, current=True).first()
    return category_of(definition) if definition else None


def event_scope(data: dict) -> tuple[str, str]:
    definition = Definition.objects.filter(key=data.get("key", ""), current=True).first()
    return (category_of(definition) if definition else Category.HEALTH), data.get("key", "")


def as_json(response: Response) -> dict:
    return {
        "form": response.definition.key,
        "version": response.definition.version,
        "status": response.status,
        "answered_at": response.completed_at.isoformat() if response.completed_at else None,
        "answers": response.answers,
        "scores": response.scores,
    }


def summary(response: Response) -> str:
    answered = (
        timezone.localtime(response.completed_at).strftime(" · %d.%m.%Y") if response.completed_at else ""
    )
    scores = "".join(f" · {s['instrument'].upper()} {s['total']:g}" for s in response.scores)
    return f"{response.definition.title} · {response.get_status_display()}{answered}{scores}"
