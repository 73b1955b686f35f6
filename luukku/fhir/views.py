"""The FHIR R4 endpoints, built from the registered handlers (registry.REGISTRY): a type's search, an
instance's read, POST [type]/_search, the CapabilityStatement, and an OperationOutcome for everything
else. Client data goes through the access policy in the handlers (handlers/); these views only speak
the protocol: methods (405), formats (406, 415), search parsing (400), not found (404), conditional read.

The views are exempt from CSRF: a session changes nothing here (a POST other than _search answers 405);
the writes a handler declares (create, delete: Subscription) take a SMART bearer token only."""

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from luukku.web.routes import Audience, route

from . import handlers  # noqa: F401  (registers the handlers)
from .capability import capability_statement
from .protocol import FORM, JSON_FORMATS, resource_response, search_response, unacceptable, unsupported_body
from .registry import REGISTRY, Handler, Refused
from .responses import FHIR_JSON, outcome
from .search import SearchError, parse_query
from .smart import ALGORITHMS, SmartError, allows, bearer, issue_token

View = Callable[..., HttpResponse]


def _not_allowed(allowed: str) -> HttpResponse:
    response = outcome(405, "not-supported", "this interaction is not supported here: use " + allowed)
    response["Allow"] = allowed
    return response


def _authorized(request: HttpRequest, handler: Handler, interaction: str) -> HttpResponse | None:
    """A bearer token (SMART backend services) makes its client's service account the caller, within the
    token's scopes; without one the session decides. The access policy decides either way."""
    try:
        grant = bearer(request)
    except SmartError as error:
        response = outcome(401, "login", str(error))
        response["WWW-Authenticate"] = f'Bearer error="{error.error}"'
        return response
    if grant is None:
        if handler.machine_only:
            response = outcome(401, "login", f"{handler.type} is for machine clients with a bearer token")
            response["WWW-Authenticate"] = "Bearer"
            return response
        return None
    if not allows(grant.scopes, handler.type, interaction):
        response = outcome(
            403, "forbidden", f"the token's scopes do not allow {interaction} of {handler.type}"
        )
        response["WWW-Authenticate"] = 'Bearer error="insufficient_scope"'
        return response
    request.user = grant.client.user
    request.smart_client = grant.client
    return None


def _allowed(handler: Handler, instance: bool) -> str:
    if instance:
        return ", ".join(["GET"] + (["DELETE"] if handler.delete else []))
    return ", ".join((["GET"] if handler.search else []) + (["POST"] if handler.create else []))


def _create(handler: Handler, request: HttpRequest) -> HttpResponse:
    if refused := (
        unacceptable(request)
        or unsupported_body(request, JSON_FORMATS)
        or _authorized(request, handler, "create")
    ):
        return refused
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        return outcome(400, "structure", "the body is not JSON")
    try:
        created = handler.create(request, body)
    except Refused as refused:
        return outcome(refused.status, refused.code, str(refused))
    response = resource_response(request, created)
    response.status_code = 201
    response["Location"] = request.build_absolute_uri(f"/fhir/{handler.type}/{created.id}")
    return response


def _delete(handler: Handler, request: HttpRequest, resource_id: str) -> HttpResponse:
    if refused := unacceptable(request) or _authorized(request, handler, "delete"):
        return refused
    if not handler.delete(request, resource_id):
        return outcome(404, "not-found", f"{handler.type}/{resource_id} is not known or not yours")
    return HttpResponse(status=204)


def _search(handler: Handler, request: HttpRequest, pairs: list[tuple[str, str]]) -> HttpResponse:
    try:
        query = parse_query(pairs, handler.declared, set(handler.sorts), request.headers.get("Prefer", ""))
        if handler.required and not any(query.has(name) for name in handler.required):
            raise SearchError(f"search by {' or '.join(handler.required)}", "required")
        page = handler.search(request, query)
    except SearchError as error:
        status = 404 if error.code == "not-found" else 400
        return outcome(status, error.code, str(error))
    return search_response(request, query, page.resources, page.total)


def type_view(handler: Handler) -> View:
    @route(handler.audience, handler.category)
    @csrf_exempt
    def view(request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and handler.create:
            return _create(handler, request)
        if request.method not in ("GET", "HEAD") or not handler.search:
            return _not_allowed(_allowed(handler, instance=False))
        if refused := unacceptable(request) or _authorized(request, handler, "search-type"):
            return refused
        return _search(handler, request, list(request.GET.items()))

    view.__name__ = view.__qualname__ = f"{handler.url_name}_search"
    return view


def instance_view(handler: Handler) -> View:
    @route(handler.audience, handler.category)
    @csrf_exempt
    def view(request: HttpRequest, resource_id: str) -> HttpResponse:
        if resource_id == "_search":
            if request.method != "POST" or not handler.search:
                return _not_allowed("POST" if handler.search else _allowed(handler, instance=True))
            refused = (
                unacceptable(request)
                or unsupported_body(request, {FORM})
                or _authorized(request, handler, "search-type")
            )
            if refused:
                return refused
            pairs = [*request.GET.items(), *request.POST.items()]
            return _search(handler, request, pairs)
        if request.method == "DELETE" and handler.delete:
            return _delete(handler, request, resource_id)
        if request.method not in ("GET", "HEAD"):
            return _not_allowed(_allowed(handler, instance=True))
        if refused := unacceptable(request) or _authorized(request, handler, "read"):
            return refused
        found = handler.read(request, resource_id)
        if found is None:
            return outcome(
                404, "not-found", f"{handler.type}/{resource_id} is not known or not yours to read"
            )
        return resource_response(request, found)

    view.__name__ = view.__qualname__ = handler.url_name
    return view


@route(Audience.PUBLIC, "none")
@csrf_exempt
def metadata(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return _not_allowed("GET")
    if refused := unacceptable(request):
        return refused
    statement = capability_statement(request.build_absolute_uri("/fhir/"), _token_url(request))
    return HttpResponse(statement.model_dump_json(exclude_none=True), content_type=FHIR_JSON)


@route(Audience.PUBLIC, "none")
@csrf_exempt
def unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    """The base and any path that names no served resource type or interaction."""
    if rest == "":
        if request.method not in ("GET", "HEAD"):
            return _not_allowed("GET")  # batch and transaction are not supported
        return outcome(404, "not-found", "no resource type given: see /fhir/metadata")
    resource_type = rest.split("/")[0]
    if resource_type in REGISTRY:
        return outcome(404, "not-found", f"{rest[:80]} is not an interaction supported here")
    return outcome(
        404, "not-found", f"the resource type {resource_type[:40]} is not served here: see /fhir/metadata"
    )


def _token_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/fhir/auth/token")


@route(Audience.PUBLIC, "none")
def smart_configuration(request: HttpRequest) -> HttpResponse:
    """SMART App Launch 2.0 discovery: what a backend-services client needs to ask for a token."""
    from .registry import REGISTRY

    return JsonResponse(
        {
            "token_endpoint": _token_url(request),
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": ALGORITHMS,
            "scopes_supported": [
                f"system/{t}.{'cruds' if REGISTRY[t].create else 'rs'}" for t in sorted(REGISTRY)
            ]
            + ["system/*.rs"],
            "capabilities": ["client-confidential-asymmetric", "permission-v1", "permission-v2"],
        }
    )


@route(Audience.INTEGRATION, "none")
@csrf_exempt
def smart_token(request: HttpRequest) -> HttpResponse:
    """The token endpoint: client credentials with a signed JWT assertion (RFC 7523)."""
    if request.method != "POST":
        response = JsonResponse({"error": "invalid_request", "error_description": "use POST"}, status=405)
        response["Allow"] = "POST"
        return response
    if request.content_type != FORM:
        return JsonResponse(
            {"error": "invalid_request", "error_description": f"the body must be {FORM}"}, status=400
        )
    try:
        token = issue_token(request.POST.dict(), _token_url(request))
    except SmartError as error:
        status = 401 if error.error == "invalid_client" else 400
        response = JsonResponse({"error": error.error, "error_description": str(error)}, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer error="invalid_client"'
        return response
    response = JsonResponse(token)
    response["Cache-Control"] = "no-store"
    return response
