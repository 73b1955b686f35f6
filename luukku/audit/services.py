"""Writing and reading the access log and the event log. Other apps call these, never the models."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from .models import AccessLogEntry, Event, Purpose


def log_access(
    actor: AbstractBaseUser,
    subject,
    what: str,
    purpose: str,
    role: str = "",
    unit: str = "",
    **decision: object,
) -> AccessLogEntry:
    """Write one access-log row; `decision` carries allowed, basis, action, category, service_event."""
    if purpose not in Purpose.values:
        raise ValueError(f"unknown purpose {purpose!r}")
    name = actor.get_full_name() or actor.get_username()
    return AccessLogEntry.objects.create(
        actor=actor,
        actor_name=name,
        actor_role=role,
        actor_unit=unit[:150],
        subject=subject,
        what=what[:100],
        purpose=purpose,
        **decision,
    )


def access_log_of(subject) -> QuerySet[AccessLogEntry]:
    """The uses of the subject's data (refused attempts read nothing and are for the auditor)."""
    return AccessLogEntry.objects.filter(subject=subject, allowed=True).order_by("-at")


def search_access_log(
    subject=None, actor_name: str = "", refused_only: bool = False
) -> QuerySet[AccessLogEntry]:
    entries = AccessLogEntry.objects.select_related("subject").order_by("-at")
    if subject is not None:
        entries = entries.filter(subject=subject)
    if actor_name:
        entries = entries.filter(actor_name__icontains=actor_name)
    if refused_only:
        entries = entries.filter(allowed=False)
    return entries


def record_event(kind: str, /, subject=None, actor=None, **data) -> Event:
    """Log a state change that matters to a resident; `data` may use any key, "kind" included."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return Event.objects.create(kind=kind, subject=subject, actor=actor, data=data)


_event_labels: dict[str, object] = {}


def register_event_labels(labels: dict[str, object]) -> None:
    """Human labels (lazy translations) for the event kinds an app records, from its AppConfig.ready()."""
    _event_labels.update(labels)


def event_label(kind: str) -> str:
    """The event kind in the reader's language; an unlabelled kind shows as itself."""
    return str(_event_labels.get(kind, kind))
