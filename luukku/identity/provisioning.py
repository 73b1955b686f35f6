"""Professionals' accounts as the county's identity management provisions them: joiners, movers, leavers.

The rules, independent of the protocol (`identity.scim` maps SCIM onto these):
- A joiner gets an account without a password: they sign in through the county's OpenID provider.
- A mover's roles are reconciled: a role that is no longer wanted ends yesterday (the day before the
  change), a new one begins today unless it says otherwise; roles that ended earlier are history and
  are never changed or deleted. A role that has not begun yet is withdrawn by deleting it.
- A leaver (inactive) cannot sign in, their sessions end at once (Django refuses an inactive user's
  session, and the new unusable password changes the session hash) and their roles end; the account
  and its role history stay, so the access log keeps naming who did what.
"""

import datetime as dt
import logging
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import OrgUnit, Professional, Role, RoleAssignment

logger = logging.getLogger(__name__)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class ProvisioningError(Exception):
    """The request cannot be carried out as it is. `kind`: "invalid" or "conflict"."""

    def __init__(self, message: str, kind: str = "invalid") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class RoleSpec:
    """A role in a unit, with validity (None: from today / open-ended)."""

    unit_code: str
    role: str
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class AccountData:
    """What the identity management says of a professional. `roles` None: leave the roles as they are;
    `oidc_subject` None: leave the subject as it is."""

    username: str
    given_name: str = ""
    family_name: str = ""
    email: str = ""
    title: str = ""
    active: bool = True
    external_id: str = ""
    employee_number: str = ""
    oidc_subject: str | None = None
    roles: tuple[RoleSpec, ...] | None = None


def _text(value: str, max_length: int, label: str) -> str:
    value = (value or "").strip()
    if len(value) > max_length:
        raise ProvisioningError(
            _("%(field)s is too long (at most %(max)d characters).") % {"field": label, "max": max_length}
        )
    if CONTROL_CHARACTERS.search(value):
        raise ProvisioningError(_("%(field)s contains control characters.") % {"field": label})
    return value


def _validated(data: AccountData) -> AccountData:
    user_model = get_user_model()
    username = _text(data.username, 150, "userName")
    if not username:
        raise ProvisioningError(_("userName is required."))
    try:
        user_model.username_validator(username)
    except ValidationError:
        raise ProvisioningError(
            _("userName may contain only letters, digits and the characters @ . + - _")
        ) from None
    email = _text(data.email, 254, "email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ProvisioningError(_("The e-mail address is not valid.")) from None
    for spec in data.roles or ():
        if spec.role not in Role.values:
            raise ProvisioningError(_("Unknown role: %(role)s.") % {"role": spec.role[:50]})
        if spec.valid_from and spec.valid_until and spec.valid_until < spec.valid_from:
            raise ProvisioningError(_("A role cannot end before it begins."))
    return AccountData(
        username=username,
        given_name=_text(data.given_name, 150, "name.givenName"),
        family_name=_text(data.family_name, 150, "name.familyName"),
        email=email,
        title=_text(data.title, 100, "title"),
        active=data.active,
        external_id=_text(data.external_id, 255, "externalId"),
        employee_number=_text(data.employee_number, 50, "employeeNumber"),
        oidc_subject=None if data.oidc_subject is None else _text(data.oidc_subject, 255, "oidcSubject"),
        roles=data.roles,
    )


def _check_unique(data: AccountData, professional: Professional | None) -> None:
    others = Professional.objects.exclude(pk=professional.pk) if professional else Professional.objects.all()
    users = get_user_model().objects.filter(username__iexact=data.username)
    if professional is not None:
        users = users.exclude(pk=professional.user_id)
    if users.exists():
        raise ProvisioningError(_("The userName is already in use."), "conflict")
    if data.employee_number and others.filter(employee_number=data.employee_number).exists():
        raise ProvisioningError(_("The employee number is already in use."), "conflict")
    if data.oidc_subject and others.filter(oidc_subject=data.oidc_subject).exists():
        raise ProvisioningError(_("The sign-in subject is already in use."), "conflict")


def _apply(professional: Professional, data: AccountData) -> None:
    user = professional.user
    user.username = data.username
    user.first_name = data.given_name
    user.last_name = data.family_name
    user.email = data.email
    user.save(update_fields=["username", "first_name", "last_name", "email"])
    professional.title = data.title
    professional.external_id = data.external_id
    professional.employee_number = data.employee_number or None
    if data.oidc_subject is not None:
        professional.oidc_subject = data.oidc_subject or None
    professional.save()


def _save(professional: Professional, data: AccountData) -> Professional:
    try:
        with transaction.atomic():
            _apply(professional, data)
    except IntegrityError:  # a concurrent request took the same name or number
        raise ProvisioningError(_("The userName or employee number is already in use."), "conflict") from None
    if not data.active:
        deactivate(professional)
    else:
        if not professional.user.is_active:
            professional.user.is_active = True
            professional.user.save(update_fields=["is_active"])
            logger.info("professional %s reactivated", professional.pk)
        if data.roles is not None:
            set_roles(professional, data.roles)
    return professional


@transaction.atomic
def create_professional(data: AccountData) -> Professional:
    """A joiner. A userName that belonged to a removed account brings that person back with a new id
    (the old id stays gone), so their earlier history stays theirs."""
    data = _validated(data)
    returning = (
        Professional.objects.select_related("user")
        .filter(user__username__iexact=data.username, removed_at__isnull=False)
        .first()
    )
    if returning is not None:
        _check_unique(data, returning)
        returning.public_id = Professional._meta.get_field("public_id").default()
        returning.removed_at = None
        returning.created_at = timezone.now()
        logger.info("professional %s returned as a joiner, SCIM id %s", returning.pk, returning.public_id)
        return _save(returning, data)
    _check_unique(data, None)
    user = get_user_model()(username=data.username, is_active=data.active)
    user.set_unusable_password()  # professionals sign in through the county's OpenID provider
    user.save()
    professional = Professional.objects.create(user=user)
    logger.info("professional %s provisioned, SCIM id %s", professional.pk, professional.public_id)
    return _save(professional, data)


@transaction.atomic
def update_professional(professional: Professional, data: AccountData) -> Professional:
    """A mover (new roles), a leaver (inactive) or a returner (active again)."""
    data = _validated(data)
    _check_unique(data, professional)
    return _save(professional, data)


@transaction.atomic
def remove_professional(professional: Professional) -> None:
    """The identity management removed the account: it is closed and disappears from provisioning."""
    deactivate(professional)
    professional.removed_at = timezone.now()
    professional.save(update_fields=["removed_at", "updated_at"])
    logger.info("professional %s removed", professional.pk)


@transaction.atomic
def deactivate(professional: Professional) -> None:
    """A leaver: no sign-in, sessions end, roles end. Idempotent."""
    user = professional.user
    if user.is_active or user.has_usable_password():
        user.is_active = False
        user.set_unusable_password()  # changes the session hash: every open session ends
        user.save(update_fields=["is_active", "password"])
        logger.info("professional %s deactivated", professional.pk)
    for assignment in _open_assignments(professional):
        end_assignment(assignment)
    grant_admin_by_role(professional)


def _open_assignments(professional: Professional) -> list[RoleAssignment]:
    today = timezone.localdate()
    return list(
        professional.roles.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today)).select_related(
            "unit"
        )
    )


def _named(assignment: RoleAssignment) -> str:
    return f"{assignment.unit.code}/{assignment.role} of professional {assignment.professional_id}"


def end_assignment(assignment: RoleAssignment) -> None:
    """End a role: it was in force until yesterday; one that has not begun is withdrawn."""
    today = timezone.localdate()
    if assignment.valid_from > today:
        logger.info("role %s withdrawn before it began", _named(assignment))
        assignment.delete()
        return
    assignment.valid_until = today - dt.timedelta(days=1)
    assignment.save(update_fields=["valid_until"])
    logger.info("role %s ended", _named(assignment))


def _units(codes: set[str]) -> dict[str, OrgUnit]:
    units = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=codes)}
    unknown = sorted(codes - set(units))
    if unknown:
        raise ProvisioningError(_("Unknown unit: %(unit)s.") % {"unit": unknown[0][:50]})
    return units


@transaction.atomic
def set_roles(professional: Professional, wanted: tuple[RoleSpec, ...]) -> None:
    """Reconcile the professional's roles with `wanted` (a mover). Roles that ended before today are
    history: left as they are unless `wanted` names one by its start date."""
    today = timezone.localdate()
    units = _units({spec.unit_code for spec in wanted})
    existing = list(professional.roles.select_related("unit"))
    open_now = [a for a in existing if a.valid_until is None or a.valid_until >= today]
    kept: set[int] = set()
    for spec in wanted:
        unit = units[spec.unit_code]
        same = [a for a in existing if a.unit_id == unit.pk and a.role == spec.role and a.pk not in kept]
        if spec.valid_from is not None:
            match = next((a for a in same if a.valid_from == spec.valid_from), None)
        else:
            match = next((a for a in same if a in open_now), None)
        valid_from = spec.valid_from or today
        if match is None:  # e.g. a role ended earlier today and given again
            match = next((a for a in same if a.valid_from == valid_from), None)
        if match is None:
            if spec.valid_until is not None and spec.valid_until < valid_from:
                raise ProvisioningError(_("A role cannot end before it begins."))
            match = RoleAssignment.objects.create(
                professional=professional,
                role=spec.role,
                unit=unit,
                valid_from=valid_from,
                valid_until=spec.valid_until,
            )
            logger.info("role %s begins %s", _named(match), valid_from)
        elif match.valid_until != spec.valid_until:
            match.valid_until = spec.valid_until
            match.save(update_fields=["valid_until"])
            logger.info("role %s valid until %s", _named(match), spec.valid_until)
        kept.add(match.pk)
    for assignment in open_now:
        if assignment.pk not in kept:
            end_assignment(assignment)
    grant_admin_by_role(professional)


def grant_admin_by_role(professional: Professional) -> None:
    """The admin flags follow the administrator role (now or to come): the admin site itself lets in
    only while the role is in force (identity.admin_site), so an ended role closes it at once."""
    today = timezone.localdate()
    administrator = professional.roles.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today), role=Role.ADMINISTRATOR
    ).exists()
    user = professional.user
    if (user.is_staff, user.is_superuser) != (administrator, administrator):
        user.is_staff = user.is_superuser = administrator
        user.save(update_fields=["is_staff", "is_superuser"])
        logger.info(
            "professional %s admin rights %s", professional.pk, "granted" if administrator else "removed"
        )


@transaction.atomic
def add_role(professional: Professional, unit: OrgUnit, role: str) -> None:
    """Group membership: the role is in force from today unless it already is."""
    today = timezone.localdate()
    if professional.roles.filter(RoleAssignment.in_force(today), unit=unit, role=role).exists():
        return
    # A role ended earlier today is opened again (one row per role, unit and first day).
    RoleAssignment.objects.update_or_create(
        professional=professional, role=role, unit=unit, valid_from=today, defaults={"valid_until": None}
    )
    logger.info("role %s/%s of professional %s begins", unit.code, role, professional.pk)
    grant_admin_by_role(professional)


@transaction.atomic
def end_role(professional: Professional, unit: OrgUnit, role: str) -> None:
    """Group membership removed: the role ends (yesterday) in that unit."""
    for assignment in _open_assignments(professional):
        if assignment.unit_id == unit.pk and assignment.role == role:
            end_assignment(assignment)
    grant_admin_by_role(professional)
