"""Subscription (rest-hook): a SMART machine client registers, reads and deletes its subscriptions; a
booking matching the criteria is notified to the endpoint with the channel's headers, retried on
failure; other clients and sessions see nothing."""

import json

import pytest
import responses
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.subscription import Subscription as FhirSubscription

from luukku.booking.services import book, booker_for
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.fhir import subscriptions
from luukku.fhir.models import SmartClient, Subscription
from luukku.fhir.tests.test_smart import KEY, _assertion, _token_request
from luukku.identity.models import Role
from luukku.testing import OrgUnitFactory, professional, resident_user

pytestmark = pytest.mark.django_db
HOOK = "https://ehr.example/hooks/luukku"


@pytest.fixture
def ehr():
    account = professional(role=Role.NURSE, unit=OrgUnitFactory(municipality_codes=["109"]))
    for client_id in ("ehr-sync", "other-ehr"):
        SmartClient.objects.create(
            client_id=client_id,
            name=client_id,
            user=account.user,
            jwks={"keys": [{**KEY.as_dict(private=False), "kid": "k1"}]},
            scopes=["system/Subscription.cruds", "system/Appointment.rs"],
        )
    client = Client()
    answer = _token_request(client, _assertion(), scope="system/Subscription.cruds")
    return client, {"HTTP_AUTHORIZATION": f"Bearer {answer.json()['access_token']}"}


def _subscription(criteria: str = "Appointment?status=booked", **channel) -> dict:
    return {
        "resourceType": "Subscription",
        "status": "requested",
        "reason": "New bookings to the care record",
        "criteria": criteria,
        "channel": {"type": "rest-hook", "endpoint": HOOK, "header": ["X-Api-Key: s3cret"], **channel},
    }


def _post(client: Client, headers: dict, body: object):
    return client.post(
        "/fhir/Subscription", json.dumps(body), content_type="application/fhir+json", **headers
    )


def test_create_read_delete_by_its_own_client_only(ehr):
    client, headers = ehr
    created = _post(client, headers, _subscription())
    assert created.status_code == 201, created.content
    resource = FhirSubscription.model_validate_json(created.content)
    assert resource.status == "active" and created["Location"].endswith(f"/fhir/Subscription/{resource.id}")
    read = client.get(f"/fhir/Subscription/{resource.id}", **headers)
    assert read.status_code == 200 and read.json()["channel"]["header"] == ["X-Api-Key: s3cret"]
    other = Client()
    token = _token_request(other, _assertion("other-ehr"), scope="system/Subscription.cruds").json()
    other_headers = {"HTTP_AUTHORIZATION": f"Bearer {token['access_token']}"}
    assert other.get(f"/fhir/Subscription/{resource.id}", **other_headers).status_code == 404
    assert other.delete(f"/fhir/Subscription/{resource.id}", **other_headers).status_code == 404
    session = Client()
    session.force_login(SmartClient.objects.get(client_id="ehr-sync").user)
    refused = session.get(f"/fhir/Subscription/{resource.id}")
    assert refused.status_code == 401 and refused["WWW-Authenticate"] == "Bearer"
    assert client.delete(f"/fhir/Subscription/{resource.id}", **headers).status_code == 204
    assert client.get(f"/fhir/Subscription/{resource.id}", **headers).status_code == 404
    assert client.get("/fhir/Subscription", **headers).status_code == 405


def test_a_token_without_the_scope_is_refused(ehr):
    client = Client()
    token = _token_request(client, _assertion(), scope="system/Appointment.rs").json()["access_token"]
    answer = _post(client, {"HTTP_AUTHORIZATION": f"Bearer {token}"}, _subscription())
    assert answer.status_code == 403 and answer["WWW-Authenticate"] == 'Bearer error="insufficient_scope"'


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (_subscription("Patient?name=x"), 422, "not-supported"),
        (_subscription("Appointment?patient=Patient/1"), 422, "not-supported"),
        (_subscription(type="websocket"), 422, "not-supported"),
        (_subscription(endpoint="http://ehr.example/plain"), 400, "invalid"),
        (_subscription(header=["Host: evil.example"]), 400, "invalid"),
        ({"resourceType": "Subscription", "status": "requested"}, 400, "structure"),
        ({"resourceType": "Patient"}, 400, "invalid"),
    ],
)
def test_subscriptions_this_server_cannot_serve_are_refused(ehr, body, status, code):
    client, headers = ehr
    answer = _post(client, headers, body)
    assert answer.status_code == status and answer.json()["issue"][0]["code"] == code
    assert not Subscription.objects.exists()


def test_bad_bodies(ehr):
    client, headers = ehr
    assert (
        client.post("/fhir/Subscription", "{", content_type="application/fhir+json", **headers).status_code
        == 400
    )
    assert client.post("/fhir/Subscription", "a=b", content_type="text/plain", **headers).status_code == 415


def _book(service_code: str = ""):
    service = booking_service(**({"code": service_code} if service_code else {}))
    person = resident_user(age=50)
    return book(open_slot(service), booker_for(person.user, person))


@responses.activate
@override_settings(LUUKKU_FHIR_NOTIFICATIONS="http")
def test_a_matching_booking_is_notified_with_the_headers(ehr, django_capture_on_commit_callbacks):
    client, headers = ehr
    empty = _post(client, headers, _subscription())
    id_only = _post(client, headers, _subscription(payload="application/fhir+json"))
    _post(client, headers, _subscription("Appointment?service-type=nothing-like-this"))
    assert {empty.status_code, id_only.status_code} == {201}
    responses.post(HOOK, status=200)
    with django_capture_on_commit_callbacks(execute=True):
        appointment = _book()
    queued = DBTaskResult.objects.filter(task_path="luukku.fhir.subscriptions.notify")
    assert queued.count() == 2  # the subscription for another service is not notified
    assert [subscriptions.notify.call(*q.args_kwargs["args"]) for q in queued] == ["sent", "sent"]
    calls = responses.calls
    assert len(calls) == 2 and all(c.request.headers["X-Api-Key"] == "s3cret" for c in calls)
    bodies = sorted((c.request.body or b"") for c in calls)
    assert bodies[0] == b""
    bundle = Bundle.model_validate_json(bodies[1])
    assert bundle.type == "history"
    assert bundle.entry[0].fullUrl == f"http://testserver/fhir/Appointment/{appointment.public_id}"
    assert str(appointment.person.hetu) not in bodies[1].decode()


@responses.activate
@override_settings(LUUKKU_FHIR_NOTIFICATIONS="http")
def test_a_failed_notification_is_retried_and_a_failing_endpoint_ends_in_error(
    ehr, django_capture_on_commit_callbacks
):
    client, headers = ehr
    _post(client, headers, _subscription())
    subscription = Subscription.objects.get()
    appointment = _book()
    responses.post(HOOK, status=503)
    with django_capture_on_commit_callbacks(execute=True):
        assert subscriptions.notify.call(subscription.pk, appointment.pk, 1) == "failed"
    retry = DBTaskResult.objects.get(task_path="luukku.fhir.subscriptions.notify")
    assert retry.args_kwargs["args"] == [subscription.pk, appointment.pk, 2] and retry.run_after is not None
    subscription.refresh_from_db()
    assert subscription.failures == 1 and "503" in subscription.error and subscription.status == "active"
    responses.replace(responses.POST, HOOK, status=204)
    assert subscriptions.notify.call(subscription.pk, appointment.pk, 2) == "sent"
    subscription.refresh_from_db()
    assert (subscription.failures, subscription.error) == (0, "")
    responses.replace(responses.POST, HOOK, status=500)
    for attempt in range(subscriptions.MAX_FAILURES):
        subscriptions.notify.call(subscription.pk, appointment.pk, attempt + 1)
    subscription.refresh_from_db()
    assert subscription.status == "error"
    read = client.get(f"/fhir/Subscription/{subscription.public_id}", **headers).json()
    assert read["status"] == "error" and "500" in read["error"]


def test_criteria_match_on_service_and_practitioner(ehr):
    appointment = _book("hammas")
    practitioner = f"Practitioner/{appointment.slot.calendar.professional_id}"
    for criteria, expected in [
        ("Appointment?status=booked", True),
        ("Appointment?service-type=hammas,muu", True),
        ("Appointment?service-type=urn:luukku:service|hammas", True),
        ("Appointment?service-type=muu", False),
        (f"Appointment?practitioner={practitioner}&status=booked", True),
        ("Appointment?practitioner=Practitioner/0", False),
    ]:
        subscription = Subscription(criteria=criteria)
        assert subscriptions.matches(subscription, appointment) is expected, criteria


def test_the_capability_statement_declares_subscription(client):
    statement = client.get("/fhir/metadata").json()
    declared = {r["type"]: r for r in statement["rest"][0]["resource"]}["Subscription"]
    assert {i["code"] for i in declared["interaction"]} == {"read", "create", "delete"}
