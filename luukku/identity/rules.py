"""Who may handle whose matters: the proxy rules, as `rules` predicates.

The object is a `Matter`: the person whose matters are handled and, optionally, the service event in
question (a minor's maturity assessment is made per service event).
"""

from dataclasses import dataclass

import rules
from django.utils import timezone

from luukku.registry.adapters import population_register

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
            minor=matter.person, service_event=matter.service_event, decides_alone=True
        ).exists()
    ):
        return False
    return _is_guardian(actor, matter.person)


@rules.predicate
def holds_valid_mandate(user, matter: Matter) -> bool:
    actor = _resident(user)
    if actor is None or actor.age() < MAJORITY_AGE:
        return False
    today = timezone.localdate()
    return (
        MandateGrant.objects.filter(agent=actor, principal=matter.person)
        .exclude(valid_until__lt=today)
        .exists()
    )


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
