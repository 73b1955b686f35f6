"""A 14-year-old's own service event (Patient Act 785/1992 § 7, § 9) never reaches her guardian: not
on any page, in the own-data export, in the home sections nor in the access log - not even as a hint."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from luukku.access.categories import Category
from luukku.access.policy import decide
from luukku.audit.services import record_event
from luukku.booking.models import Service
from luukku.identity.services import ACTING_FOR_SESSION_KEY

from .world import _appointment, build

pytestmark = pytest.mark.django_db

SECRET = ("ehkaisyneuvonta", "Ehkäisyneuvonta")


@pytest.fixture
def world(personas):
    world = build()
    dental = Service.objects.create(
        code="hammastarkastus-nuoret", unit=world.ella_appointment.service.unit, name="Hammastarkastus"
    )
    world.dental = _appointment(world.ella, dental, "hoitaja.hanna", days=4)
    record_event("booking.booked", subject=world.ella, service="ehkaisyneuvonta")
    # A nurse reads the confidential appointment: the read is logged with its service event.
    assert decide(
        world.users["hanna"],
        world.ella,
        Category.HEALTH,
        what="appointments",
        service_event="ehkaisyneuvonta",
    )
    assert decide(
        world.users["hanna"],
        world.ella,
        Category.HEALTH,
        what="appointments",
        service_event="hammastarkastus-nuoret",
    )
    return world


def acting_for_ella(world) -> Client:
    client = Client()
    client.force_login(world.users["aino"])
    session = client.session
    session[ACTING_FOR_SESSION_KEY] = str(world.ella.public_id)
    session.save()
    return client


def as_ella(world) -> Client:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create(username="ella")
    world.ella.user = user
    world.ella.save(update_fields=["user"])
    client = Client()
    client.force_login(user)
    return client


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "page",
    [
        "identity:home",
        "booking:mine",
        "consent:my_data",
        "access:access_log",
        "questionnaires:list",
        "chat:home",
    ],
)
def test_guardian_sees_the_child_but_not_her_own_decision(world, page):
    text = _text(acting_for_ella(world).get(reverse(page)))
    assert world.ella.first_names.split()[0] in text
    assert not any(secret in text for secret in SECRET)


def test_guardian_sees_other_events_of_the_child(world):
    client = acting_for_ella(world)
    assert "Hammastarkastus" in _text(client.get(reverse("booking:mine")))
    log = _text(client.get(reverse("access:access_log")))
    assert "Hanna Hoitaja" in log  # the dental appointment's read is there; the other one is not
    assert log.count("Hanna Hoitaja") == 1


def test_guardian_json_export_and_api_leave_it_out(world):
    client = acting_for_ella(world)
    exported = client.get(reverse("consent:my_data") + "?muoto=json").content.decode()
    data = json.loads(exported)
    assert [a["service"] for a in data["appointments"]] == ["Hammastarkastus"]
    assert not any(secret in exported for secret in SECRET)
    api = client.get("/api/identity/access-log").json()
    assert len(api) == 1
    assert "ehkaisyneuvonta" not in json.dumps(data["events"])


def test_the_minor_herself_sees_everything_of_her_own(world):
    client = as_ella(world)
    exported = client.get(reverse("consent:my_data") + "?muoto=json").json()
    assert sorted(a["service"] for a in exported["appointments"]) == ["Ehkäisyneuvonta", "Hammastarkastus"]
    assert _text(client.get(reverse("access:access_log"))).count("Hanna Hoitaja") == 2


def test_the_guardians_fhir_search_leaves_it_out(world):
    client = acting_for_ella(world)
    bundle = client.get(f"/fhir/Appointment?patient=Patient/{world.ella.public_id}").json()
    assert bundle["total"] == 1
    assert client.get(f"/fhir/Appointment/{world.ella_appointment.public_id}").status_code == 404


def test_a_professionals_maturity_assessment_hides_the_event_at_once(world):
    guardian = acting_for_ella(world)
    assert "Hammastarkastus" in _text(guardian.get(reverse("booking:mine")))
    nurse = Client()
    nurse.force_login(world.users["hanna"])
    url = reverse("desk:client", args=[world.ella.public_id])
    assert "A minor" in _text(nurse.get(url)) or "alaikäisen" in _text(nurse.get(url)).lower()
    refused = nurse.post(url, {"action": "maturity", "service_event": "Hammas tarkastus!", "reason": "x"})
    assert refused.status_code == 400
    response = nurse.post(
        url,
        {
            "action": "maturity",
            "service_event": "hammastarkastus-nuoret",
            "decides_alone": "on",
            "reason": "Ymmärtää hoidon merkityksen.",
        },
    )
    assert response.status_code == 302
    assert "Hammastarkastus" not in _text(guardian.get(reverse("booking:mine")))
    exported = guardian.get(reverse("consent:my_data") + "?muoto=json").json()
    assert exported["appointments"] == [] and "maturity" not in json.dumps(exported["events"])


def test_only_a_professional_serving_the_minor_records_a_maturity_assessment(world):
    for actor in ("riikka", "tiina", "pekka"):
        client = Client()
        client.force_login(world.users[actor])
        response = client.post(
            reverse("desk:client", args=[world.ella.public_id]),
            {
                "action": "maturity",
                "service_event": "hammastarkastus-nuoret",
                "decides_alone": "on",
                "reason": "x",
            },
        )
        assert response.status_code == 403, actor
    assert not world.ella.maturity_assessments.filter(service_event="hammastarkastus-nuoret").exists()


def test_a_form_asked_for_her_own_appointment_is_hers_too(world):
    """A pre-information form activated for the confidential appointment belongs to that service event."""
    from luukku.questionnaires import services as questionnaires
    from luukku.questionnaires.models import Activation
    from luukku.questionnaires.tests.factories import completed_response

    source = f"appointment:{world.ella_appointment.public_id}"
    questionnaires.activate(world.ella, "esitiedot", reason="Ehkäisyneuvonta", source=source)
    guardian = acting_for_ella(world)
    for page in ("identity:home", "questionnaires:list"):
        assert "Ehkäisyneuvonta" not in _text(guardian.get(reverse(page)))  # the activation's reason
    assert "Ehkäisyneuvonta" in _text(as_ella(world).get(reverse("questionnaires:list")))
    answered = completed_response(world.ella, "esitiedot", answers={"audit-1": ["4"]})
    Activation.objects.filter(person=world.ella, key="esitiedot").update(response=answered, status="answered")
    assert guardian.get(reverse("questionnaires:done", args=[answered.public_id])).status_code == 403
    assert guardian.get(f"/fhir/QuestionnaireResponse/{answered.public_id}").status_code == 404
    exported = guardian.get(reverse("consent:my_data") + "?muoto=json").json()
    assert exported["forms"] == []
    started = questionnaires.start(questionnaires.current("esitiedot"), world.ella, world.users["aino"])
    assert started.pk != answered.pk and started.answers == {}  # nothing of hers prefilled for the guardian


def test_a_guardians_consent_does_not_disclose_her_own_decision(world):
    from django.contrib.auth import get_user_model

    from luukku.consent import services as consent
    from luukku.consent.models import Scope

    consent.grant(world.ella, Scope.HEALTH_TO_SOCIAL, world.users["aino"])  # given by the guardian
    social_worker = Client()
    social_worker.force_login(get_user_model().objects.get(username="sosiaalityo.saara"))
    bundle = social_worker.get(f"/fhir/Appointment?patient=Patient/{world.ella.public_id}").json()
    assert bundle["total"] == 1  # the dental check-up, not the contraception counselling
    ella = as_ella(world)
    own = consent.grant(world.ella, Scope.HEALTH_TO_SOCIAL, world.ella.user, purpose="Kuraattorille")
    bundle = social_worker.get(f"/fhir/Appointment?patient=Patient/{world.ella.public_id}").json()
    assert bundle["total"] == 2  # her own consent discloses her own event
    guardian = acting_for_ella(world)
    assert "Kuraattorille" not in _text(guardian.get(reverse("consent:list")))
    assert guardian.post(reverse("consent:revoke", args=[own.pk])).status_code == 404
    assert "Kuraattorille" in _text(ella.get(reverse("consent:list")))


def test_a_minors_health_decision_is_health_data_for_professionals(world):
    """Social care neither sees nor changes a decision about a health service (the line holds)."""
    from django.contrib.auth import get_user_model

    social_worker = Client()
    social_worker.force_login(get_user_model().objects.get(username="sosiaalityo.saara"))
    url = reverse("desk:client", args=[world.ella.public_id])
    assert "ehkaisyneuvonta: " not in _text(social_worker.get(url))  # the help text names it as an example
    changed = social_worker.post(
        url, {"action": "maturity", "service_event": "ehkaisyneuvonta", "reason": "x"}
    )
    assert changed.status_code == 400
    assert world.ella.maturity_assessments.get(service_event="ehkaisyneuvonta").decides_alone
    nurse = Client()
    nurse.force_login(world.users["hanna"])
    assert "ehkaisyneuvonta: " in _text(nurse.get(url))
