import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from luukku.access.services import read_basic_data
from luukku.audit.models import AccessLogEntry, Event
from luukku.identity.models import LocalMandate, Resident, Role
from luukku.identity.personas import BY_KEY
from luukku.identity.services import ACTING_FOR_SESSION_KEY
from luukku.registry.hetu import build
from luukku.testing import OrgUnitFactory, child_of, professional, resident
from luukku.testing import sign_in_persona as sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(personas):
    """The demo organisation and the test personas."""


def test_persona_page_is_clearly_marked_as_test(client, demo):
    page = client.get(reverse("identity:login")).content.decode()
    assert "Testitunnistautuminen" in page
    assert "Aino Maria Testinen" in page
    assert "Eetu Olavi" not in page  # young children are not personas: their guardians act for them


def test_persona_signs_in_and_sees_own_page(client, demo):
    aino = sign_in(client, "aino")
    page = client.get(reverse("identity:home")).content.decode()
    assert "Aino Maria Testinen" in page
    assert "Oma sivu" in page
    assert Event.objects.filter(kind="identity.signed_in", subject=aino).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"persona": "nobody"}, "Tällaista testihenkilöä ei ole."),
        ({"hetu": "131052-308X"}, "tarkistusmerkki"),
        ({"hetu": "31025"}, "muotoa"),
        ({"hetu": build(dt.date(2001, 1, 1), 998)}, "Väestötietojärjestelmässä ei ole henkilöä"),
        ({}, "Valitse testihenkilö"),
    ],
)
def test_bad_sign_in_input_gets_a_clear_finnish_error(client, demo, data, message):
    response = client.post(reverse("identity:login"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_swedish_error_for_swedish_user(client, demo):
    client.cookies["django_language"] = "sv"
    response = client.post(reverse("identity:login"), {"hetu": "131052-308X"})
    assert "Kontrolltecknet" in response.content.decode()


def test_deceased_person_cannot_sign_in(client, demo):
    response = client.post(reverse("identity:login"), {"hetu": BY_KEY["veikko"].hetu})
    assert response.status_code == 400
    assert "kuollut" in response.content.decode()


def test_guardian_switches_to_child_and_sees_childs_page(client, demo):
    sign_in(client, "aino")
    page = client.get(reverse("identity:acting_for")).content.decode()
    eetu = Resident.objects.get(hetu=BY_KEY["eetu"].hetu)
    ella = Resident.objects.get(hetu=BY_KEY["ella"].hetu)
    assert "Eetu Olavi Testinen" in page and "Ella Sofia Testinen" in page
    response = client.post(reverse("identity:acting_for"), {"person": str(eetu.public_id)}, follow=True)
    page = response.content.decode()
    assert "Hoidat henkilön Eetu Olavi Testinen asioita." in page
    client.post(reverse("identity:acting_for"), {"person": str(ella.public_id)})
    page = client.get(reverse("identity:home")).content.decode()
    assert "Ella Sofia Testinen" in page
    # Her contraception counselling is hers alone: the page says such events may exist, never whether
    # they do (the same words stand on 13-year-old's page with no assessment at all).
    assert "voi päättää itse" in page and "ehkäisy" not in page.lower()


@pytest.mark.parametrize("forged", ["other_family", "random_uuid", "not_a_uuid", "tampered_uuid"])
def test_forged_proxy_is_refused_with_a_clear_message(client, demo, forged):
    sign_in(client, "aino")
    other = child_of(resident(age=35), age=6)
    target = {
        "other_family": str(other.public_id),
        "random_uuid": str(uuid.uuid4()),
        "not_a_uuid": "x' or 1=1",
        "tampered_uuid": str(other.public_id)[:-1] + ("0" if str(other.public_id)[-1] != "0" else "1"),
    }
    response = client.post(reverse("identity:acting_for"), {"person": target[forged]})
    assert response.status_code == 403
    assert "Sinulla ei ole oikeutta hoitaa tämän henkilön asioita." in response.content.decode()
    aino = Resident.objects.get(hetu=BY_KEY["aino"].hetu)
    assert client.session[ACTING_FOR_SESSION_KEY] == str(aino.public_id)
    assert Event.objects.filter(kind="identity.proxy_refused").exists()


def test_forged_session_value_falls_back_to_self(client, demo):
    sign_in(client, "aino")
    other = child_of(resident(age=35), age=6)
    session = client.session
    session[ACTING_FOR_SESSION_KEY] = str(other.public_id)
    session.save()
    page = client.get(reverse("identity:home")).content.decode()
    assert other.full_name not in page
    assert "Aino Maria Testinen" in page


def test_mandates_are_fetched_and_only_valid_ones_kept(client, demo):
    matti = sign_in(client, "matti")
    client.get(reverse("identity:mandates_begin"), follow=True)
    page = client.get(reverse("identity:acting_for")).content.decode()
    assert "Lempi Kerttu Esimerkki" in page
    assert "Toivo" not in page  # expired 2025-12-31
    assert "Veikko" not in page  # principal has died
    lempi = Resident.objects.get(hetu=BY_KEY["lempi"].hetu)
    response = client.post(reverse("identity:acting_for"), {"person": str(lempi.public_id)}, follow=True)
    assert "Hoidat henkilön Lempi Kerttu Esimerkki asioita." in response.content.decode()
    LocalMandate.objects.filter(principal_hetu=lempi.hetu).update(revoked_at=timezone.now())
    client.get(reverse("identity:mandates_begin"), follow=True)
    assert client.get(reverse("identity:home")).context["person"] == matti


def test_mandate_expiry_takes_effect_immediately(client, demo):
    sign_in(client, "matti")
    client.get(reverse("identity:mandates_begin"), follow=True)
    lempi = Resident.objects.get(hetu=BY_KEY["lempi"].hetu)
    client.post(reverse("identity:acting_for"), {"person": str(lempi.public_id)})
    lempi.mandates_given.update(valid_until=timezone.localdate() - dt.timedelta(days=1))
    assert client.get(reverse("identity:home")).context["person"].hetu == BY_KEY["matti"].hetu


def test_residents_pages_need_sign_in(client):
    for name in ("identity:home", "identity:acting_for", "access:access_log"):
        assert client.get(reverse(name)).status_code == 302


def test_professional_read_is_logged_and_shown_to_resident(client, demo):
    aino = sign_in(client, "aino")
    client.post(reverse("identity:logout"))
    client.login(username="hoitaja.hanna", password="demo-salasana-2026")
    response = client.post(reverse("access:professional_home"), {"hetu": aino.hetu, "purpose": "care"})
    assert response.status_code == 302
    assert aino.hetu not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Linnankatu 12 B 5" in page
    search, entry = AccessLogEntry.objects.filter(subject=aino).order_by("at")
    assert (search.what, search.basis, search.allowed) == ("client_search", "serving_role", True)
    assert (entry.what, entry.actor_name, entry.actor_role, entry.actor_unit, entry.purpose) == (
        "basic_data",
        "Hanna Hoitaja",
        "nurse",
        "Hämeenlinnan terveysasema",
        "care",
    )
    client.logout()
    sign_in(client, "aino")
    page = client.get(reverse("access:access_log")).content.decode()
    assert "Hanna Hoitaja" in page and "sairaanhoitaja, Hämeenlinnan terveysasema" in page
    assert "hoito tai palvelu" in page
    assert "työskentelee asiakasta palvelevassa yksikössä" in page  # the basis of the read


def test_guardian_sees_who_looked_at_childs_data(client, demo):
    pro = professional(role=Role.NURSE, unit=OrgUnitFactory(municipality_codes=["109"]))
    sign_in(client, "aino")
    client.get(reverse("identity:acting_for"))  # mirrors the children from the register
    child = Resident.objects.get(hetu=BY_KEY["eetu"].hetu)
    read_basic_data(pro.user, child, "care")
    client.post(reverse("identity:acting_for"), {"person": str(child.public_id)})
    page = client.get(reverse("access:access_log")).content.decode()
    assert pro.user.get_full_name() in page


def test_professional_outside_serving_unit_is_refused(client, demo):
    lempi_hetu = BY_KEY["lempi"].hetu  # lives in Riihimäki, Hanna works in Hämeenlinna
    client.login(username="hoitaja.hanna", password="demo-salasana-2026")
    response = client.post(reverse("access:professional_home"), {"hetu": lempi_hetu, "purpose": "care"})
    assert response.status_code == 400
    assert "Mikään rooleistasi ei ole yksikössä, joka palvelee tätä asiakasta" in response.content.decode()
    refused = AccessLogEntry.objects.get()  # the refused look-up is for the auditor, not the resident
    assert (refused.what, refused.allowed, refused.basis) == ("client_search", False, "no_basis")
    lempi = Resident.objects.get(hetu=lempi_hetu)
    assert client.get(reverse("access:client", args=[lempi.public_id]) + "?purpose=care").status_code == 403
    assert AccessLogEntry.objects.filter(allowed=False).count() == 2


def test_client_page_requires_a_purpose(client, demo):
    client.login(username="hoitaja.hanna", password="demo-salasana-2026")
    aino = resident(age=30)
    response = client.get(reverse("access:client", args=[aino.public_id]))
    assert response.status_code == 400
    assert not AccessLogEntry.objects.exists()


def test_address_protection_hides_address(client, demo):
    protected = resident(age=30, address_protected=True, street_address="Salainen tie 1")
    client.login(username="hoitaja.hanna", password="demo-salasana-2026")
    page = client.get(reverse("access:client", args=[protected.public_id]) + "?purpose=care").content.decode()
    assert "Salainen tie" not in page
    assert "Turvakielto" in page


def test_auditor_searches_access_log_and_the_search_is_logged(client, demo):
    aino = resident(age=30)
    client.login(username="hoitaja.hanna", password="demo-salasana-2026")
    client.get(reverse("access:client", args=[aino.public_id]) + "?purpose=care")
    client.logout()
    client.login(username="tietosuoja.tiina", password="demo-salasana-2026")
    response = client.post(reverse("access:audit_log"), {"hetu": aino.hetu, "actor": ""})
    assert "Hanna Hoitaja" in response.content.decode()
    assert AccessLogEntry.objects.filter(subject=aino, purpose="audit").count() == 1
    bad = client.post(reverse("access:audit_log"), {"hetu": "123", "actor": ""})
    assert bad.status_code == 400


def test_only_auditors_search_the_log(client, demo):
    client.login(username="hoitaja.hanna", password="demo-salasana-2026")
    assert client.get(reverse("access:audit_log")).status_code == 403


def test_professional_without_roles_is_refused(client, demo):
    from luukku.testing import UserFactory

    UserFactory(username="entinen")
    client.login(username="entinen", password="oikein-hyva-salasana")
    response = client.get(reverse("access:professional_home"))
    assert response.status_code == 403
    assert "Sinulla ei ole voimassa olevaa roolia" in response.content.decode()


def test_languages(client, demo):
    for code, words in (
        ("sv", "Social- och hälsovårdstjänster"),
        ("en", "Social and health services"),
        ("fi", "Sosiaali- ja terveyspalvelut"),
    ):
        client.post(reverse("set_language"), {"language": code, "next": "/"})
        assert words in client.get("/").content.decode()


def test_json_api_me_switch_and_access_log(client, demo):
    sign_in(client, "aino")
    me = client.get("/api/identity/me").json()
    assert me["me"]["name"] == "Aino Maria Testinen"
    names = {p["name"]: p for p in me["may_act_for"]}
    assert names["Eetu Olavi Testinen"]["basis"] == "guardian"
    eetu_id = names["Eetu Olavi Testinen"]["id"]
    assert (
        client.post(
            "/api/identity/acting-for", {"person": eetu_id}, content_type="application/json"
        ).status_code
        == 200
    )
    assert client.get("/api/identity/me").json()["acting_for"]["name"] == "Eetu Olavi Testinen"
    refused = client.post(
        "/api/identity/acting-for", {"person": str(uuid.uuid4())}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert client.get("/api/identity/access-log").json() == []
    assert client.get("/api/docs").status_code == 200


def test_api_refuses_anonymous_and_hetu_check_needs_no_sign_in(client):
    assert client.get("/api/identity/me").status_code == 401
    check = client.post("/api/registry/hetu/check", {"hetu": "131052-308T"}, content_type="application/json")
    assert check.json() == {"valid": True, "birth_date": "1952-10-13", "error": None}
    bad = client.post(
        "/api/registry/hetu/check", {"hetu": "131052-308A"}, content_type="application/json"
    ).json()
    assert bad["valid"] is False and "tarkistusmerkki" in bad["error"]


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/ei-ole/")
    assert response.status_code == 404
    assert "Sivua ei löytynyt" in response.content.decode()


@pytest.mark.parametrize("url_name", ["identity:login", "access:professional_home", "access:audit_log"])
def test_hetu_is_masked_in_error_reports(client, demo, url_name):
    from django.views.debug import SafeExceptionReporterFilter

    client.login(username="tietosuoja.tiina", password="demo-salasana-2026")
    response = client.post(reverse(url_name), {"hetu": "131052-308T", "purpose": "care"})
    cleansed = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert cleansed["hetu"] != "131052-308T"


def test_a_residents_account_never_signs_in_with_a_password(client, demo):
    """Even if an administrator set a password on it, a resident is reached by strong identification."""
    aino = sign_in(client, "aino")
    client.post(reverse("identity:logout"))
    aino.user.set_password("asetettu-salasana-2026")
    aino.user.save()
    response = client.post(
        reverse("identity:professional_login"),
        {"username": aino.user.username, "password": "asetettu-salasana-2026"},
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_the_admin_neither_lists_residents_nor_changes_its_own_roles(client, demo):
    from django.contrib.auth import get_user_model

    from luukku.identity.models import Professional

    sign_in(client, "aino")
    client.post(reverse("identity:logout"))
    client.login(username="paakayttaja.pekka", password="demo-salasana-2026")
    users = client.get("/yllapito/auth/user/").content.decode()
    assert "hoitaja.hanna" in users and "resident-" not in users
    aino_user = get_user_model().objects.get(resident__isnull=False)
    assert client.get(f"/yllapito/auth/user/{aino_user.pk}/password/").status_code in (302, 404)
    own = Professional.objects.get(user__username="paakayttaja.pekka")
    other = Professional.objects.get(user__username="hoitaja.hanna")
    page = client.get(f"/yllapito/identity/professional/{own.pk}/change/").content.decode()
    assert 'name="_save"' not in page  # shown read-only
    assert (
        'name="_save"' in client.get(f"/yllapito/identity/professional/{other.pk}/change/").content.decode()
    )
