"""Who may handle whose matters: the proxy rules, as `rules` predicates.

The object is a `Matter`: the person whose matters are handled and, optionally, the service event in
question (a minor's maturity assessment is made per service event).
"""

import datetime as dt
from dataclasses import dataclass

import rules
from django.conf import settings
from django.utils import timezone

from luukku.registry.adapters import population_register

from .adapters import mandate_service
from .models import MandateGrant, MaturityAssessment, Resident

CHILD_AGE_LIMIT = 12
MAJORITY_AGE = 18


@dataclass(frozen=True)
class Matter:
    person: Resident
    service_event: str | None = None


def _resident(user) -> Resident | None:
    return getattr(user, "resident", None) if user.is_authenticated else None


@rules.predicate
def is_resident(user) -> bool:
    return _resident(user) is not None


@rules.predicate
def actor_is_alive(user, matter: Matter) -> bool:
    actor = _resident(user)
    return actor is not None and not actor.is_deceased


@rules.predicate
def person_is_alive(user, matter: Matter) -> bool:
    return not matter.person.is_deceased


@rules.predicate
def is_self(user, matter: Matter) -> bool:
    actor = _resident(user)
    return actor is not None and actor.pk == matter.person.pk


def _is_guardian(actor: Resident, child: Resident) -> bool:
    today = timezone.localdate()
    return any(g.hetu == actor.hetu for g in population_register().guardians(child.hetu, today))


@rules.predicate
def is_guardian_of_child_under_12(user, matter: Matter) -> bool:
    actor = _resident(user)
    return actor is not None and matter.person.age() < CHILD_AGE_LIMIT and _is_guardian(actor, matter.person)


@rules.predicate
def is_guardian_of_minor_without_own_decision(user, matter: Matter) -> bool:
    """12-17: the guardian acts unless a maturity assessment gives this service event to the minor."""
    actor = _resident(user)
    if actor is None or not CHILD_AGE_LIMIT <= matter.person.age() < MAJORITY_AGE:
        return False
    if (
        matter.service_event
        and MaturityAssessment.objects.filter(
            MaturityAssessment.in_force(),
            minor=matter.person,
            service_event=matter.service_event,
            decides_alone=True,
        ).exists()
    ):
        return False
    return _is_guardian(actor, matter.person)


@rules.predicate
def holds_valid_mandate(user, matter: Matter) -> bool:
    """A mandate Luukku fetched, re-checked at the source on every request.

    A mandate revoked at Suomi.fi-valtuudet must stop working at once (Client Data Act 703/2023 § 13:
    only a person entitled may act). Where the source answers only inside a session the user opens
    (HPA), the fetched grant is trusted for LUUKKU_MANDATE_TTL_SECONDS at most.
    """
    actor = _resident(user)
    if actor is None or actor.age() < MAJORITY_AGE:
        return False
    grant = (
        MandateGrant.objects.filter(agent=actor, principal=matter.person)
        .exclude(valid_until__lt=timezone.localdate())
        .first()
    )
    if grant is None:
        return False
    answer = mandate_service().in_force(actor.hetu, matter.person.hetu)
    if answer is None:
        return timezone.now() - grant.fetched_at <= dt.timedelta(seconds=settings.LUUKKU_MANDATE_TTL_SECONDS)
    if not answer:
        MandateGrant.objects.filter(agent=actor, principal=matter.person).delete()
    return answer


may_act_for = (
    actor_is_alive
    & person_is_alive
    & (
        is_self
        | is_guardian_of_child_under_12
        | is_guardian_of_minor_without_own_decision
        | holds_valid_mandate
    )
)

rules.add_perm("identity.act_for", may_act_for)


def acts_for(user, matter: Matter) -> bool:
    """The proxy rule itself. Never `user.has_perm(...)`: Django lets an active superuser (the
    administrator) pass every permission, and administrators must not act for residents."""
    return bool(user.is_authenticated) and may_act_for.test(user, matter)
