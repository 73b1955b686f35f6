"""Property-based: every operation of the JSON API (walked from its OpenAPI schema) and every FHIR search
and read answers hostile input - NUL and other control characters, Unicode digits, huge and negative
numbers, far dates, wrong JSON types, bytes that are not UTF-8 - with something other than a 5xx, as an
anonymous caller, a signed-in resident or a professional. Run on PostgreSQL, where NUL in a query fails.

Two passes: a sweep gives every parameter every HOSTILE value once, the others realistic; Hypothesis
then combines generated, hostile and realistic values freely. The test client raises any exception a
view lets through, so a 500 fails with its traceback.
"""

import json
from urllib.parse import quote, quote_from_bytes

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luukku.api import api
from luukku.booking.demo import seed_booking
from luukku.booking.models import Appointment, Service, Slot
from luukku.booking.tests.factories import booked
from luukku.identity.models import Professional
from luukku.identity.personas import BY_KEY
from luukku.testing import sign_in_persona

pytestmark = pytest.mark.django_db

SCHEMA = api.get_openapi_schema(path_prefix="/api")
OPERATIONS = [
    (method.upper(), path, operation)
    for path, methods in SCHEMA["paths"].items()
    for method, operation in methods.items()
]
# FHIR has no schema here: its search parameters (a test below checks that every search is listed).
FHIR_SEARCHES = {
    "Slot": ["schedule", "status", "service-type", "start", "_id", "_count", "_offset", "_sort"],
    "Appointment": ["patient", "date", "status", "service-type", "practitioner", "_id", "_count", "_sort"],
    "Questionnaire": ["url", "name", "status", "_id", "_sort"],
    "QuestionnaireResponse": ["patient", "status", "authored", "_id"],
    "CarePlan": ["patient", "status", "date", "_id"],
    "Patient": ["_id", "identifier"],
    "Schedule": ["_id", "actor", "service-type"],
    "Practitioner": ["_id", "name", "_count"],
    "PractitionerRole": ["_id", "practitioner", "organization", "role"],
    "Organization": ["_id", "name", "identifier", "partof", "_sort"],
    "Location": ["_id", "name", "identifier", "organization"],
    "HealthcareService": ["_id", "name", "organization", "active", "service-type"],
    "Subscription": ["_id", "criteria"],  # no search (405), and for machine clients only (401)
}
# An unfiltered Questionnaire search renders the whole catalogue (seconds): not what is tested here.
ALWAYS_GIVEN = {"Questionnaire": {"name"}}
FHIR_READS = [
    "Schedule", "Slot", "Appointment", "Questionnaire", "QuestionnaireResponse", "CarePlan", "Patient",
    "Practitioner", "PractitionerRole", "Organization", "Location", "HealthcareService", "Subscription",
]  # fmt: skip
ACTORS = ["anonymous", "resident", "professional"]
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE = [
    "\x00", "a\x00b", "\x1b[31m", "\x7f", "\x85", "\u00a0", "\u2028", "\ufeff", "²", "٣", "١٢٣", "１２",
    "-1", "0", "+1", str(2**63), str(2**64), "9" * 40, "1e400", "NaN", "Infinity", "null", "true", "[]",
    "9999-12-31", "0001-01-01", "2026-02-30", "1899-12-31", "2100-12-31T23:59:59+14:00", "ge9999-12-31",
    "lt0001-01-01", "eq2026-01-01T25:00", "Schedule/²", "Schedule/5²", "Schedule/" + str(2**70),
    "Patient/not-a-uuid", "urn:luukku:questionnaire:audit|²", "audit-²", "' OR 1=1 --",
    "<script>alert(1)</script>", "../../etc/passwd", "%00", "", " ", "x" * 300, "x" * 5000,
]  # fmt: skip
HOSTILE_JSON = [
    None, True, False, 0, -1, 1.5, 1e308, 2**31, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30, [], {},
    [1], {"a": 1}, "\ud800", "x\udfff", *HOSTILE,
]  # fmt: skip
RAW_QUERY_VALUES = ["%FF", "%C0%80", "%ED%A0%80", "%F4%90%80%80", "%00%00", "%", "%G1"]


@pytest.fixture
def world(personas) -> dict:
    """The demo county with a few free times, an appointment of Lempi's, and her professional."""
    seed_booking(weeks=1)
    future = Slot.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at")
    flu = "influenssarokotus-65-rmk"  # some of its free times whatever the hour (the earliest may be others')
    keep = [
        *future.filter(service__code=flu).values_list("pk", flat=True)[:4],
        *future.exclude(service__code=flu).values_list("pk", flat=True)[:4],
    ]
    Slot.objects.exclude(pk__in=keep).delete()  # a search answers every slot: keep bundles small
    resident_client = Client()
    lempi = sign_in_persona(resident_client, "lempi")
    riikka = Professional.objects.get(user__username="hoitaja.riikka")
    appointment = booked(lempi, Service.objects.get(code="influenssarokotus-65-rmk"), riikka)
    professional_client = Client()
    professional_client.force_login(get_user_model().objects.get(username="hoitaja.riikka"))
    slots = list(Slot.objects.filter(starts_at__gt=timezone.now()).values_list("pk", flat=True)[:5])
    realistic = {
        "code": ["influenssarokotus-65-rmk", *Service.objects.values_list("code", flat=True)[:4]],
        "slot": slots,
        "public_id": [str(appointment.public_id), str(Appointment().public_id)],
        "person": [str(lempi.public_id)],
        "patient": [f"Patient/{lempi.public_id}"],
        "schedule": [f"Schedule/{pk}" for pk in Slot.objects.values_list("calendar_id", flat=True)[:3]],
        "start": [timezone.localdate().isoformat(), f"ge{timezone.localdate()}", "lt2100-01-01"],
        "days": ["7", "1", "31"],
        "phone": ["040 123 4567", "+358401234567"],
        "email": ["lempi@example.fi"],
        "name": ["Lempi"],
        "hetu": [BY_KEY["lempi"].hetu],
        "status": ["free", "busy", "active", "completed"],
        "service-type": ["influenssarokotus-65-rmk"],
        "url": ["urn:luukku:questionnaire:audit", "urn:luukku:questionnaire:audit|1"],
        "id": [str(appointment.public_id), "audit-1", *map(str, slots)],
        "_id": [str(appointment.public_id), str(lempi.public_id), "audit-1", *map(str, slots)],
        "identifier": [f"urn:oid:1.2.246.21|{BY_KEY['lempi'].hetu}", "urn:luukku:unit|riihimaki"],
        "date": [timezone.localdate().isoformat()[:7], f"ap{timezone.localdate()}", "ne2026"],
        "authored": [timezone.localdate().isoformat(), "le2100"],
        "actor": [f"Practitioner/{riikka.pk}", "Location/riihimaki"],
        "practitioner": [f"Practitioner/{riikka.pk}"],
        "organization": ["Organization/riihimaki"],
        "partof": ["Organization/kanta-hame"],
        "role": ["nurse", "urn:luukku:role|doctor"],
        "active": ["true", "false"],
        "_count": ["0", "1", "2", "500"],
        "_offset": ["0", "1", "3"],
        "_sort": ["start", "-date", "name", "-name"],
    }
    return {
        "anonymous": Client(),
        "resident": resident_client,
        "professional": professional_client,
        **realistic,
    }


# --- Requests ----------------------------------------------------------------------------------------


def _assert_no_server_error(response, fhir: bool) -> None:
    assert response.status_code < 500, response.content[:500]
    if response.status_code in {400, 401, 403, 422} and fhir:
        assert response.json()["resourceType"] == "OperationOutcome"
    elif response.status_code in {400, 401, 403, 409, 422}:
        assert response["Content-Type"].startswith("application/json") and response.json()["detail"]


def _parameters(operation: dict, where: str) -> list[str]:
    return [p["name"] for p in operation.get("parameters", []) if p["in"] == where]


def _body_fields(operation: dict) -> list[str]:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    name = content.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
    return list(SCHEMA["components"]["schemas"].get(name, {}).get("properties", {}))


def _api_call(client: Client, method: str, path: str, path_values: dict, query: str, body: str | bytes):
    for name, value in path_values.items():
        path = path.replace("{" + name + "}", quote(str(value), safe="") or "x")
    url = f"{path}?{query}" if query else path
    if method == "GET":
        return client.get(url)
    return client.generic(method, url, body, content_type="application/json")


def _encoded(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(name)}={quote(value, safe='')}" for name, value in pairs)


def _realistic(world: dict, name: str) -> list:
    return world.get(name) or []


# --- The sweep: every parameter, every hostile value -------------------------------------------------


def test_every_api_parameter_survives_every_hostile_value(world):
    turn = 0
    for method, path, operation in OPERATIONS:
        path_names, query_names = _parameters(operation, "path"), _parameters(operation, "query")
        fields = _body_fields(operation)
        base_path = {name: (_realistic(world, name) or ["x"])[0] for name in path_names}
        base_query = [(name, _realistic(world, name)[0]) for name in query_names if _realistic(world, name)]
        base_body = {name: _realistic(world, name)[0] for name in fields if _realistic(world, name)}
        targets = (
            [("path", name, value) for name in path_names for value in HOSTILE]
            + [("query", name, value) for name in query_names for value in HOSTILE]
            + [("body", name, value) for name in fields for value in HOSTILE_JSON]
        )
        for where, name, value in targets or [("none", "", "")]:
            turn += 1
            client = world[ACTORS[turn % len(ACTORS)]]
            path_values = {**base_path, name: value} if where == "path" else base_path
            query = [(n, v) for n, v in base_query if n != name] + (
                [(name, value)] if where == "query" else []
            )
            body = {**base_body, name: value} if where == "body" else base_body
            response = _api_call(client, method, path, path_values, _encoded(query), json.dumps(body))
            _assert_no_server_error(response, fhir=False)
        for raw in [
            *RAW_QUERY_VALUES,
            *(f"{name}={raw}" for name in query_names for raw in RAW_QUERY_VALUES),
        ]:
            response = _api_call(world["resident"], method, path, base_path, raw, b"\xff\x00{")
            _assert_no_server_error(response, fhir=False)


def test_every_fhir_parameter_survives_every_hostile_value(world):
    turn = 0
    for resource, names in FHIR_SEARCHES.items():
        for name in names:
            others = [(n, world[n][0]) for n in ALWAYS_GIVEN.get(resource, ()) if n != name]
            for value in HOSTILE:
                turn += 1
                client = world[ACTORS[turn % len(ACTORS)]]
                response = client.get(f"/fhir/{resource}?{_encoded([*others, (name, value)])}")
                _assert_no_server_error(response, fhir=True)
            for raw in RAW_QUERY_VALUES:
                prefix = _encoded(others) + "&" if others else ""
                response = world["professional"].get(f"/fhir/{resource}?{prefix}{name}={raw}")
                _assert_no_server_error(response, fhir=True)
    for resource in FHIR_READS:
        for value in [*HOSTILE, str(2**70), "-" + str(2**64)]:
            turn += 1
            response = world[ACTORS[turn % len(ACTORS)]].get(
                f"/fhir/{resource}/{quote(value, safe='') or '1'}"
            )
            _assert_no_server_error(response, fhir=True)


def test_every_fhir_search_is_fuzzed():
    (fhir,) = [r for r in get_resolver().url_patterns if getattr(r, "namespace", None) == "fhir"]
    searches = {p.pattern._route for p in fhir.url_patterns if p.name.endswith("_search")}
    assert searches == set(FHIR_SEARCHES)


def test_the_fuzzed_world_is_realistic(world):
    """The realistic values reach the views: well-formed requests are answered with data."""
    today = timezone.localdate()
    slots = world["anonymous"].get(f"/api/booking/services/influenssarokotus-65-rmk/slots?start={today}")
    assert slots.status_code == 200 and slots.json()
    assert world["resident"].get("/api/booking/appointments").json()
    bundle = world["professional"].get(f"/fhir/Appointment?patient={world['patient'][0]}").json()
    assert bundle["total"] == 1


# --- Hypothesis: free combinations -------------------------------------------------------------------


def text_values(realistic: list) -> st.SearchStrategy[str]:
    """Strings for a URL (no lone surrogates: a URL carries UTF-8): hostile, generated, realistic and
    realistic with something hostile appended."""
    hostile = st.sampled_from(HOSTILE)
    choices = [
        hostile,
        st.text(max_size=30),
        st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=12),
    ]
    if realistic:
        real = st.sampled_from([str(value) for value in realistic])
        choices += [real, st.builds(lambda a, b: a + b, real, hostile)]
    return st.one_of(choices)


def json_values(realistic: list) -> st.SearchStrategy:
    """Any JSON value, with lone surrogates (JSON escapes them), huge numbers and realistic values."""
    scalars = st.one_of(
        st.sampled_from(HOSTILE_JSON),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(alphabet=st.characters() | st.sampled_from("\x00\ud800\udfff"), max_size=30),
        *([st.sampled_from(realistic)] if realistic else []),
    )
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
        ),
        max_leaves=6,
    )


def _query(data, names: list[str], world: dict, always: set[str] = frozenset()) -> str:
    """A query string: each parameter maybe present (maybe repeated), as text or as raw bytes."""
    parts = []
    for name in names:
        low = 1 if name in always else 0
        for _repeat in range(data.draw(st.integers(min_value=low, max_value=2), label=name)):
            if data.draw(st.integers(0, 9)) == 0:  # raw bytes, not necessarily UTF-8
                value = quote_from_bytes(data.draw(st.binary(max_size=12)), safe="")
            else:
                values = text_values(_realistic(world, name))
                value = quote(data.draw(values.filter(bool) if low else values, label=name), safe="")
            parts.append(f"{quote(name)}={value}")
    return "&".join(parts)


def _body(data, operation: dict, world: dict) -> bytes | str:
    """A JSON body for the operation's schema: its fields with generated values, sometimes some left out
    or extra ones added; sometimes not an object, or not JSON at all."""
    shape = data.draw(st.sampled_from(["object", "object", "object", "any", "bytes"]), label="body shape")
    if shape == "bytes":
        return data.draw(st.binary(max_size=40))
    if shape == "any":
        return json.dumps(data.draw(json_values([])))
    body = {}
    for name in _body_fields(operation):
        choice = data.draw(st.sampled_from(["realistic", "generated", "left out"]), label=name)
        if choice == "realistic" and _realistic(world, name):
            body[name] = data.draw(st.sampled_from(_realistic(world, name)))
        elif choice != "left out":
            body[name] = data.draw(json_values(_realistic(world, name)), label=name)
    if data.draw(st.booleans(), label="extra field"):
        body[data.draw(st.text(max_size=8))] = data.draw(json_values([]))
    return json.dumps(body)


@pytest.mark.parametrize(
    ("method", "path", "operation"), OPERATIONS, ids=[f"{m} {p}" for m, p, _o in OPERATIONS]
)
@FUZZ
@given(data=st.data())
def test_api_operation_never_answers_5xx(world, method, path, operation, data):
    client = world[data.draw(st.sampled_from(ACTORS), label="actor")]
    path_values = {
        name: data.draw(text_values(_realistic(world, name)), label=name)
        for name in _parameters(operation, "path")
    }
    query = _query(data, _parameters(operation, "query"), world)
    body = _body(data, operation, world) if method != "GET" else ""
    _assert_no_server_error(_api_call(client, method, path, path_values, query, body), fhir=False)


@pytest.mark.parametrize("resource", sorted(FHIR_SEARCHES))
@FUZZ
@given(data=st.data())
def test_fhir_search_never_answers_5xx(world, resource, data):
    client = world[data.draw(st.sampled_from(ACTORS), label="actor")]
    query = _query(data, FHIR_SEARCHES[resource], world, ALWAYS_GIVEN.get(resource, set()))
    response = client.get(f"/fhir/{resource}?{query}")
    _assert_no_server_error(response, fhir=True)
    if response.status_code == 200:
        assert response.json()["resourceType"] == "Bundle"


@pytest.mark.parametrize("resource", FHIR_READS)
@settings(FUZZ, max_examples=20)
@given(data=st.data())
def test_fhir_read_never_answers_5xx(world, resource, data):
    client = world[data.draw(st.sampled_from(ACTORS), label="actor")]
    resource_id = data.draw(
        st.one_of(text_values(world["id"]), st.integers(min_value=-1, max_value=2**80).map(str)), label="id"
    )
    response = client.get(f"/fhir/{resource}/{quote(resource_id, safe='') or '1'}")
    _assert_no_server_error(response, fhir=True)
