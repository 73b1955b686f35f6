"""Password sign-in lockouts: five wrong passwords for one username from one address block that
username there for the cool-off time, told in the user's language with the minutes to wait; the right
password does not get through meanwhile; afterwards it does. Time is moved by ageing the recorded
attempts, never by sleeping."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db.models import F
from django.urls import reverse

from luukku.audit.tests.capture import security_events
from luukku.testing import professional

pytestmark = pytest.mark.django_db

PASSWORD = "oikea-salasana-2026"
LOGIN = "identity:professional_login"


@pytest.fixture
def nurse():
    user = professional().user
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"


def sign_in(client, username: str, password: str, address: str = "127.0.0.1", url: str = ""):
    return client.post(
        url or reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def pass_time(minutes: int) -> None:
    """Move the clock forward for the lockouts: the recorded attempts become that much older."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=minutes))


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_failures_lock_the_username_here_until_the_cool_off_has_passed(client, nurse, english):
    for attempt in range(1, 5):
        response = sign_in(client, nurse.username, f"väärin-{attempt}")
        assert response.status_code == 200
        assert "Too many failed sign-in attempts" not in response.content.decode()
    fifth = sign_in(client, nurse.username, "väärin-5")
    assert fifth.status_code == 429
    assert "blocked here for 15 minutes" in fifth.content.decode()
    assert 14 * 60 < int(fifth["Retry-After"]) <= 15 * 60

    right = sign_in(client, nurse.username, PASSWORD)
    assert right.status_code == 429 and not signed_in(client)
    assert "Too many failed sign-in attempts" in right.content.decode()
    assert '<form method="post"' in right.content.decode()  # the sign-in page, not a blank 403

    pass_time(10)
    still = sign_in(client, nurse.username, PASSWORD)
    assert still.status_code == 429 and "for 5 minutes" in still.content.decode()
    assert not signed_in(client)

    pass_time(6)
    assert sign_in(client, nurse.username, PASSWORD).status_code == 302
    assert signed_in(client)


def test_attempts_during_the_lockout_do_not_prolong_it(client, nurse, english):
    for attempt in range(5):
        sign_in(client, nurse.username, f"väärin-{attempt}")
    pass_time(14)
    assert sign_in(client, nurse.username, "väärin-6").status_code == 429
    pass_time(2)
    assert sign_in(client, nurse.username, PASSWORD).status_code == 302


def test_the_lockout_is_for_the_username_and_address_together(client, nurse, english):
    for attempt in range(5):
        sign_in(client, nurse.username, f"väärin-{attempt}", address="203.0.113.66")
    assert sign_in(client, nurse.username, PASSWORD, address="203.0.113.66").status_code == 429
    # The nurse at her own workstation is not locked out by someone elsewhere...
    assert sign_in(client, nurse.username, PASSWORD, address="192.0.2.10").status_code == 302
    client.logout()
    # ...nor is a colleague at the attacker's address.
    colleague = professional().user
    colleague.set_password(PASSWORD)
    colleague.save()
    assert sign_in(client, colleague.username, PASSWORD, address="203.0.113.66").status_code == 302


def test_a_successful_sign_in_clears_the_count(client, nurse):
    for attempt in range(4):
        sign_in(client, nurse.username, f"väärin-{attempt}")
    assert sign_in(client, nurse.username, PASSWORD).status_code == 302
    client.logout()
    for attempt in range(4):
        sign_in(client, nurse.username, f"taas-väärin-{attempt}")
    assert sign_in(client, nurse.username, PASSWORD).status_code == 302


def test_the_limit_and_cool_off_come_from_settings(client, nurse, settings, english):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=3)
    sign_in(client, nurse.username, "väärin-1")
    response = sign_in(client, nurse.username, "väärin-2")
    assert response.status_code == 429 and "for 3 minutes" in response.content.decode()


def test_the_admin_sign_in_is_locked_out_the_same_way(client, english):
    admin = get_user_model().objects.create_user("yllapitaja.ylva", password=PASSWORD, is_staff=True)
    url = reverse("admin:login")
    for attempt in range(5):
        sign_in(client, admin.username, f"väärin-{attempt}", url=url)
    response = sign_in(client, admin.username, PASSWORD, url=url)
    assert response.status_code == 429 and response["Retry-After"]
    assert "Signing in with this username is blocked here for 15 minutes" in response.content.decode()
    assert not signed_in(client)
    pass_time(16)
    assert sign_in(client, admin.username, PASSWORD, url=url).status_code == 302


def test_the_security_log_tells_failures_the_lockout_and_the_sign_in(client, nurse):
    with security_events() as log:
        for attempt in range(5):
            sign_in(client, nurse.username, f"väärin-{attempt}")
        sign_in(client, nurse.username, PASSWORD)
        pass_time(16)
        sign_in(client, nurse.username, PASSWORD)
    failures = log.of("sign-in", "failure")
    assert [f["event"]["reason"] for f in failures] == ["invalid_credentials"] * 5 + ["locked_out"]
    assert {f["user"]["name"] for f in failures} == {nurse.username}
    assert {f["source"]["ip"] for f in failures} == {"127.0.0.1"}
    lockout = log.one("sign-in-lockout")
    assert lockout["user"] == {"id": str(nurse.pk), "name": nurse.username}
    assert lockout["luukku"]["failures"] == 5 and 14 * 60 < lockout["luukku"]["locked_seconds"] <= 15 * 60
    success = log.one("sign-in", "success")
    assert success["luukku"]["method"] == "password" and success["luukku"]["user_kind"] == "professional"
    assert success["luukku"]["route"] == "identity:professional_login"
    assert not [line for line in log.lines if "väärin" in line or PASSWORD in line]


def test_an_unknown_username_is_logged_by_a_keyed_hash_only(client):
    typed = "Salasana123!"  # a password typed into the username field
    with security_events() as log:
        sign_in(client, typed, "whatever")
    (failure,) = log.of("sign-in", "failure")
    assert "user" not in failure
    assert len(failure["luukku"]["unknown_username"]) == 16
    assert typed not in log.lines[0]


@pytest.mark.django_db(transaction=True)
async def test_the_lockout_page_under_asgi(async_client):
    """The demo and production serve ASGI, where axes 8.3.1's own middleware would lose the page."""
    from asgiref.sync import sync_to_async
    from django.db import connections

    nurse = await sync_to_async(professional)()
    await sync_to_async(nurse.user.set_password)(PASSWORD)
    await nurse.user.asave()
    url = reverse(LOGIN)
    for attempt in range(5):
        await async_client.post(url, {"username": nurse.user.username, "password": f"väärin-{attempt}"})
    response = await async_client.post(
        url, {"username": nurse.user.username, "password": PASSWORD}, headers={"accept-language": "en"}
    )
    assert response.status_code == 429 and response["Retry-After"]
    assert "Signing in with this username is blocked here for 15 minutes" in response.content.decode()
    assert '<form method="post"' in response.content.decode()  # the sign-in page itself
    await sync_to_async(connections.close_all)()  # the worker thread's, so the test database can go
