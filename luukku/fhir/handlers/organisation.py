"""The county's directory: Practitioner, PractitionerRole, Organization, Location, HealthcareService.
Public: professionals doing client work, units and bookable services."""

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from luukku.booking.models import Service
from luukku.identity.models import CLIENT_WORK_ROLES, OrgUnit, Professional, RoleAssignment
from luukku.web.routes import Audience

from .. import directory
from ..protocol import Stamped, stamp
from ..registry import Handler, Page, Param, register
from ..search import REFERENCE, STRING, TOKEN, Query, string_q
from .common import (
    ID,
    Filters,
    apply,
    int_id,
    int_reference,
    ordered,
    public_page,
    public_read,
    reference_to,
    token_code,
    token_in,
)


def _professionals() -> QuerySet:
    """Professionals who do or did client work; auditors and administrators are not care actors."""
    return (
        Professional.objects.select_related("user")
        .filter(pk__in=RoleAssignment.objects.filter(role__in=CLIENT_WORK_ROLES).values("professional_id"))
        .order_by("pk")
    )


def _stamp_practitioner(professional: Professional) -> Stamped:
    return stamp(directory.practitioner(professional), PRACTITIONER.profile, professional.updated_at)


def _read_practitioner(request: HttpRequest, resource_id: str) -> Stamped | None:
    return public_read(_professionals(), int_id(resource_id), _stamp_practitioner)


def _search_practitioner(request: HttpRequest, query: Query) -> Page:
    filters: Filters = {
        "_id": lambda v: int_id(v.text),
        "name": lambda v: string_q(["user__first_name", "user__last_name"], v),
    }
    return public_page(apply(_professionals(), query, filters), query, _stamp_practitioner)


PRACTITIONER = register(
    Handler(
        type="Practitioner",
        profile=f"{directory.BASE}fi-base-practitioner",
        audience=Audience.PUBLIC,
        category="none",
        url_name="practitioner",
        documentation="A professional doing client work.",
        read=_read_practitioner,
        search=_search_practitioner,
        params=(ID, Param("name", STRING, "A part of the given or family name")),
    )
)


def _roles() -> QuerySet:
    return (
        RoleAssignment.objects.select_related("professional__user", "unit")
        .filter(role__in=CLIENT_WORK_ROLES)
        .order_by("pk")
    )


def _stamp_role(role: RoleAssignment) -> Stamped:
    return stamp(directory.practitioner_role(role), PRACTITIONER_ROLE.profile, None)


def _read_role(request: HttpRequest, resource_id: str) -> Stamped | None:
    return public_read(_roles(), int_id(resource_id), _stamp_role)


def _search_role(request: HttpRequest, query: Query) -> Page:
    filters: Filters = {
        "_id": lambda v: int_id(v.text),
        "practitioner": lambda v: int_reference(v, "Practitioner", "professional_id"),
        "organization": lambda v: Q(unit__code=reference_to(v, "Organization")),
        "role": lambda v: Q(role=token_code(v, directory.ROLE_SYSTEM)),
    }
    return public_page(apply(_roles(), query, filters), query, _stamp_role)


PRACTITIONER_ROLE = register(
    Handler(
        type="PractitionerRole",
        profile=f"{directory.BASE}fi-base-practitioner-role",
        audience=Audience.PUBLIC,
        category="none",
        url_name="practitioner_role",
        documentation="A professional's client-work role in a unit.",
        read=_read_role,
        search=_search_role,
        params=(
            ID,
            Param("practitioner", REFERENCE, "Practitioner/<id>"),
            Param("organization", REFERENCE, "Organization/<unit>"),
            Param("role", TOKEN, "nurse | doctor | social_worker | unit_manager"),
        ),
    )
)


def _units() -> QuerySet:
    return OrgUnit.objects.select_related("parent").order_by("code")


def _unit_filters(parent_name: str) -> Filters:
    return {
        "_id": lambda v: Q(code=v.text),
        "name": lambda v: string_q(["name", "name_sv"], v),
        "identifier": lambda v: Q(code=token_code(v, directory.UNIT_SYSTEM)),
        parent_name: lambda v: Q(
            **{"parent__code" if parent_name == "partof" else "code": reference_to(v, "Organization")}
        ),
    }


def _stamp_organization(unit: OrgUnit) -> Stamped:
    return stamp(directory.organization(unit), ORGANIZATION.profile, None)


def _read_organization(request: HttpRequest, resource_id: str) -> Stamped | None:
    return public_read(_units(), Q(code=resource_id), _stamp_organization)


def _search_organization(request: HttpRequest, query: Query) -> Page:
    items = ordered(apply(_units(), query, _unit_filters("partof")), query, {"name": "name"}, ["code"])
    return public_page(items, query, _stamp_organization)


UNIT_PARAMS = (
    ID,
    Param("name", STRING, "The unit's name (Finnish or Swedish)"),
    Param("identifier", TOKEN, "urn:luukku:unit|<code>"),
)
ORGANIZATION = register(
    Handler(
        type="Organization",
        profile=f"{directory.BASE}fi-base-organization",
        audience=Audience.PUBLIC,
        category="none",
        url_name="organization",
        documentation="A unit of the wellbeing services county.",
        read=_read_organization,
        search=_search_organization,
        params=(*UNIT_PARAMS, Param("partof", REFERENCE, "The parent unit")),
        sorts=("name",),
    )
)


def _stamp_location(unit: OrgUnit) -> Stamped:
    return stamp(directory.location(unit), LOCATION.profile, None)


def _read_location(request: HttpRequest, resource_id: str) -> Stamped | None:
    return public_read(_units(), Q(code=resource_id), _stamp_location)


def _search_location(request: HttpRequest, query: Query) -> Page:
    items = ordered(apply(_units(), query, _unit_filters("organization")), query, {"name": "name"}, ["code"])
    return public_page(items, query, _stamp_location)


LOCATION = register(
    Handler(
        type="Location",
        profile=f"{directory.SCHEDULING}fi-scheduling-location",
        audience=Audience.PUBLIC,
        category="none",
        url_name="location",
        documentation="Where a unit serves its clients.",
        read=_read_location,
        search=_search_location,
        params=(*UNIT_PARAMS, Param("organization", REFERENCE, "The managing unit")),
        sorts=("name",),
    )
)


def _services() -> QuerySet:
    return Service.objects.select_related("unit").order_by("code")


def _stamp_service(service: Service) -> Stamped:
    return stamp(directory.healthcare_service(service), HEALTHCARE_SERVICE.profile, None)


def _read_service(request: HttpRequest, resource_id: str) -> Stamped | None:
    return public_read(_services(), Q(code=resource_id), _stamp_service)


def _search_service(request: HttpRequest, query: Query) -> Page:
    filters: Filters = {
        "_id": lambda v: Q(code=v.text),
        "name": lambda v: string_q(["name", "name_sv", "name_en"], v),
        "organization": lambda v: Q(unit__code=reference_to(v, "Organization")),
        "active": lambda v: token_in(v, None, {"true": Q(active=True), "false": Q(active=False)}, "active"),
        "service-type": lambda v: Q(code=token_code(v, directory.SERVICE_SYSTEM)),
    }
    items = ordered(apply(_services(), query, filters), query, {"name": "name"}, ["code"])
    return public_page(items, query, _stamp_service)


HEALTHCARE_SERVICE = register(
    Handler(
        type="HealthcareService",
        profile=f"{directory.SCHEDULING}fi-scheduling-healthcare-service",
        audience=Audience.PUBLIC,
        category="none",
        url_name="healthcare_service",
        documentation="A service that can be booked.",
        read=_read_service,
        search=_search_service,
        params=(
            ID,
            Param("name", STRING, "The service's name"),
            Param("organization", REFERENCE, "Organization/<unit>"),
            Param("active", TOKEN, "true | false"),
            Param("service-type", TOKEN, "urn:luukku:service|<code>"),
        ),
        sorts=("name",),
    )
)
