"""Regression tests for the 500s of issue 12: each bad input now gets a clear 4xx (or a form error) in
the user's language. Run on PostgreSQL, where a NUL byte in a query fails."""

import datetime as dt
import json

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth import get_user_model
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from luukku.access.policy import decide
from luukku.booking.demo import seed_booking
from luukku.booking.models import Appointment, Service, Slot
from luukku.booking.tests.factories import open_slot
from luukku.chat.demo import seed_queues
from luukku.chat.models import ChatQueue, Conversation
from luukku.identity.personas import BY_KEY, seed_organisation, seed_personas
from luukku.questionnaires import engine
from luukku.questionnaires.fhirq import item, questionnaire
from luukku.testing import sign_in_persona

pytestmark = pytest.mark.django_db
ALWAYS = {str(day): ["00:00", "24:00"] for day in range(7)}


@pytest.fixture
def demo(personas):
    seed_booking(weeks=2)


def _slot(code: str) -> Slot:
    return open_slot(Service.objects.get(code=code), starts_in=dt.timedelta(days=2, hours=1))


def _fhir_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/fhir+json")
    body = response.json()
    assert body["resourceType"] == "OperationOutcome" and body["issue"][0]["diagnostics"]
    return body


# --- The resident's access log over the API ---------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_access_log_api_answers_for_a_resident_whose_data_was_read(client, demo, language):
    lempi = sign_in_persona(client, "lempi")
    users = get_user_model().objects
    slot = _slot("influenssarokotus-65-rmk")
    Appointment.objects.create(slot=slot, service=slot.service, person=lempi, booked_as="self")
    for username in ["hoitaja.riikka", "hoitaja.hanna", "sosiaalityo.saara", "laakari.lauri"]:
        for category in ["basic", "health", "social"]:
            decide(users.get(username=username), lempi, category, what="appointments")
    decide(users.get(username="hoitaja.riikka"), lempi, "basic", what="client_360:basic_data+appointments")

    answer = client.get("/api/identity/access-log", HTTP_ACCEPT_LANGUAGE=language)

    assert answer.status_code == 200
    rows = answer.json()
    assert len(rows) >= 3
    assert all(
        isinstance(value, str) and value for row in rows for key, value in row.items() if key != "unit"
    )


# --- Far dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "1899-12-31"])
def test_far_dates_in_the_slot_api_are_a_422_in_finnish(client, demo, start):
    answer = client.get(f"/api/booking/services/influenssarokotus-65/slots?start={start}")
    assert answer.status_code == 422
    (error,) = answer.json()["detail"]
    assert error["loc"] == ["query", "start"] and "1.1.1900" in error["msg"]


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "ge9999-12-31", "lt0001-01-01T00:00"])
def test_far_dates_in_a_fhir_slot_search_are_an_operation_outcome(client, demo, start):
    _fhir_error(client.get("/fhir/Slot", {"start": start}), 400)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2026-02-30", "huomenna"])
def test_far_dates_in_the_booking_pages_show_a_message(client, demo, day):
    page = client.get(reverse("booking:times", args=["perhekeskus-pika-aika"]), {"alkaen": day})
    assert page.status_code == 200
    assert 'class="message message--error"' in page.content.decode()
    client.force_login(get_user_model().objects.get(username="hoitaja.riikka"))
    calendar = client.get(reverse("booking:professional_calendar"), {"alkaen": day})
    assert calendar.status_code == 200


# --- Digits and ids ----------------------------------------------------------------------------------


def test_unicode_digits_and_huge_ids_in_fhir(client, demo):
    for schedule in ["²", "Schedule/٣", "Schedule/" + str(2**70), "Schedule/-1"]:
        _fhir_error(client.get("/fhir/Slot", {"schedule": schedule}), 400)
    _fhir_error(client.get("/fhir/Questionnaire/audit-%C2%B2"), 404)
    _fhir_error(client.get("/fhir/Questionnaire/audit-" + str(2**70)), 404)
    _fhir_error(client.get(f"/fhir/Slot/{2**70}"), 404)
    _fhir_error(client.get(f"/fhir/Schedule/{2**64}"), 404)
    search = client.get("/fhir/Questionnaire", {"url": "urn:luukku:questionnaire:audit|²"})
    assert search.status_code == 200 and search.json()["total"] == 0


def test_echoed_ids_with_odd_whitespace_are_still_valid_fhir(client, demo):
    for odd in ["a%0Bb", "a%C2%A0b", "%E2%80%A8", "x%7F"]:
        _fhir_error(client.get(f"/fhir/Questionnaire/{odd}-1"), 404)
        _fhir_error(client.get(f"/fhir/Appointment/{odd}"), 404)


# --- NUL and control characters ----------------------------------------------------------------------


def test_nul_in_a_query_string_or_path_is_a_400_in_each_format(client, demo):
    page = client.get(reverse("booking:services"), {"haku": "rokotus\x00"})
    assert page.status_code == 400 and "NUL" in page.content.decode()
    api = client.get("/api/booking/services/influenssarokotus-65/slots", {"start": "2026-01-01\x00"})
    assert api.status_code == 400 and api.json()["detail"]
    assert client.get("/api/booking/services/rokotus%00/slots").status_code == 400
    _fhir_error(client.get("/fhir/QuestionnaireResponse", {"status": "completed\x00"}), 400)
    _fhir_error(client.get("/fhir/Slot", {"service-type": "\x00"}), 400)
    _fhir_error(client.get("/fhir/Questionnaire/audit%00-1"), 400)


def test_fhir_search_refuses_other_control_characters(client, demo):
    _fhir_error(client.get("/fhir/Questionnaire", {"name": "audit\x1b"}), 400)
    _fhir_error(client.get("/fhir/Slot", {"service-type": "x" * 500}), 400)


def test_a_booking_form_with_control_characters_is_shown_again_with_the_error(client, demo):
    slot = _slot("perhekeskus-pika-aika")
    typed = {"name": "Sanna\x00", "phone": "040 765 4321", "email": "sanna@example.fi"}
    page = client.post(reverse("booking:confirm", args=[slot.pk]), typed)
    assert page.status_code == 400
    html = page.content.decode()
    assert 'value="040 765 4321"' in html and 'value="sanna@example.fi"' in html  # nothing typed is lost
    assert not Appointment.objects.exists()


def test_api_booking_refuses_oversize_nul_and_junk_with_translated_422(client, demo):
    slot = _slot("perhekeskus-pika-aika")
    good = {"slot": slot.pk, "name": "Sanna", "phone": "040 765 4321"}
    cases = {
        "name": {**good, "name": "x" * 151},
        "email": {**good, "email": "a" * 290 + "@example.fi"},
    }
    for field, body in cases.items():
        answer = client.post("/api/booking/appointments", body, content_type="application/json")
        assert answer.status_code == 422, (field, answer.content)
        assert answer.json()["detail"][0]["loc"] == ["body", "payload", field]
    for body in [
        {**good, "name": "Sanna\x00"},
        {**good, "email": "not-an-email"},
        {**good, "phone": "0401234567;DROP"},
        {**good, "slot": True},
        {**good, "slot": str(slot.pk)},
        {**good, "slot": 2**70},
        {**good, "slot": 1e400},
    ]:
        answer = client.post(
            "/api/booking/appointments", json.dumps(body, allow_nan=True), content_type="application/json"
        )
        assert answer.status_code == 422, (body, answer.content)
    finnish = client.post(
        "/api/booking/appointments", {**good, "email": "not-an-email"}, content_type="application/json"
    ).json()["detail"][0]["msg"]
    swedish = client.post(
        "/api/booking/appointments",
        {**good, "slot": "x"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="sv",
    ).json()["detail"][0]["msg"]
    english = client.post(
        "/api/booking/appointments",
        {**good, "slot": "x"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()["detail"][0]["msg"]
    assert "nimi@example.fi" in finnish and english == "Give a whole number." and swedish
    assert client.post("/api/booking/appointments", "{", content_type="application/json").status_code == 400
    assert not Appointment.objects.exists()
    booked = client.post("/api/booking/appointments", good, content_type="application/json")
    assert booked.status_code == 201
    assert Appointment.objects.get().contact_phone == "+358407654321"


def test_hetu_check_refuses_arabic_indic_digits(client):
    answer = client.post("/api/registry/hetu/check", {"hetu": "١٣١٠٥٢-308T"}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["valid"] is False
    nul = client.post(
        "/api/registry/hetu/check", {"hetu": "131052-308T\x00"}, content_type="application/json"
    )
    assert nul.status_code == 422


def test_questionnaire_answers_refuse_nul_nan_and_far_dates():
    resource = questionnaire(
        "test",
        1,
        ("t", "t", "t"),
        [
            item("n", "decimal", ("n", "n", "n")),
            item("i", "integer", ("i", "i", "i")),
            item("s", "string", ("s", "s", "s")),
            item("t", "text", ("t", "t", "t")),
            item("d", "date", ("d", "d", "d")),
        ],
    )
    bad = {"n": ["NaN"], "i": ["١٢"], "s": ["a\x00b"], "t": ["a\x00b"], "d": ["9999-12-31"]}
    _answers, errors = engine.clean(resource, bad)
    assert set(errors) == {"n", "i", "s", "t", "d"}
    for value in ["Infinity", "1e999999", "sNaN"]:
        assert "n" in engine.clean(resource, {"n": [value]})[1]
    answers, errors = engine.clean(
        resource, {"n": ["72,5"], "i": ["12"], "t": ["rivi\r\nrivi"], "d": ["2026-01-31"]}
    )
    assert errors == {} and answers["t"] == ["rivi\r\nrivi"]


def test_chat_start_with_nul_in_the_form_context_is_no_500(client, personas):
    seed_queues()
    ChatQueue.objects.update(hours=ALWAYS)
    sign_in_persona(client, "matti")
    answer = client.post(reverse("chat:start", args=["hoitaja"]), {"form": "x\x00", "step": "2"})
    assert answer.status_code == 302
    assert Conversation.objects.get().context == {"step": "2"}


def test_a_care_path_template_code_with_nul_is_a_form_error(client, personas):
    client.force_login(get_user_model().objects.get(username="hoitaja.hanna"))
    answer = client.post(reverse("carepaths:team"), {"template": "raskaus\x00", "hetu": BY_KEY["aino"].hetu})
    assert answer.status_code == 400 and "Valitse hoitopolku" in answer.content.decode()


# --- The chat socket ---------------------------------------------------------------------------------


@pytest.fixture
async def release_connections():
    yield
    await database_sync_to_async(connections.close_all)()


@pytest.fixture
def conversation(transactional_db, django_user_model):
    seed_organisation()
    seed_personas()
    seed_queues()
    ChatQueue.objects.update(hours=ALWAYS)
    from luukku.chat import services
    from luukku.identity.services import resident_from_register

    matti = resident_from_register(BY_KEY["matti"].hetu)
    matti.user = django_user_model.objects.create(username="matti")
    matti.save()
    return services.start(ChatQueue.objects.get(code="hoitaja"), matti, matti.user), matti.user


@pytest.mark.django_db(transaction=True)
async def test_bad_socket_frames_get_an_error_frame_and_the_socket_stays_open(
    conversation, release_connections
):
    from luukku.chat.consumers import MAX_FRAME, ConversationConsumer

    chat, user = conversation
    socket = WebsocketCommunicator(
        ConversationConsumer.as_asgi(), f"/ws/chat/{chat.public_id}/", headers=[(b"accept-language", b"en")]
    )
    socket.scope.update(user=user, session={}, url_route={"kwargs": {"public_id": chat.public_id}})
    assert (await socket.connect())[0]
    before = await database_sync_to_async(chat.messages.count)()
    frames = [
        "not json",
        "[1, 2]",
        json.dumps({"body": ["a list"]}),
        json.dumps({"body": "Hei\u0000"}),
        json.dumps({"body": "\ud800"}),
        json.dumps({"body": "x" * 5000}),
        "x" * (MAX_FRAME + 1),
        "[" * 5000,
    ]
    for frame in frames:
        await socket.send_to(text_data=frame)
        answer = await socket.receive_json_from(timeout=5)
        assert answer["type"] == "error" and answer["message"], frame[:40]
    await socket.send_to(bytes_data=b"\x00\x01")
    assert (await socket.receive_json_from(timeout=5))["message"] == "Send messages as JSON text."
    await socket.send_json_to({"body": "Hei vaan"})
    assert (await socket.receive_json_from(timeout=5))["body"] == "Hei vaan"
    await socket.disconnect()
    assert await database_sync_to_async(chat.messages.count)() == before + 1


def test_today_is_within_the_date_range():
    from luukku.web.validation import EARLIEST, LATEST

    assert EARLIEST < timezone.localdate() < LATEST - dt.timedelta(days=365 * 50)
