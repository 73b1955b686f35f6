"""Answers for when the service cannot serve a request right now, in the user's language.

`busy_response`: the process has as many requests in flight as it may (serving.InFlightLimitMiddleware)
and this one waited its turn in vain. `unavailable_response`: the database could not be reached or the
connection broke mid-request (web.views.server_error turns such 500s into this). Both are 503 with
Retry-After (RFC 9110 § 15.6.4, § 10.2.3): nothing was saved, try again. A page for browsers, JSON for
the API and an OperationOutcome for FHIR. No database, session or user is touched: either could be
what failed.
"""

import json

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


def is_unavailability(error: BaseException | None) -> bool:
    """Errors that mean the database was not there for this request (down, the connection broken, the
    pool exhausted, a deadlock or serialization failure): trying again is the right advice."""
    return isinstance(error, OperationalError | InterfaceError) or (
        isinstance(error, DatabaseError) and type(error.__cause__).__module__.startswith("psycopg_pool")
    )


def _language(request: HttpRequest) -> str:
    return translation.get_language_from_request(request, check_path=False) or settings.LANGUAGE_CODE


def _respond(request: HttpRequest, title: str, text: str, retry_after: int) -> HttpResponse:
    path = request.path
    if path.startswith("/fhir/"):
        body = {
            "resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": "transient", "diagnostics": f"{title}. {text}"}],
        }
        response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/fhir+json")
    elif path.startswith("/api/"):
        body = {"detail": f"{title}. {text}"}
        response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json")
    else:
        page = render_to_string(
            "web/unavailable.html", {"title": title, "text": text, "language": translation.get_language()}
        )
        response = HttpResponse(page)
    response.status_code = 503
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def busy_response(request: HttpRequest) -> HttpResponse:
    with translation.override(_language(request)):
        return _respond(
            request,
            _("Luukku has a lot of users right now"),
            _("Nothing was saved. Please try again in a moment: your turn comes."),
            settings.LUUKKU_BUSY_RETRY_SECONDS,
        )


def unavailable_response(request: HttpRequest) -> HttpResponse:
    with translation.override(_language(request)):
        return _respond(
            request,
            _("Luukku could not complete your request"),
            _("The connection to the database broke. Nothing was saved: please try again in a moment."),
            settings.LUUKKU_BUSY_RETRY_SECONDS,
        )
