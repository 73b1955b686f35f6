"""The JSON API documents the error answers it gives, and a 401 says how to authenticate."""

import pytest
from django.test import Client

from luukku.api import api

SCHEMA = api.get_openapi_schema(path_prefix="/api")


def _documented(path: str, method: str) -> set[str]:
    return {str(code) for code in SCHEMA["paths"][path][method]["responses"]}


def test_every_operation_documents_its_error_answers():
    assert _documented("/api/identity/me", "get") >= {"200", "401", "403"}
    assert _documented("/api/identity/access-log", "get") >= {"200", "401", "403"}
    assert _documented("/api/identity/acting-for", "post") >= {"200", "400", "401", "403", "422"}
    assert _documented("/api/booking/appointments", "post") >= {"201", "400", "404", "409", "422", "429"}
    assert _documented("/api/booking/appointments", "get") >= {"200", "401"}
    assert _documented("/api/registry/hetu/check", "post") >= {"200", "400", "422"}
    detail = SCHEMA["paths"]["/api/booking/appointments"]["post"]["responses"][422]
    assert "ValidationErrorOut" in str(detail)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/identity/me", "/api/identity/access-log", "/api/booking/appointments"]
)
def test_a_401_carries_www_authenticate(path):
    answer = Client().get(path)
    assert answer.status_code == 401 and answer["WWW-Authenticate"] == 'Session realm="Luukku"'
    assert answer.json()["detail"]
