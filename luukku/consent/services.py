"""Consents and the resident's own-data export. A consent takes effect, and a revocation ends it, at
the very next read: nothing is cached."""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from luukku.access.policy import may_see, readable
from luukku.access.registry import event_scope
from luukku.access.services import access_log_for
from luukku.audit import security_log
from luukku.audit.models import Event, Purpose
from luukku.audit.services import event_label, record_event
from luukku.identity.models import MaturityAssessment, OrgUnit, Resident

from . import export
from .models import Consent, Scope


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


def allows(person: Resident, scope: str, unit: OrgUnit, service_event: str = "") -> bool:
    """Whether a consent in force lets `unit` (or the whole county) see information of `scope`.

    In a service event a minor decides alone, only the minor's own consent counts: the guardians'
    consent does not disclose what they may not see themselves (Patient Act 785/1992 § 9).
    """
    units = [u.pk for u in unit.ancestors_and_self()]
    consents = Consent.objects.filter(
        Consent.in_force(timezone.localdate()), person=person, scope=scope
    ).filter(Q(unit__isnull=True) | Q(unit__in=units))
    if service_event and decides_alone(person, service_event):
        consents = consents.filter(granted_by=person.user) if person.user_id else consents.none()
    return consents.exists()


def decides_alone(person: Resident, service_event: str) -> bool:
    return MaturityAssessment.objects.filter(
        MaturityAssessment.in_force(), minor=person, service_event=service_event, decides_alone=True
    ).exists()


def consents_shown_to(user: AbstractBaseUser, person: Resident) -> QuerySet[Consent]:
    """The person's consents as the one handling their matters sees them: a guardian does not see (nor
    revoke) the consents a minor gave herself."""
    consents = consents_of(person)
    if getattr(user, "resident", None) is not None and user.resident.pk != person.pk and person.user_id:
        consents = consents.exclude(granted_by=person.user)
    return consents


def when(value) -> str | None:
    return value.isoformat() if value else None


def export_own_data(user: AbstractBaseUser, person: Resident, file_format: str) -> dict:
    """`own_data()` handed out (as a page or a JSON file): recorded in the event log and the security log."""
    data = own_data(user, person)
    record_event("consent.own_data_exported", subject=person, actor=user, format=file_format)
    security_log.exported(user, person, export="own_data", file_format=file_format)
    return data


def own_data(user: AbstractBaseUser, person: Resident) -> dict:
    """Everything Luukku holds on the person that `user` may see, for the own-data export.

    Sections come from the apps (consent.export); each item passes the access policy, so a guardian
    gets nothing of a minor's own service events, not even that they exist.
    """
    data: dict = {
        "person": {
            "name": person.full_name,
            "birth_date": when(person.birth_date),
            "municipality": person.municipality_code,
            "language": person.language,
        },
        "sections": [],
    }
    for section in export.sections():
        items = readable(user, person, section.items(person), section.scope, what="own_data", log=False)
        data[section.key] = [section.as_json(item) for item in items]
        data["sections"].append(
            {"key": section.key, "title": str(section.title), "lines": [section.summary(i) for i in items]}
        )
    data["consents"] = [
        {
            "scope": c.scope,
            "unit": c.unit.name if c.unit else None,
            "valid_from": when(c.valid_from),
            "valid_until": when(c.valid_until),
            "revoked_at": when(c.revoked_at),
        }
        for c in consents_of(person)
    ]
    data["access_log"] = [
        {
            "at": when(e.at),
            "professional": e.actor_name,
            "role": e.actor_role,
            "unit": e.actor_unit,
            "data": e.what,
            "purpose": e.purpose,
            "basis": e.basis,
        }
        for e in access_log_for(user, person)
    ]
    events = [
        e for e in Event.objects.filter(subject=person).order_by("at") if _event_visible(user, person, e)
    ]
    data["events"] = [{"at": when(e.at), "kind": e.kind} for e in events]
    return data


def readable_own_data(user: AbstractBaseUser, person: Resident) -> dict:
    """The same data for the page: times as datetimes (shown in Europe/Helsinki), codes as labels in
    the reader's language. The file keeps ISO times and codes for machines."""
    return {
        "consents": [
            {
                "scope": Scope(c.scope).label if c.scope in Scope.values else c.scope,
                "unit": c.unit.name if c.unit else None,
                "valid_from": c.valid_from,
                "valid_until": c.valid_until,
                "revoked_at": c.revoked_at,
            }
            for c in consents_of(person)
        ],
        "access_log": [
            {
                "at": e.at,
                "professional": e.actor_name,
                "role": e.role_label,
                "unit": e.actor_unit,
                "data": e.what_label,
                "purpose": Purpose(e.purpose).label if e.purpose in Purpose.values else e.purpose,
            }
            for e in access_log_for(user, person)
        ],
        "events": [
            {"at": e.at, "label": event_label(e.kind)}
            for e in Event.objects.filter(subject=person).order_by("-at")[:200]
            if _event_visible(user, person, e)
        ],
    }


def _event_visible(user: AbstractBaseUser, person: Resident, event: Event) -> bool:
    scope = event_scope(event.kind, event.data)
    return scope is None or may_see(user, person, *scope)
