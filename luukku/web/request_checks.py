"""A request whose path or query string holds a NUL character is refused with a 400 before any view
runs: PostgreSQL cannot store or even compare text with NUL, so one in a URL would otherwise surface as
a 500 wherever the value reaches a query. Form fields and JSON bodies are checked where they are read
(CheckedForm, api_fields), so that a form is shown again with the field's error."""

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path_info:
        return True
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists())


def refused(request: HttpRequest) -> HttpResponse:
    """A 400 in the caller's language: JSON for the API, an OperationOutcome for FHIR, else a page."""
    message = _("The address contains a NUL character. Check the link or the search and try again.")
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    if request.path_info.startswith("/fhir/"):
        body = {
            "resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": "invalid", "diagnostics": message}],
        }
        return HttpResponse(json.dumps(body), content_type="application/fhir+json; charset=utf-8", status=400)
    return render(request, "400.html", {"message": message}, status=400)


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            return refused(request)
        return self.get_response(request)
