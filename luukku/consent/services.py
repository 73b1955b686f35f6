"""Consents and the resident's own-data export. A consent takes effect, and a revocation ends it, at
the very next read: nothing is cached."""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from luukku.audit.models import Event
from luukku.audit.services import access_log_of, record_event
from luukku.identity.models import OrgUnit, Resident

from .models import Consent


def grant(
    person: Resident,
    scope: str,
    by: AbstractBaseUser,
    unit: OrgUnit | None = None,
    purpose: str = "",
    valid_until: dt.date | None = None,
) -> Consent:
    consent = Consent.objects.create(
        person=person, scope=scope, unit=unit, purpose=purpose, valid_until=valid_until, granted_by=by
    )
    record_event("consent.granted", subject=person, actor=by, scope=scope, unit=unit.code if unit else None)
    return consent


def revoke(consent: Consent, by: AbstractBaseUser) -> None:
    if Consent.objects.filter(pk=consent.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()):
        record_event("consent.revoked", subject=consent.person, actor=by, scope=consent.scope)


def consents_of(person: Resident) -> QuerySet[Consent]:
    return Consent.objects.filter(person=person).select_related("unit")


def allows(person: Resident, scope: str, unit: OrgUnit) -> bool:
    """Whether a consent in force lets `unit` (or the whole county) see information of `scope`."""
    units = [u.pk for u in unit.ancestors_and_self()]
    return (
        Consent.objects.filter(Consent.in_force(timezone.localdate()), person=person, scope=scope)
        .filter(Q(unit__isnull=True) | Q(unit__in=units))
        .exists()
    )


def own_data(person: Resident) -> dict:
    """Everything Luukku holds on the person, for the resident's own-data export (machine-readable)."""
    from luukku.booking.services import appointments_of
    from luukku.carepaths.services import paths_of
    from luukku.questionnaires.services import responses_of

    def when(value):
        return value.isoformat() if value else None

    return {
        "person": {
            "name": person.full_name,
            "birth_date": when(person.birth_date),
            "municipality": person.municipality_code,
            "language": person.language,
        },
        "appointments": [
            {
                "service": a.service.name,
                "starts_at": when(a.slot.starts_at),
                "status": a.status,
                "booked_as": a.booked_as,
            }
            for a in appointments_of(person)
        ],
        "forms": [
            {
                "form": r.definition.key,
                "version": r.definition.version,
                "status": r.status,
                "answered_at": when(r.completed_at),
                "answers": r.answers,
                "scores": r.scores,
            }
            for r in responses_of(person)
        ],
        "care_paths": [
            {
                "path": p.template.name,
                "phase": p.phase,
                "status": p.status,
                "started_at": when(p.started_at),
                "tasks": [
                    {
                        "task": t.display_title,
                        "status": t.status,
                        "due_at": when(t.due_at),
                        "result": t.result,
                    }
                    for t in p.tasks.all()
                ],
                "messages": [
                    {"at": when(m.created_at), "from_team": m.from_team, "text": m.body}
                    for m in p.messages.all()
                ],
            }
            for p in paths_of(person)
        ],
        "consents": [
            {
                "scope": c.scope,
                "unit": c.unit.name if c.unit else None,
                "valid_from": when(c.valid_from),
                "valid_until": when(c.valid_until),
                "revoked_at": when(c.revoked_at),
            }
            for c in consents_of(person)
        ],
        "access_log": [
            {
                "at": when(e.at),
                "professional": e.actor_name,
                "role": e.actor_role,
                "unit": e.actor_unit,
                "data": e.what,
                "purpose": e.purpose,
            }
            for e in access_log_of(person)
        ],
        "events": [
            {"at": when(e.at), "kind": e.kind} for e in Event.objects.filter(subject=person).order_by("at")
        ],
    }
