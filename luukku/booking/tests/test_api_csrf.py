"""The JSON API's state-changing calls made with the session cookie need the CSRF token: a sibling
site's cross-site `text/plain` POST, which a browser sends without a preflight and with the SameSite=Lax
session cookie, books nothing. A client without the session cookie is not affected."""

import json

import pytest
from django.test import Client

from luukku.booking.demo import seed_booking
from luukku.booking.models import Appointment

pytestmark = pytest.mark.django_db
SIBLING = "https://blogi.omahame.example"


@pytest.fixture
def lempi_in_a_browser(personas):
    seed_booking(weeks=2)
    browser = Client(enforce_csrf_checks=True)
    browser.get("/tunnistautuminen/")  # the sign-in page sets the CSRF cookie, as in a browser
    token = browser.cookies["csrftoken"].value
    response = browser.post("/tunnistautuminen/", {"persona": "lempi", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    return browser


def _slot(browser: Client) -> int:
    slots = browser.get("/api/booking/services/influenssarokotus-65/slots").json()
    assert slots
    return slots[-1]["id"]


def test_cross_site_text_plain_post_with_the_session_cookie_is_refused(lempi_in_a_browser):
    browser = lempi_in_a_browser
    body = json.dumps({"slot": _slot(browser), "phone": "0401234567"})

    forged = browser.post("/api/booking/appointments", body, content_type="text/plain", HTTP_ORIGIN=SIBLING)

    assert forged.status_code == 403
    assert forged["Content-Type"].startswith("application/json") and forged.json()["detail"]
    assert not Appointment.objects.exists()


def test_session_post_without_the_token_is_refused_even_from_the_same_site(lempi_in_a_browser):
    browser = lempi_in_a_browser
    body = {"slot": _slot(browser), "phone": "0401234567"}
    refused = browser.post("/api/booking/appointments", body, content_type="application/json")
    assert refused.status_code == 403 and not Appointment.objects.exists()
    cancel = browser.post(f"/api/booking/appointments/{Appointment().public_id}/cancel")
    assert cancel.status_code == 403  # refused before the operation looks anything up


def test_session_post_with_the_token_books(lempi_in_a_browser):
    browser = lempi_in_a_browser
    made = browser.post(
        "/api/booking/appointments",
        {"slot": _slot(browser), "phone": "0401234567"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    )
    assert made.status_code == 201
    assert Appointment.objects.get().person.first_names == "Lempi Kerttu"


def test_a_client_without_the_session_cookie_needs_no_token(personas):
    seed_booking(weeks=2)
    machine = Client(enforce_csrf_checks=True)
    slots = machine.get("/api/booking/services/perhekeskus-pika-aika/slots").json()
    made = machine.post(
        "/api/booking/appointments",
        {"slot": slots[-1]["id"], "name": "Sanna", "phone": "0407654321"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["manage_token"]
    assert (
        machine.post(
            "/api/registry/hetu/check", {"hetu": "010101-0101"}, content_type="application/json"
        ).status_code
        == 200
    )
