"""SCIM JSON <-> Luukku: a professional as a User, a unit and role as a Group."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import OrgUnit, Professional, Role
from ..provisioning import AccountData, RoleSpec
from .errors import ScimError
from .filters import get_ci
from .schemas import ENTERPRISE, GROUP, PROFESSIONAL, ROLE_GROUP, USER


def _moment(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class RoleGroup:
    """A Group: one role in one unit."""

    unit: OrgUnit
    role: str

    @property
    def id(self) -> str:
        return f"{self.unit.code}.{self.role}"

    @property
    def display_name(self) -> str:
        return f"{self.unit.code}/{self.role}"


def user_resource(professional: Professional, base_url: str) -> dict:
    """The professional as a SCIM User (roles must be prefetched with their units)."""
    user = professional.user
    today = timezone.localdate()
    assignments = sorted(professional.roles.all(), key=lambda a: (a.valid_from, a.unit.code, a.role))
    resource = {
        "schemas": [USER, ENTERPRISE, PROFESSIONAL],
        "id": str(professional.public_id),
        "userName": user.username,
        "name": {
            "formatted": user.get_full_name(),
            "givenName": user.first_name,
            "familyName": user.last_name,
        },
        "displayName": user.get_full_name() or user.username,
        "active": user.is_active,
        "groups": [
            {
                "value": group.id,
                "display": group.display_name,
                "$ref": f"{base_url}/Groups/{group.id}",
                "type": "direct",
            }
            for group in (
                RoleGroup(a.unit, a.role)
                for a in assignments
                if a.valid_from <= today and (a.valid_until is None or a.valid_until >= today)
            )
        ],
        PROFESSIONAL: {
            "roles": [
                {
                    "unit": a.unit.code,
                    "role": a.role,
                    "validFrom": a.valid_from.isoformat(),
                    **({"validUntil": a.valid_until.isoformat()} if a.valid_until else {}),
                }
                for a in assignments
            ]
        },
        "meta": {
            "resourceType": "User",
            "created": _moment(professional.created_at),
            "lastModified": _moment(professional.updated_at),
            "location": f"{base_url}/Users/{professional.public_id}",
        },
    }
    if professional.external_id:
        resource["externalId"] = professional.external_id
    if professional.title:
        resource["title"] = professional.title
    if user.email:
        resource["emails"] = [{"value": user.email, "type": "work", "primary": True}]
    if professional.employee_number:
        resource[ENTERPRISE] = {"employeeNumber": professional.employee_number}
    if professional.oidc_subject:
        resource[PROFESSIONAL]["oidcSubject"] = professional.oidc_subject
    return resource


def group_resource(group: RoleGroup, members: list[Professional], base_url: str) -> dict:
    return {
        "schemas": [GROUP, ROLE_GROUP],
        "id": group.id,
        "displayName": group.display_name,
        "members": [
            {
                "value": str(member.public_id),
                "display": member.user.get_full_name() or member.user.username,
                "$ref": f"{base_url}/Users/{member.public_id}",
                "type": "User",
            }
            for member in members
        ],
        ROLE_GROUP: {"unit": group.unit.code, "unitName": group.unit.name, "role": group.role},
        "meta": {"resourceType": "Group", "location": f"{base_url}/Groups/{group.id}"},
    }


def parse_group_id(resource_id: str, units: dict[str, OrgUnit]) -> RoleGroup | None:
    unit_code, _dot, role = resource_id.partition(".")
    if unit_code not in units or role not in Role.values:
        return None
    return RoleGroup(units[unit_code], role)


# --- Reading requests -----------------------------------------------------------------------------


def _invalid(detail: str) -> ScimError:
    return ScimError(400, detail, "invalidValue")


def _string(value: object, attribute: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _invalid(_("%(attribute)s must be a string.") % {"attribute": attribute})
    return value


def _boolean(value: object) -> bool:
    """true/false; identity managers also send the strings "True" and "False"."""
    if value is None:
        return True
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    if not isinstance(value, bool):
        raise _invalid(_("active must be true or false."))
    return value


def _date(value: object, attribute: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(_string(value, attribute)[:10])
    except ValueError:
        raise _invalid(_("%(attribute)s must be a date (YYYY-MM-DD).") % {"attribute": attribute}) from None


def _roles(value: object) -> tuple[RoleSpec, ...]:
    if not isinstance(value, list):
        raise _invalid(_("roles must be a list."))
    specs = []
    for item in value:
        if not isinstance(item, dict):
            raise _invalid(_("Each role must be an object with unit and role."))
        specs.append(
            RoleSpec(
                unit_code=_string(get_ci(item, "unit"), "roles.unit"),
                role=_string(get_ci(item, "role"), "roles.role"),
                valid_from=_date(get_ci(item, "validFrom"), "roles.validFrom"),
                valid_until=_date(get_ci(item, "validUntil"), "roles.validUntil"),
            )
        )
    return tuple(specs)


def _email(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _invalid(_("emails must be a list of objects."))
    primary = [item for item in value if get_ci(item, "primary") is True] or value
    return _string(get_ci(primary[0], "value"), "emails.value") if primary else ""


def account_data(body: object, *, missing_roles_kept: bool) -> AccountData:
    """The account a User representation describes (POST, PUT or a patched representation).

    `roles` and `oidcSubject` of the Luukku extension left out of a PUT keep their values, so an
    identity manager that sends only the core attributes never ends roles given through Groups.
    """
    if not isinstance(body, dict):
        raise ScimError(400, _("The request body must be a JSON object."), "invalidSyntax")
    schemas = get_ci(body, "schemas")
    if not isinstance(schemas, list) or USER not in schemas:
        raise ScimError(400, _("The User schema is missing from schemas."), "invalidSyntax")
    name = get_ci(body, "name")
    if name is not None and not isinstance(name, dict):
        raise _invalid(_("name must be an object."))
    enterprise = get_ci(body, ENTERPRISE) or {}
    extension = get_ci(body, PROFESSIONAL)
    if not isinstance(enterprise, dict) or (extension is not None and not isinstance(extension, dict)):
        raise _invalid(_("An extension must be an object."))
    extension = extension or {}
    roles = get_ci(extension, "roles")
    subject = get_ci(extension, "oidcSubject")
    return AccountData(
        username=_string(get_ci(body, "userName"), "userName"),
        given_name=_string(get_ci(name, "givenName"), "name.givenName"),
        family_name=_string(get_ci(name, "familyName"), "name.familyName"),
        email=_email(get_ci(body, "emails")),
        title=_string(get_ci(body, "title"), "title"),
        active=_boolean(get_ci(body, "active")),
        external_id=_string(get_ci(body, "externalId"), "externalId"),
        employee_number=_string(get_ci(enterprise, "employeeNumber"), "employeeNumber"),
        oidc_subject=None if subject is None and missing_roles_kept else _string(subject, "oidcSubject"),
        roles=None if roles is None and missing_roles_kept else _roles(roles or []),
    )


def member_ids(body: object) -> set[str]:
    """The member ids a Group representation lists."""
    if not isinstance(body, dict):
        raise ScimError(400, _("The request body must be a JSON object."), "invalidSyntax")
    members = get_ci(body, "members") or []
    if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
        raise _invalid(_("members must be a list of objects."))
    return {_string(get_ci(member, "value"), "members.value") for member in members}


def project(resource: dict, attributes: str, excluded: str) -> dict:
    """The `attributes` / `excludedAttributes` query parameters (RFC 7644 § 3.4.2.5), by top-level
    attribute or extension; `schemas` and `id` are always returned."""

    def names(text: str) -> set[str]:
        chosen = set()
        for item in text.split(","):
            item = item.strip().lower()
            extension = next(
                (u for u in (ENTERPRISE, PROFESSIONAL, ROLE_GROUP) if item.startswith(u.lower())), None
            )
            chosen.add(extension.lower() if extension else item.rsplit(":", 1)[-1].split(".")[0])
        return chosen - {""}

    always = {"schemas", "id"}
    if attributes:
        wanted = names(attributes) | always
        return {key: value for key, value in resource.items() if key.lower() in wanted}
    if excluded:
        unwanted = names(excluded) - always
        return {key: value for key, value in resource.items() if key.lower() not in unwanted}
    return resource
