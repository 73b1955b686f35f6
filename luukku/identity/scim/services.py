"""SCIM operations on Users and Groups: find, list with filter and paging, create, replace, patch,
delete. Each change is one transaction through `identity.provisioning`, which holds the rules."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import provisioning
from ..models import OrgUnit, Professional, Role, RoleAssignment
from ..services import is_uuid
from .errors import ScimError
from .filters import Field, get_ci, matches, parse_filter, to_q
from .patch import apply_patch
from .resources import RoleGroup, account_data, group_resource, member_ids, parse_group_id, user_resource
from .schemas import ENTERPRISE, MAX_RESULTS, PROFESSIONAL

# Attributes a Users filter may use, and where they are stored.
USER_FIELDS = {
    "id": Field("public_id", "uuid"),
    "username": Field("user__username"),
    "externalid": Field("external_id", "exact"),
    "name.givenname": Field("user__first_name"),
    "name.familyname": Field("user__last_name"),
    "emails": Field("user__email"),
    "emails.value": Field("user__email"),
    "title": Field("title"),
    "active": Field("user__is_active", "bool"),
    "meta.created": Field("created_at", "datetime"),
    "meta.lastmodified": Field("updated_at", "datetime"),
    f"{ENTERPRISE.lower()}:employeenumber": Field("employee_number", "exact"),
    f"{PROFESSIONAL.lower()}:oidcsubject": Field("oidc_subject", "exact"),
}


@dataclass(frozen=True)
class Page:
    total: int
    start_index: int
    resources: list[dict]


def paging(start_index: str | None, count: str | None) -> tuple[int, int]:
    """startIndex is 1-based (below 1 counts as 1); count is capped at MAX_RESULTS (RFC 7644 § 3.4.2.4)."""
    try:
        start = int(start_index) if start_index not in (None, "") else 1
        size = int(count) if count not in (None, "") else MAX_RESULTS
    except ValueError:
        raise ScimError(400, _("startIndex and count must be integers."), "invalidValue") from None
    return max(start, 1), min(max(size, 0), MAX_RESULTS)


# --- Users ----------------------------------------------------------------------------------------


def _professionals() -> QuerySet[Professional]:
    roles = Prefetch("roles", queryset=RoleAssignment.objects.select_related("unit"))
    return (
        Professional.objects.filter(removed_at__isnull=True)
        .select_related("user")
        .prefetch_related(roles)
        .order_by("pk")
    )


def find_user(resource_id: str) -> Professional:
    found = _professionals().filter(public_id=resource_id).first() if is_uuid(resource_id) else None
    if found is None:
        raise ScimError(404, _("No such user."))
    return found


def list_users(filter_text: str | None, start: int, count: int, base_url: str) -> Page:
    professionals = _professionals()
    if filter_text:
        professionals = professionals.filter(to_q(parse_filter(filter_text), USER_FIELDS))
    total = professionals.count()
    chosen = professionals[start - 1 : start - 1 + count] if count else []
    return Page(total, start, [user_resource(p, base_url) for p in chosen])


def _provisioned(change, *args) -> Professional:
    try:
        professional = change(*args)
    except provisioning.ProvisioningError as error:
        if error.kind == "conflict":
            raise ScimError(409, str(error), "uniqueness") from None
        raise ScimError(400, str(error), "invalidValue") from None
    return find_user(str(professional.public_id))


def create_user(body: object) -> Professional:
    return _provisioned(provisioning.create_professional, account_data(body, missing_roles_kept=True))


def replace_user(professional: Professional, body: object) -> Professional:
    return _provisioned(
        provisioning.update_professional, professional, account_data(body, missing_roles_kept=True)
    )


def patch_user(professional: Professional, body: object, base_url: str) -> Professional:
    patched = apply_patch(user_resource(professional, base_url), body)
    return _provisioned(
        provisioning.update_professional, professional, account_data(patched, missing_roles_kept=False)
    )


def delete_user(professional: Professional) -> None:
    provisioning.remove_professional(professional)


# --- Groups: a role in a unit ---------------------------------------------------------------------


def _groups_with_members() -> list[tuple[RoleGroup, list[Professional]]]:
    units = list(OrgUnit.objects.order_by("code"))
    members: dict[tuple[int, str], list[Professional]] = {}
    in_force = (
        RoleAssignment.objects.filter(
            RoleAssignment.in_force(timezone.localdate()),
            professional__removed_at__isnull=True,
            professional__user__is_active=True,
        )
        .select_related("professional__user")
        .order_by("professional_id")
    )
    for assignment in in_force:
        listed = members.setdefault((assignment.unit_id, assignment.role), [])
        if assignment.professional not in listed:
            listed.append(assignment.professional)
    return [
        (RoleGroup(unit, role), members.get((unit.pk, role), [])) for unit in units for role in Role.values
    ]


def find_group(resource_id: str) -> RoleGroup:
    units = {unit.code: unit for unit in OrgUnit.objects.filter(code=resource_id.partition(".")[0])}
    group = parse_group_id(resource_id, units)
    if group is None:
        raise ScimError(404, _("No such group."))
    return group


def group_json(group: RoleGroup, base_url: str) -> dict:
    members = [
        a.professional
        for a in RoleAssignment.objects.filter(
            RoleAssignment.in_force(timezone.localdate()),
            unit=group.unit,
            role=group.role,
            professional__removed_at__isnull=True,
            professional__user__is_active=True,
        )
        .select_related("professional__user")
        .order_by("professional_id")
    ]
    unique = list(dict.fromkeys(members))
    return group_resource(group, unique, base_url)


def list_groups(filter_text: str | None, start: int, count: int, base_url: str) -> Page:
    resources = [group_resource(group, members, base_url) for group, members in _groups_with_members()]
    if filter_text:
        node = parse_filter(filter_text)
        resources = [resource for resource in resources if matches(node, resource)]
    return Page(len(resources), start, resources[start - 1 : start - 1 + count])


@transaction.atomic
def _set_members(group: RoleGroup, wanted: set[str], base_url: str) -> None:
    if not all(is_uuid(value) for value in wanted):
        raise ScimError(400, _("A member is not a known user."), "invalidValue")
    professionals = {str(p.public_id): p for p in _professionals().filter(public_id__in=wanted)}
    if set(professionals) != wanted:
        raise ScimError(400, _("A member is not a known user."), "invalidValue")
    current = {m["value"] for m in group_json(group, base_url)["members"]}
    for value in sorted(wanted - current):
        if not professionals[value].user.is_active:
            raise ScimError(400, _("A deactivated user cannot be given a role."), "invalidValue")
        provisioning.add_role(professionals[value], group.unit, group.role)
    for professional in Professional.objects.filter(public_id__in=current - wanted):
        provisioning.end_role(professional, group.unit, group.role)


def _check_display_name(group: RoleGroup, body: dict) -> None:
    name = get_ci(body, "displayName")
    if name is not None and (not isinstance(name, str) or name.lower() != group.display_name.lower()):
        raise ScimError(400, _("The name of a group cannot be changed."), "mutability")


def replace_group(group: RoleGroup, body: object, base_url: str) -> None:
    wanted = member_ids(body)
    _check_display_name(group, body)
    _set_members(group, wanted, base_url)


def patch_group(group: RoleGroup, body: object, base_url: str) -> None:
    patched = apply_patch(group_json(group, base_url), body)
    _check_display_name(group, patched)
    _set_members(group, member_ids(patched), base_url)
