"""FHIR R4 JSON responses: resources validated by fhir.resources (R4B models, wire-compatible with R4),
and OperationOutcomes for errors."""

from django.http import HttpResponse
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.resource import Resource

FHIR_JSON = "application/fhir+json; charset=utf-8"


def resource_response(resource: Resource, status: int = 200) -> HttpResponse:
    return HttpResponse(resource.model_dump_json(exclude_none=True), content_type=FHIR_JSON, status=status)


def _printable(text: str) -> str:
    """FHIR strings allow no control characters and no whitespace but space, tab and line breaks: an id
    echoed from the request shows those escaped."""
    return "".join(
        c if c in " \t\r\n" or (c.isprintable() and not c.isspace()) else c.encode("unicode_escape").decode()
        for c in text
    )


def outcome(status: int, code: str, text: str) -> HttpResponse:
    issue = OperationOutcome.model_validate(
        {
            "resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code, "diagnostics": _printable(str(text)) or code}],
        }
    )
    return resource_response(issue, status=status)
