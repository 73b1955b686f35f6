"""SMART Backend Services: a machine client gets a token with a signed assertion, reads within its scopes,
and the access policy still decides (and logs) as for its service account."""

import time
import uuid
from urllib.parse import urlencode

import pytest
from django.test import Client
from joserfc import jwt
from joserfc.jwk import RSAKey

from luukku.audit.models import AccessLogEntry
from luukku.booking.services import book, booker_for
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.fhir.models import SmartClient, SmartToken
from luukku.identity.models import Role
from luukku.testing import OrgUnitFactory, professional, resident_user

pytestmark = pytest.mark.django_db
TOKEN_URL = "http://testserver/fhir/auth/token"
KEY = RSAKey.generate_key(2048)


def _assertion(client_id: str = "ehr-sync", key: RSAKey = KEY, **claims) -> str:
    now = int(time.time())
    payload = {
        "iss": client_id,
        "sub": client_id,
        "aud": TOKEN_URL,
        "exp": now + 240,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode({"alg": "RS384", "kid": "k1"}, {**payload, **claims}, key, algorithms=["RS384"])


def _token_request(client: Client, assertion: str, scope: str = "system/Appointment.rs system/Patient.rs"):
    form = {
        "grant_type": "client_credentials",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": assertion,
        "scope": scope,
    }
    return _post(client, urlencode(form))


@pytest.fixture
def world():
    person = resident_user(age=70)
    appointment = book(open_slot(booking_service()), booker_for(person.user, person))
    account = professional(role=Role.NURSE, unit=OrgUnitFactory(municipality_codes=["109"]))
    SmartClient.objects.create(
        client_id="ehr-sync",
        name="EHR sync",
        user=account.user,
        jwks={"keys": [{**KEY.as_dict(private=False), "kid": "k1"}]},
        scopes=["system/Appointment.rs", "system/Slot.read"],
    )
    return person, appointment, account


def _post(client: Client, data: str):
    return client.post("/fhir/auth/token", data, content_type="application/x-www-form-urlencoded")


def test_token_then_reads_within_scope_through_the_policy(world):
    person, appointment, account = world
    client = Client(enforce_csrf_checks=True)
    answer = _token_request(client, _assertion())
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    token = answer.json()
    assert token["scope"] == "system/Appointment.rs" and token["token_type"] == "bearer"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token['access_token']}"}
    read = client.get(f"/fhir/Appointment/{appointment.public_id}", **headers)
    assert read.status_code == 200
    assert AccessLogEntry.objects.filter(actor=account.user, subject=person, allowed=True).count() == 1
    search = client.get("/fhir/Appointment", {"patient": f"Patient/{person.public_id}"}, **headers)
    assert search.json()["total"] == 1
    refused = client.get(f"/fhir/Patient/{person.public_id}", **headers)
    assert refused.status_code == 403 and refused["WWW-Authenticate"] == 'Bearer error="insufficient_scope"'
    SmartToken.objects.update(expires_at="2000-01-01T00:00Z")
    expired = client.get(f"/fhir/Appointment/{appointment.public_id}", **headers)
    assert expired.status_code == 401 and expired.json()["issue"][0]["code"] == "login"


def test_a_client_not_serving_the_patient_is_refused_by_the_policy(world):
    person, appointment, _account = world
    outsider = professional(role=Role.NURSE, unit=OrgUnitFactory(municipality_codes=["061"]))
    SmartClient.objects.filter(client_id="ehr-sync").update(user=outsider.user)
    token = _token_request(Client(), _assertion()).json()["access_token"]
    read = Client().get(f"/fhir/Appointment/{appointment.public_id}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert read.status_code == 404
    assert AccessLogEntry.objects.filter(actor=outsider.user, subject=person, allowed=False).exists()


def test_assertions_are_checked(world):
    client = Client()
    used = _assertion()
    assert _token_request(client, used).status_code == 200
    assert _token_request(client, used).json()["error"] == "invalid_client"  # replayed
    other_key = RSAKey.generate_key(2048)
    assert _token_request(client, _assertion(key=other_key)).status_code == 401
    assert _token_request(client, _assertion(aud="https://elsewhere/token")).status_code == 401
    assert _token_request(client, _assertion(exp=int(time.time()) + 3600)).status_code == 401
    assert _token_request(client, _assertion(client_id="unknown")).status_code == 401
    assert _token_request(client, _assertion(), scope="system/Patient.rs").json()["error"] == "invalid_scope"
    assert _token_request(client, "not.a.jwt").status_code == 401
    assert _post(client, "grant_type=password").json()["error"] == "unsupported_grant_type"
    assert client.get("/fhir/auth/token").status_code == 405
    assert Client().get("/fhir/Slot", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_discovery_and_capability_statement_name_the_token_endpoint(client):
    configuration = client.get("/fhir/.well-known/smart-configuration").json()
    assert configuration["token_endpoint"] == TOKEN_URL
    assert "private_key_jwt" in configuration["token_endpoint_auth_methods_supported"]
    security = client.get("/fhir/metadata").json()["rest"][0]["security"]
    assert security["service"][0]["coding"][0]["code"] == "SMART-on-FHIR"
    assert security["extension"][0]["extension"][0]["valueUri"] == TOKEN_URL
