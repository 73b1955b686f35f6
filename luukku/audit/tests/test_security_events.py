"""Each kind of security event reaches the SIEM's log as a JSON line with ECS fields, and nothing
sensitive goes with it: no henkilötunnus, password, resident's name, phone number or service event."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from luukku.access.categories import Category
from luukku.access.policy import decide
from luukku.audit.tests.capture import security_events
from luukku.identity.adapters import IdentificationFailed
from luukku.identity.models import OrgUnit, Resident, Role, RoleAssignment
from luukku.identity.personas import BY_KEY
from luukku.testing import OrgUnitFactory, professional, resident_user
from luukku.testing import sign_in_persona as sign_in
from luukku.web import throttle

pytestmark = pytest.mark.django_db

PASSWORD = "oikea-salasana-2026"


def no_secrets(lines: list[str], *secrets: str) -> None:
    for secret in secrets:
        assert secret, "an empty secret would match everything"
        leaked = [line for line in lines if secret.lower() in line.lower()]
        assert not leaked, f"{secret!r} in the security log: {leaked[0]}"


def test_resident_sign_in_and_sign_out(client, personas):
    with security_events() as log:
        aino = sign_in(client, "aino")
        client.post(reverse("identity:logout"))
    signed_in = log.one("sign-in", "success")
    assert signed_in["event"]["category"] == ["authentication", "session"]
    assert signed_in["event"]["type"] == ["start"]
    assert signed_in["user"] == {"id": str(aino.user.pk), "name": f"resident-{aino.public_id}"}
    assert signed_in["luukku"] == {
        "method": "test_persona",
        "user_kind": "resident",
        "route": "identity:login",
    }
    signed_out = log.one("sign-out")
    assert signed_out["event"]["type"] == ["end"] and signed_out["user"]["id"] == str(aino.user.pk)
    no_secrets(log.lines, aino.hetu, "Aino", "Testinen")


def test_refused_resident_sign_ins(client, personas, settings, monkeypatch):
    with security_events() as log:
        client.post(reverse("identity:login"), {"hetu": BY_KEY["veikko"].hetu})  # died: refused

        class Broker:
            def complete(self, request):
                raise IdentificationFailed("cancelled")

        settings.LUUKKU_IDENTIFICATION = "oidc"
        monkeypatch.setattr("luukku.identity.views.oidc_identification", lambda: Broker())
        assert client.get(reverse("identity:oidc_callback")).status_code == 400
    persona, oidc = log.of("sign-in", "failure")
    assert (persona["luukku"]["method"], persona["event"]["reason"]) == ("test_persona", "refused")
    assert (oidc["luukku"]["method"], oidc["event"]["reason"]) == ("oidc", "cancelled")
    assert "user" not in persona and "user" not in oidc
    no_secrets(log.lines, BY_KEY["veikko"].hetu)


def test_professional_password_failure_lockout_and_sign_in(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    nurse = professional().user
    nurse.set_password(PASSWORD)
    nurse.save()
    url = reverse("identity:professional_login")
    with security_events() as log:
        client.post(url, {"username": nurse.username, "password": "väärin"})
        client.post(url, {"username": nurse.username, "password": "väärin"})
        client.post(url, {"username": nurse.username, "password": PASSWORD})
    assert [e["event"]["reason"] for e in log.of("sign-in", "failure")] == [
        "invalid_credentials",
        "invalid_credentials",
        "locked_out",
    ]
    lockout = log.one("sign-in-lockout")
    assert lockout["user"]["name"] == nurse.username and lockout["event"]["outcome"] == "failure"
    no_secrets(log.lines, PASSWORD, "väärin")


def test_refused_access_decisions(personas):
    client = resident_user(age=50)
    auditor = professional(role=Role.AUDITOR)
    stranger = resident_user(age=40)
    with security_events() as log:
        assert not decide(auditor.user, client, Category.HEALTH, what="client_360", service_event="ehkaisy")
        assert not decide(stranger.user, client, Category.BASIC, what="basic_data")
    professional_refusal, resident_refusal = log.of("access-refused")
    assert professional_refusal["user"]["name"] == auditor.user.username
    assert professional_refusal["event"]["category"] == ["database"]
    assert professional_refusal["event"]["type"] == ["access", "denied"]
    assert professional_refusal["luukku"]["client"] == {"id": str(client.public_id)}
    assert professional_refusal["luukku"]["access"] == {
        "what": "client_360",
        "category": "health",
        "action": "read",
        "purpose": "care",
        "basis": "no_client_work_role",
        "role": "auditor",
    }
    assert resident_refusal["luukku"]["access"]["basis"] == "no_proxy_right"
    assert resident_refusal["luukku"]["user_kind"] == "resident"
    no_secrets(log.lines, client.hetu, client.last_name, "ehkaisy")


def test_privilege_changes(django_capture_on_commit_callbacks):
    nurse = professional()
    unit = OrgUnitFactory(code="hml-vastaanotto")
    with security_events() as log, django_capture_on_commit_callbacks(execute=True):
        role = RoleAssignment.objects.create(
            professional=nurse, role=Role.DOCTOR, unit=unit, valid_from=dt.date(2026, 1, 1)
        )
        role.valid_until = dt.date(2026, 12, 31)
        role.save()
        role.delete()
        nurse.user.is_staff = True
        nurse.user.save()
        nurse.user.groups.add(Group.objects.create(name="paakayttajat"))
        nurse.user.last_login = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        nurse.user.save(update_fields=["last_login"])  # not a privilege
        get_user_model().objects.create_superuser("uusi.admin", password=PASSWORD)
    assert log.actions() == [
        "role-assigned",
        "role-changed",
        "role-removed",
        "user-privileges-changed",
        "user-privileges-changed",
        "user-created",
    ]
    assigned, changed, removed, staff, groups, created = log.events
    target = {"id": str(nurse.user.pk), "name": nurse.user.username}
    assert assigned["user"]["target"] == target and assigned["event"]["category"] == ["iam"]
    assert assigned["luukku"]["changes"] == {
        "role": "doctor",
        "unit": "hml-vastaanotto",
        "valid_from": "2026-01-01",
        "valid_until": None,
    }
    assert changed["luukku"]["changes"]["valid_until"] == "2026-12-31"
    assert removed["event"]["type"] == ["group", "deletion"]
    assert staff["luukku"]["changes"] == {"is_staff": [False, True]}
    assert groups["luukku"]["changes"] == {"groups": {"add": ["paakayttajat"]}}
    assert created["luukku"]["changes"] == {"is_staff": [None, True], "is_superuser": [None, True]}


def test_admin_actions(client, django_capture_on_commit_callbacks):
    admin = get_user_model().objects.create_superuser("paakayttaja.petra", password=PASSWORD)
    client.force_login(admin)
    data = {"code": "uusi-yksikko", "name": "Uusi yksikkö", "level": "unit", "municipality_codes": "[]"}
    with security_events() as log, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:identity_orgunit_add"), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    created = log.one("admin-addition")
    unit = OrgUnit.objects.get(code="uusi-yksikko")
    assert created["user"]["name"] == "paakayttaja.petra"
    assert created["event"]["category"] == ["configuration"] and created["event"]["type"] == ["creation"]
    assert created["luukku"]["admin"] == {"content_type": "identity.orgunit", "object_id": str(unit.pk)}


def test_admin_deleting_several_at_once(client, django_capture_on_commit_callbacks):
    """Django writes the LogEntry rows of a bulk deletion without signals; each deletion is logged."""
    client.force_login(get_user_model().objects.create_superuser("paakayttaja.petra", password=PASSWORD))
    units = [OrgUnitFactory(), OrgUnitFactory()]
    selected = {"action": "delete_selected", "post": "yes", "_selected_action": [u.pk for u in units]}
    with security_events() as log, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:identity_orgunit_changelist"), selected)
        assert response.status_code == 302
    assert not OrgUnit.objects.filter(pk__in=[u.pk for u in units]).exists()
    deleted = log.of("admin-deletion")
    assert sorted(e["luukku"]["admin"]["object_id"] for e in deleted) == sorted(str(u.pk) for u in units)
    assert {e["user"]["name"] for e in deleted} == {"paakayttaja.petra"}


def test_own_data_export(client, personas):
    matti = sign_in(client, "matti")
    with security_events() as log:
        response = client.get(reverse("consent:my_data"), {"muoto": "json"})
        assert response.status_code == 200
    export = log.one("data-export")
    assert export["user"]["id"] == str(matti.user.pk)
    assert export["luukku"]["client"] == {"id": str(matti.public_id)}
    assert export["luukku"]["export"] == {"kind": "own_data", "format": "json"}
    matti = Resident.objects.get(pk=matti.pk)
    no_secrets(log.lines, matti.hetu, matti.last_name)


def test_throttled_requests():
    limit = throttle.Limit("test.security", 1, dt.timedelta(minutes=1))
    with security_events() as log:
        throttle.hit(limit, "+358401112222")
        with pytest.raises(throttle.Throttled):
            throttle.hit(limit, "+358401112222")
    event = log.one("rate-limited")
    assert event["luukku"]["throttle"]["scope"] == "test.security"
    no_secrets(log.lines, "1112222")
