"""What the service provider tells about itself (RFC 7643 §§ 5-7): the schemas it supports (the
attributes Luukku stores), the resource types and the service provider configuration."""

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PROFESSIONAL = "urn:luukku:scim:schemas:1.0:Professional"
ROLE_GROUP = "urn:luukku:scim:schemas:1.0:RoleGroup"
LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"
RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"

CORE_SCHEMAS = (USER, GROUP)
EXTENSION_SCHEMAS = (ENTERPRISE, PROFESSIONAL, ROLE_GROUP)
MAX_RESULTS = 200


def attribute(
    name: str,
    kind: str = "string",
    *,
    multi: bool = False,
    required: bool = False,
    mutability: str = "readWrite",
    returned: str = "default",
    uniqueness: str = "none",
    case_exact: bool = False,
    sub: tuple[dict, ...] = (),
    description: str = "",
) -> dict:
    found = {
        "name": name,
        "type": kind,
        "multiValued": multi,
        "description": description,
        "required": required,
        "caseExact": case_exact,
        "mutability": mutability,
        "returned": returned,
        "uniqueness": uniqueness,
    }
    if sub:
        found["subAttributes"] = list(sub)
    if kind == "reference":
        found["referenceTypes"] = ["User", "Group"]
    return found


ATTRIBUTES: dict[str, tuple[dict, ...]] = {
    USER: (
        attribute("userName", required=True, uniqueness="server", description="Sign-in name in Luukku."),
        attribute(
            "name",
            "complex",
            sub=(
                attribute("formatted", mutability="readOnly"),
                attribute("givenName"),
                attribute("familyName"),
            ),
        ),
        attribute("displayName", mutability="readOnly"),
        attribute("title", description="Job title."),
        attribute(
            "emails",
            "complex",
            multi=True,
            sub=(attribute("value"), attribute("type"), attribute("primary", "boolean")),
            description="Only the primary (or first) address is kept.",
        ),
        attribute("active", "boolean", description="false: a leaver; sign-in refused, roles ended."),
        attribute(
            "groups",
            "complex",
            multi=True,
            mutability="readOnly",
            sub=(
                attribute("value", mutability="readOnly"),
                attribute("$ref", "reference", mutability="readOnly"),
                attribute("display", mutability="readOnly"),
                attribute("type", mutability="readOnly"),
            ),
            description="The unit-and-role groups whose role is in force today.",
        ),
    ),
    ENTERPRISE: (
        attribute(
            "employeeNumber", uniqueness="server", description="Matched to the OpenID provider's claim."
        ),
    ),
    PROFESSIONAL: (
        attribute(
            "oidcSubject",
            uniqueness="server",
            case_exact=True,
            description="The OpenID provider's stable subject; bound at the first sign-in when not given.",
        ),
        attribute(
            "roles",
            "complex",
            multi=True,
            sub=(
                attribute("unit", required=True, case_exact=True, description="Unit code."),
                attribute(
                    "role",
                    required=True,
                    case_exact=True,
                    description="nurse, doctor, social_worker, unit_manager, administrator or auditor.",
                ),
                attribute("validFrom", description="First day, YYYY-MM-DD (default: today)."),
                attribute("validUntil", description="Last day, YYYY-MM-DD (default: open-ended)."),
            ),
            description="Roles in units with validity. Roles that ended before today are history.",
        ),
    ),
    GROUP: (
        attribute("displayName", mutability="immutable", description="<unit code>/<role>"),
        attribute(
            "members",
            "complex",
            multi=True,
            sub=(
                attribute("value", mutability="immutable", case_exact=True),
                attribute("$ref", "reference", mutability="immutable"),
                attribute("display", mutability="readOnly"),
                attribute("type", mutability="immutable"),
            ),
            description="Professionals whose role in the unit is in force today.",
        ),
    ),
    ROLE_GROUP: (
        attribute("unit", mutability="readOnly", case_exact=True),
        attribute("unitName", mutability="readOnly"),
        attribute("role", mutability="readOnly", case_exact=True),
    ),
}
NAMES = {
    USER: ("User", "Professionals of the county"),
    GROUP: ("Group", "A role in a unit"),
    ENTERPRISE: ("EnterpriseUser", "Enterprise user"),
    PROFESSIONAL: ("Professional", "Luukku: roles in units with validity"),
    ROLE_GROUP: ("RoleGroup", "Luukku: the unit and role of a group"),
}


def attribute_definition(schema: str, name: str) -> dict | None:
    """The declared attribute by case-insensitive name ("" schema: the core User or Group)."""
    for urn in (schema,) if schema else CORE_SCHEMAS:
        for found in ATTRIBUTES.get(urn, ()):
            if found["name"].lower() == name.lower():
                return found
    return None


def meta(resource_type: str, location: str) -> dict:
    return {"resourceType": resource_type, "location": location}


def schema(urn: str, base_url: str) -> dict:
    name, description = NAMES[urn]
    return {
        "schemas": [SCHEMA],
        "id": urn,
        "name": name,
        "description": description,
        "attributes": list(ATTRIBUTES[urn]),
        "meta": meta("Schema", f"{base_url}/Schemas/{urn}"),
    }


def resource_types(base_url: str) -> list[dict]:
    return [
        {
            "schemas": [RESOURCE_TYPE],
            "id": "User",
            "name": "User",
            "endpoint": "/Users",
            "description": "Professional",
            "schema": USER,
            "schemaExtensions": [
                {"schema": ENTERPRISE, "required": False},
                {"schema": PROFESSIONAL, "required": False},
            ],
            "meta": meta("ResourceType", f"{base_url}/ResourceTypes/User"),
        },
        {
            "schemas": [RESOURCE_TYPE],
            "id": "Group",
            "name": "Group",
            "endpoint": "/Groups",
            "description": "A role in a unit of the county",
            "schema": GROUP,
            "schemaExtensions": [{"schema": ROLE_GROUP, "required": False}],
            "meta": meta("ResourceType", f"{base_url}/ResourceTypes/Group"),
        },
    ]


def service_provider_config(base_url: str) -> dict:
    return {
        "schemas": [SERVICE_PROVIDER_CONFIG],
        "documentationUri": "https://datatracker.ietf.org/doc/html/rfc7644",
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": "A token whose SHA-256 is in LUUKKU_SCIM_TOKEN_SHA256.",
                "primary": True,
            }
        ],
        "meta": meta("ServiceProviderConfig", f"{base_url}/ServiceProviderConfig"),
    }
