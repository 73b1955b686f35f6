"""SCIM 2.0 endpoints under /scim/v2/ for the county's identity management (RFC 7644).

Machine-to-machine: a bearer token, no session and no CSRF token (no cookie is trusted here). Every
answer, errors included, is `application/scim+json`.
"""

import json
from collections.abc import Callable
from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from luukku.web.routes import Audience, route

from . import schemas, services
from .auth import authenticated
from .errors import CONTENT_TYPE, ScimError
from .filters import get_ci
from .resources import project, user_resource


def scim_endpoint(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            if not authenticated(request):
                raise ScimError(401, _("A valid bearer token is needed."))
            return view(request, *args, **kwargs)
        except ScimError as error:
            return error.response()
        except RequestDataTooBig:
            return ScimError(413, _("The request is too large.")).response()

    return csrf_exempt(wrapper)


def _answer(data: dict | None, status: int = 200, location: str = "") -> HttpResponse:
    response = HttpResponse(
        "" if data is None else json.dumps(data), status=status, content_type=CONTENT_TYPE
    )
    if location:
        response["Location"] = location
    return response


def _body(request: HttpRequest) -> object:
    try:
        return json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ScimError(400, _("The request body is not valid JSON."), "invalidSyntax") from None


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("scim:users")).removesuffix("/Users")


def _not_allowed() -> ScimError:
    return ScimError(405, _("This method is not supported here."))


def _list(request: HttpRequest, page: services.Page) -> HttpResponse:
    attributes = request.GET.get("attributes", "")
    excluded = request.GET.get("excludedAttributes", "")
    return _answer(
        {
            "schemas": [schemas.LIST_RESPONSE],
            "totalResults": page.total,
            "startIndex": page.start_index,
            "itemsPerPage": len(page.resources),
            "Resources": [project(resource, attributes, excluded) for resource in page.resources],
        }
    )


def _one(request: HttpRequest, resource: dict, status: int = 200) -> HttpResponse:
    shown = project(resource, request.GET.get("attributes", ""), request.GET.get("excludedAttributes", ""))
    location = resource["meta"]["location"] if status == 201 else ""
    return _answer(shown, status, location)


@route(Audience.INTEGRATION, "none")
@scim_endpoint
def service_provider_config(request: HttpRequest) -> HttpResponse:
    if request.method != "GET":
        raise _not_allowed()
    return _answer(schemas.service_provider_config(_base_url(request)))


@route(Audience.INTEGRATION, "none")
@scim_endpoint
def resource_types(request: HttpRequest) -> HttpResponse:
    if request.method != "GET":
        raise _not_allowed()
    found = schemas.resource_types(_base_url(request))
    return _list(request, services.Page(len(found), 1, found))


@route(Audience.INTEGRATION, "none")
@scim_endpoint
def resource_type(request: HttpRequest, name: str) -> HttpResponse:
    if request.method != "GET":
        raise _not_allowed()
    found = next((t for t in schemas.resource_types(_base_url(request)) if t["id"] == name), None)
    if found is None:
        raise ScimError(404, _("No such resource type."))
    return _answer(found)


@route(Audience.INTEGRATION, "none")
@scim_endpoint
def schema_list(request: HttpRequest) -> HttpResponse:
    if request.method != "GET":
        raise _not_allowed()
    found = [schemas.schema(urn, _base_url(request)) for urn in schemas.NAMES]
    return _list(request, services.Page(len(found), 1, found))


@route(Audience.INTEGRATION, "none")
@scim_endpoint
def schema(request: HttpRequest, urn: str) -> HttpResponse:
    if request.method != "GET":
        raise _not_allowed()
    if urn not in schemas.NAMES:
        raise ScimError(404, _("No such schema."))
    return _answer(schemas.schema(urn, _base_url(request)))


@route(Audience.INTEGRATION, "config")
@scim_endpoint
def users(request: HttpRequest) -> HttpResponse:
    base_url = _base_url(request)
    if request.method == "GET":
        start, count = services.paging(request.GET.get("startIndex"), request.GET.get("count"))
        return _list(request, services.list_users(request.GET.get("filter"), start, count, base_url))
    if request.method == "POST":
        created = services.create_user(_body(request))
        return _one(request, user_resource(created, base_url), status=201)
    raise _not_allowed()


@route(Audience.INTEGRATION, "config")
@scim_endpoint
def user(request: HttpRequest, resource_id: str) -> HttpResponse:
    base_url = _base_url(request)
    professional = services.find_user(resource_id)
    match request.method:
        case "GET":
            return _one(request, user_resource(professional, base_url))
        case "PUT":
            return _one(request, user_resource(services.replace_user(professional, _body(request)), base_url))
        case "PATCH":
            changed = services.patch_user(professional, _body(request), base_url)
            return _one(request, user_resource(changed, base_url))
        case "DELETE":
            services.delete_user(professional)
            return _answer(None, status=204)
    raise _not_allowed()


@route(Audience.INTEGRATION, "config")
@scim_endpoint
def groups(request: HttpRequest) -> HttpResponse:
    base_url = _base_url(request)
    if request.method == "GET":
        start, count = services.paging(request.GET.get("startIndex"), request.GET.get("count"))
        return _list(request, services.list_groups(request.GET.get("filter"), start, count, base_url))
    if request.method == "POST":
        body = _body(request)
        name = get_ci(body, "displayName") if isinstance(body, dict) else None
        unit_code, _slash, role = str(name or "").partition("/")
        try:
            services.find_group(f"{unit_code}.{role}")
        except ScimError:
            raise ScimError(
                400,
                _("Groups are the county's units and roles, named <unit code>/<role>: there is no such one."),
                "invalidValue",
            ) from None
        raise ScimError(409, _("The group exists: use PATCH to change its members."), "uniqueness")
    raise _not_allowed()


@route(Audience.INTEGRATION, "config")
@scim_endpoint
def group(request: HttpRequest, resource_id: str) -> HttpResponse:
    base_url = _base_url(request)
    found = services.find_group(resource_id)
    match request.method:
        case "GET":
            return _one(request, services.group_json(found, base_url))
        case "PUT":
            services.replace_group(found, _body(request), base_url)
            return _one(request, services.group_json(found, base_url))
        case "PATCH":
            services.patch_group(found, _body(request), base_url)
            return _one(request, services.group_json(found, base_url))
        case "DELETE":
            raise ScimError(501, _("Groups are the county's units and roles; remove the members instead."))
    raise _not_allowed()
