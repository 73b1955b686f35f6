"""THE access policy: may this person read or change this client's data, on what basis; logged.

Every path to a client's data (HTML views, JSON API, FHIR, WebSocket messages, file downloads,
exports, admin, commands) asks `decide()` or `require()`. The bases follow the Client Data Act
(Laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä 703/2023):

- § 13: a professional may process client data only as far as their tasks and the client
  relationship require: a client-work role in a unit that serves the client's municipality, or a
  care relationship that another app declares (a booked appointment, a chat taken, the care-path
  team, a named responsible worker, work addressed to the professional's unit);
- § 4, § 15-17: health and social care data are separate; crossing the line needs the client's
  consent in force (asked at every read, never cached);
- § 18-19: every use and disclosure is logged (access log, refusals too); the client may see who
  has used their data and on what basis;
- Patient Act 785/1992 § 7 and § 9, Social Welfare Client Act 812/2000 § 10-11: a minor who is
  mature enough decides alone in a service event and may forbid disclosure to the guardians;
- § 18 also limits the audit role to the log itself: auditors read the access log, never client
  data; administrators configure, never browse clients.

Residents act for themselves and for others by the proxy rules (`identity.rules`), re-checked at the
source on every request. Their own reads are not written to the professionals' access log.
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from luukku.audit import security_log
from luukku.audit.models import Purpose
from luukku.audit.services import log_access
from luukku.identity.models import CLIENT_WORK_ROLES, OrgUnit, Professional, Resident, Role, RoleAssignment
from luukku.identity.rules import Matter, acts_for
from luukku.identity.services import active_roles

from .categories import Action, Category, Sector
from .registry import CareRelationship, care_relationships, consent_allows

logger = logging.getLogger(__name__)

SOCIAL_UNIT_CODE = "sosiaalipalvelut"  # the division under which every unit is social care
CROSSING_SCOPE = {Category.HEALTH: "health_to_social", Category.SOCIAL: "social_to_health"}
CATEGORY_SECTOR = {Category.HEALTH: Sector.HEALTH, Category.SOCIAL: Sector.SOCIAL}


class AccessDenied(PermissionDenied):
    """Refused by the access policy; the message is in the user's language."""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    basis: str  # serving_role, contacted_unit, relationship:<kind>, consent:<basis>, self, guardian, …
    reason: str = ""  # why not, in the user's language
    role: RoleAssignment | None = None

    def __bool__(self) -> bool:
        return self.allowed


# --- Roles and sectors ------------------------------------------------------------------------------


def work_roles(user: AbstractBaseUser) -> list[RoleAssignment]:
    """Roles in which the professional does client work (not auditing, not administration)."""
    return [r for r in active_roles(user) if r.role in CLIENT_WORK_ROLES]


def sector_of_unit(unit: OrgUnit) -> str:
    return (
        Sector.SOCIAL if any(u.code == SOCIAL_UNIT_CODE for u in unit.ancestors_and_self()) else Sector.HEALTH
    )


def sector_of(role: RoleAssignment) -> str:
    """Social workers are social care, nurses and doctors health care; a manager by the unit."""
    if role.role == Role.SOCIAL_WORKER:
        return Sector.SOCIAL
    if role.role in {Role.NURSE, Role.DOCTOR}:
        return Sector.HEALTH
    return sector_of_unit(role.unit)


def category_of_unit(unit: OrgUnit) -> str:
    """The category of data produced in a unit: social care units' data is social, others health."""
    return Category.SOCIAL if sector_of_unit(unit) == Sector.SOCIAL else Category.HEALTH


def _serves(role: RoleAssignment, client: Resident, via_unit: OrgUnit | None) -> bool:
    if via_unit is not None:
        return via_unit in role.unit.ancestors_and_self() and (
            client.municipality_code in via_unit.served_municipalities()
        )
    return client.municipality_code in role.unit.served_municipalities()


def _role_for(relationship: CareRelationship, roles: list[RoleAssignment]) -> RoleAssignment | None:
    """The professional's role in the unit of the relationship (or above it); any role if personal."""
    if relationship.unit is None:
        return roles[0] if roles else None
    chain = relationship.unit.ancestors_and_self()
    return next(
        (r for r in roles if r.unit in chain or relationship.unit in r.unit.ancestors_and_self()), None
    )


def _candidates(
    user: AbstractBaseUser,
    client: Resident,
    roles: list[RoleAssignment],
    via_unit: OrgUnit | None,
    category: str,
) -> Iterator[tuple[RoleAssignment, str]]:
    """Serving roles first; the care relationships are asked only if those do not decide."""
    basis = "contacted_unit" if via_unit else "serving_role"
    yield from ((r, basis) for r in roles if _serves(r, client, via_unit))
    if via_unit is not None:
        yield from ((r, "serving_role") for r in roles if _serves(r, client, None))
    for relationship in care_relationships(user, client):
        if relationship.categories is not None and category not in relationship.categories:
            continue  # e.g. a call-back request opens the basic data only
        role = _role_for(relationship, roles)
        if role is not None:
            yield role, f"relationship:{relationship.kind}"


def _sector_allows(
    role: RoleAssignment, client: Resident, category: str, action: str, service_event: str
) -> str | None:
    """None if the role's sector may use the category; else the consent basis that lets it read, or "".

    A consent discloses (§ 15-17): the other sector reads with it, but writes only into its own
    register, so a write across the line is refused whatever the consents.
    """
    needed = CATEGORY_SECTOR.get(category)
    if needed is None or sector_of(role) == needed:
        return None
    if action != Action.READ:
        return ""
    return "consent" if consent_allows(client, CROSSING_SCOPE[category], role.unit, service_event) else ""


# --- Decisions --------------------------------------------------------------------------------------


def _professional_decision(
    user: AbstractBaseUser,
    client: Resident,
    category: str,
    action: str,
    purpose: str,
    via_unit: OrgUnit | None,
    service_event: str,
) -> Decision:
    roles = active_roles(user)
    if not roles:
        return Decision(False, "no_role", _("You have no role in force in any unit."))
    if purpose == Purpose.AUDIT:
        return Decision(False, "audit_purpose", _("The audit purpose reads the access log only."))
    client_roles = [r for r in roles if r.role in CLIENT_WORK_ROLES]
    if not client_roles:
        return Decision(
            False,
            "no_client_work_role",
            _("Auditors read the access log and administrators configure; neither reads client data."),
            roles[0],
        )
    blocked: RoleAssignment | None = None
    for role, basis in _candidates(user, client, client_roles, via_unit, category):
        crossing = _sector_allows(role, client, category, action, service_event)
        if crossing is None:
            return Decision(True, basis, role=role)
        if crossing:
            return Decision(True, f"{crossing}:{basis}", role=role)
        blocked = blocked or role
    if blocked is not None:
        return Decision(
            False,
            "no_consent",
            _(
                "This information belongs to the other sector (health or social care): it is shown to your "
                "unit only with the client's consent, and changed only by that sector."
            ),
            blocked,
        )
    return Decision(
        False,
        "no_basis",
        _(
            "None of your roles is in a unit that serves this client, and you have no care relationship "
            "with them."
        ),
        client_roles[0],
    )


def _resident_decision(
    user: AbstractBaseUser, client: Resident, category: str, service_event: str
) -> Decision:
    actor: Resident = user.resident
    if actor.pk == client.pk and not actor.is_deceased:
        return Decision(True, "self")
    refusal = _("You do not have the right to see this person's information.")
    if category == Category.CONFIDENTIAL_MINOR:
        return Decision(False, "confidential_minor", refusal)
    if not acts_for(user, Matter(client, service_event or None)):
        return Decision(False, "no_proxy_right", refusal)
    held = actor.mandates_held.filter(principal=client).exists()
    return Decision(True, "mandate" if held else "guardian")


def decide(
    actor: AbstractBaseUser,
    client: Resident,
    category: str,
    *,
    what: str,
    action: str = Action.READ,
    purpose: str = Purpose.CARE,
    via_unit: OrgUnit | None = None,
    service_event: str = "",
    log: bool = True,
) -> Decision:
    """Whether `actor` may `action` the client's data of `category`, and on what basis.

    A professional's decision, allowed or refused, is written to the access log with `what`, the
    purpose and the basis (unless `log` is False, for checks that read nothing, e.g. whether a
    colleague could be consulted). `service_event` names the service event the data belongs to
    (a service code, "chat:<queue>", "carepath:<template>", a form key): a minor's own decision
    about it hides it from the guardians.
    """
    if not actor.is_authenticated:
        return Decision(False, "anonymous", _("Sign in first."))
    if getattr(actor, "resident", None) is not None:
        decision = _resident_decision(actor, client, category, service_event)
        if not decision:
            logger.warning("access refused: user %s, %s %s (%s)", actor.pk, action, category, decision.basis)
            if log and decision.basis == "no_proxy_right":  # a minor's own events are filtered, not refused
                security_log.access_refused(actor, client, what=what, action=action, basis=decision.basis)
        return decision
    decision = _professional_decision(actor, client, category, action, purpose, via_unit, service_event)
    if log:
        role = decision.role
        log_access(
            actor,
            client,
            what=what,
            purpose=purpose if purpose in Purpose.values else Purpose.CARE,
            role=role.role if role else "",
            unit=role.unit.name if role else "",
            basis=decision.basis,
            allowed=decision.allowed,
            action=action,
            category=category,
            service_event=service_event,
        )
        if not decision:
            security_log.access_refused(
                actor,
                client,
                what=what,
                category=category,
                action=action,
                purpose=purpose,
                basis=decision.basis,
                role=role.role if role else "",
            )
    return decision


def refused(
    actor: AbstractBaseUser, client: Resident, category: str, *, what: str, basis: str, reason: str
) -> Decision:
    """A refusal decided before the policy could be asked (e.g. work of another unit): logged the same."""
    roles = work_roles(actor) or active_roles(actor)
    role = roles[0] if roles else None
    log_access(
        actor,
        client,
        what=what,
        purpose=Purpose.CARE,
        role=role.role if role else "",
        unit=role.unit.name if role else "",
        basis=basis,
        allowed=False,
        category=category,
    )
    security_log.access_refused(
        actor, client, what=what, category=category, basis=basis, role=role.role if role else ""
    )
    return Decision(False, basis, reason, role)


def require(actor: AbstractBaseUser, client: Resident, category: str, **kwargs) -> Decision:
    """`decide()`, raising AccessDenied (a 403 in the user's language) when refused."""
    decision = decide(actor, client, category, **kwargs)
    if not decision:
        raise AccessDenied(decision.reason)
    return decision


def readable[T](
    actor: AbstractBaseUser,
    client: Resident,
    items: Iterable[T],
    scope: Callable[[T], tuple[str, str]],
    *,
    what: str,
    purpose: str = Purpose.CARE,
    log: bool = True,
) -> list[T]:
    """The items the actor may read; `scope(item)` gives each item's (category, service event).

    One decision (and one log row) per distinct scope, so a search over a client's fifty appointments
    of three services writes three rows, each naming what was read.
    """
    decided: dict[tuple[str, str], bool] = {}
    kept = []
    for item in items:
        key = scope(item)
        if key not in decided:
            decided[key] = decide(
                actor, client, key[0], what=what, purpose=purpose, service_event=key[1], log=log
            ).allowed
        if decided[key]:
            kept.append(item)
    return kept


def may_see(actor: AbstractBaseUser, client: Resident, category: str, service_event: str = "") -> bool:
    """An unlogged check for what a page may show about itself (a resident's own listing)."""
    return decide(actor, client, category, what="listing", service_event=service_event, log=False).allowed


# --- Who works with clients at all ------------------------------------------------------------------


def is_auditor(user: AbstractBaseUser) -> bool:
    return any(r.role == Role.AUDITOR for r in active_roles(user))


def professional_of(user: AbstractBaseUser) -> Professional | None:
    return Professional.objects.filter(user=user).first() if user.is_authenticated else None
