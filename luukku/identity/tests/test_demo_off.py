"""With LUUKKU_DEMO off, demo accounts and test personas are refused outright, whatever the database
holds: a database seeded for the demo keeps its demo professionals, their published password and the
residents signed in through the test-persona page."""

import importlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpResponseRedirect
from django.test import RequestFactory
from django.urls import NoReverseMatch, clear_url_caches, reverse

from luukku.identity import demo_accounts, services
from luukku.identity.models import OrgUnit, Professional, Resident, Role, RoleAssignment
from luukku.identity.personas import BY_KEY, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(personas, settings):
    """A database seeded while the demo was on; the tests then turn the demo off."""
    settings.DEMO = True
    hanna = get_user_model().objects.get(username="hoitaja.hanna")
    hanna.set_password(DEMO_PASSWORD)  # as the seeder did, with the test run's password hasher
    hanna.save()
    return hanna


def _real_professional(password: str = "oikea-salasana-2026") -> get_user_model():  # noqa: S107
    user = get_user_model().objects.create_user("oikea.olli", password=password)
    professional = Professional.objects.create(user=user, title="sairaanhoitaja")
    RoleAssignment.objects.create(
        professional=professional, role=Role.NURSE, unit=OrgUnit.objects.get(code="hml-terveysasema")
    )
    return user


def _signs_in(client, username: str, password: str) -> bool:
    client.post(reverse("identity:professional_login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_demo_professionals_are_marked_by_the_seeder(seeded):
    assert demo_accounts.is_demo_account(seeded)
    assert not demo_accounts.is_demo_account(_real_professional())


def test_demo_password_signs_in_only_while_the_demo_is_on(client, seeded, settings):
    assert _signs_in(client, "hoitaja.hanna", DEMO_PASSWORD)
    client.logout()
    settings.DEMO = False
    assert not _signs_in(client, "hoitaja.hanna", DEMO_PASSWORD)


def test_outside_the_demo_a_demo_account_is_refused_whatever_its_password(client, seeded, settings):
    seeded.set_password("vaihdettu-salasana-2026")
    seeded.save()
    settings.DEMO = False
    assert not _signs_in(client, "hoitaja.hanna", "vaihdettu-salasana-2026")


def test_outside_the_demo_the_published_password_is_refused_on_any_account(client, seeded, settings):
    _real_professional(password=DEMO_PASSWORD)
    settings.DEMO = False
    assert not _signs_in(client, "oikea.olli", DEMO_PASSWORD)


def test_a_real_professional_still_signs_in_outside_the_demo(client, seeded, settings):
    _real_professional()
    settings.DEMO = False
    assert _signs_in(client, "oikea.olli", "oikea-salasana-2026")


def test_a_demo_session_stops_working_when_the_demo_is_off(client, seeded, settings):
    assert _signs_in(client, "hoitaja.hanna", DEMO_PASSWORD)
    assert client.get(reverse("access:professional_home")).status_code == 200
    settings.DEMO = False
    response = client.get(reverse("access:professional_home"))
    assert response.status_code == 302 and reverse("identity:professional_login") in response["Location"]


def test_persona_sign_in_is_refused_outside_the_demo(client, personas, settings, monkeypatch):
    settings.DEMO = False
    settings.LUUKKU_IDENTIFICATION = "personas"  # even if misconfigured to ask for personas

    class Broker:
        def begin(self, request, callback):
            return HttpResponseRedirect("https://tunnistus.example/authorize")

    monkeypatch.setattr("luukku.identity.views.oidc_identification", lambda: Broker())
    response = client.post(reverse("identity:login"), {"persona": "matti"})
    assert response.status_code == 302 and response["Location"].startswith("https://tunnistus.example/")
    assert "_auth_user_id" not in client.session
    request = RequestFactory().post("/")
    request.session = client.session
    with pytest.raises(services.SignInRefused):
        services.sign_in_resident(request, BY_KEY["matti"].hetu, method="test_persona")


def test_a_persona_signed_in_during_the_demo_is_refused_afterwards(client, personas, settings):
    settings.DEMO = True
    client.post(reverse("identity:login"), {"persona": "lempi"})
    assert client.get(reverse("identity:home")).status_code == 200
    lempi = Resident.objects.get(hetu=BY_KEY["lempi"].hetu)
    assert demo_accounts.is_demo_account(lempi.user)
    settings.DEMO = False
    assert client.get(reverse("identity:home")).status_code == 302  # the session no longer holds
    request = RequestFactory().post("/")
    request.session = client.session
    with pytest.raises(services.SignInRefused):  # nor does any other way in
        services.sign_in_resident(request, lempi.hetu, method="oidc")


def test_setup_demo_refuses_to_run_outside_the_demo(settings, monkeypatch):
    ran = []
    command = "luukku.demo.management.commands.setup_demo"
    monkeypatch.setattr(f"{command}.call_command", lambda name, **options: ran.append(name))
    monkeypatch.setattr(f"{command}.has_population", lambda: True)
    monkeypatch.setattr(f"{command}.seeders", lambda: ran.append("seeders") or [])
    settings.DEMO = False
    with pytest.raises(CommandError, match="LUUKKU_DEMO=1"):
        call_command("setup_demo", size=10)
    assert ran == []  # neither migrated, generated a county nor seeded anything
    settings.DEMO = True
    call_command("setup_demo", size=10, stdout=io.StringIO())
    assert ran == ["migrate", "seeders"]


def test_the_outbox_is_not_routed_outside_the_demo(client, settings):
    import luukku.notify.urls
    import luukku.urls

    try:
        settings.DEMO = False
        importlib.reload(luukku.notify.urls)
        importlib.reload(luukku.urls)
        clear_url_caches()
        assert luukku.notify.urls.urlpatterns == []
        with pytest.raises(NoReverseMatch):
            reverse("notify:outbox")
        assert client.get("/viestit/lahteneet/").status_code == 404
    finally:
        settings.DEMO = True
        importlib.reload(luukku.notify.urls)
        importlib.reload(luukku.urls)
        clear_url_caches()
    assert reverse("notify:outbox") == "/viestit/lahteneet/"
