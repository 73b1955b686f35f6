"""The conformance walk: every interaction and search parameter the CapabilityStatement declares is run,
each response parses with fhir.resources (R4B), declares its profile and version, and searches page with
the right links. A parameter declared without a sample here fails the walk, so the statement cannot
promise what is not tested."""

import datetime as dt
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client
from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from luukku.access.tests.world import World, build
from luukku.fhir.directory import HETU

from . import profile_checks

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()
MONTH = TODAY[:7]


def _patient(w: World) -> str:
    return f"Patient/{w.lempi.public_id}"


# For each type: the id to read, and a value for each search parameter that finds the sample.
SAMPLES: dict[str, dict[str, Callable[[World], str]]] = {
    "Patient": {
        "read": lambda w: str(w.lempi.public_id),
        "_id": lambda w: str(w.lempi.public_id),
        "identifier": lambda w: f"{HETU}|{w.lempi.hetu}",
    },
    "Appointment": {
        "read": lambda w: str(w.appointment.public_id),
        "patient": _patient,
        "_id": lambda w: str(w.appointment.public_id),
        "date": lambda w: "ge" + timezone.localtime(w.appointment.slot.starts_at).date().isoformat(),
        "status": lambda w: "booked",
        "service-type": lambda w: f"urn:luukku:service|{w.appointment.service.code}",
        "practitioner": lambda w: f"Practitioner/{w.appointment.slot.calendar.professional_id}",
    },
    "QuestionnaireResponse": {
        "read": lambda w: str(w.response.public_id),
        "patient": _patient,
        "_id": lambda w: str(w.response.public_id),
        "status": lambda w: "completed",
        "authored": lambda w: MONTH,
    },
    "CarePlan": {
        "read": lambda w: str(w.path.public_id),
        "patient": _patient,
        "_id": lambda w: str(w.path.public_id),
        "status": lambda w: "active",
        "date": lambda w: TODAY,
    },
    "Schedule": {
        "read": lambda w: str(w.appointment.slot.calendar_id),
        "_id": lambda w: str(w.appointment.slot.calendar_id),
        "actor": lambda w: f"Practitioner/{w.appointment.slot.calendar.professional_id}",
        "service-type": lambda w: w.appointment.service.code,
    },
    "Slot": {
        "read": lambda w: str(w.appointment.slot_id),
        "_id": lambda w: str(w.appointment.slot_id),
        "schedule": lambda w: f"Schedule/{w.appointment.slot.calendar_id}",
        "status": lambda w: "busy,free",
        "service-type": lambda w: w.appointment.service.code,
        "start": lambda w: timezone.localtime(w.appointment.slot.starts_at).strftime("%Y-%m"),
    },
    "Questionnaire": {
        "read": lambda w: f"{w.response.definition.key}-{w.response.definition.version}",
        "_id": lambda w: f"{w.response.definition.key}-{w.response.definition.version}",
        "url": lambda w: f"urn:luukku:questionnaire:{w.response.definition.key}",
        "name": lambda w: w.response.definition.key[:3].lower(),
        "status": lambda w: "active",
    },
    "Practitioner": {
        "read": lambda w: str(w.appointment.slot.calendar.professional_id),
        "_id": lambda w: str(w.appointment.slot.calendar.professional_id),
        "name": lambda w: w.appointment.slot.calendar.professional.user.last_name[:3].lower(),
    },
    "PractitionerRole": {
        "read": lambda w: str(w.appointment.slot.calendar.professional.roles.first().pk),
        "_id": lambda w: str(w.appointment.slot.calendar.professional.roles.first().pk),
        "practitioner": lambda w: f"Practitioner/{w.appointment.slot.calendar.professional_id}",
        "organization": lambda w: (
            f"Organization/{w.appointment.slot.calendar.professional.roles.first().unit.code}"
        ),
        "role": lambda w: w.appointment.slot.calendar.professional.roles.first().role,
    },
    "Organization": {
        "read": lambda w: w.appointment.service.unit.code,
        "_id": lambda w: w.appointment.service.unit.code,
        "name": lambda w: w.appointment.service.unit.name[:4].upper(),
        "identifier": lambda w: f"urn:luukku:unit|{w.appointment.service.unit.code}",
        "partof": lambda w: f"Organization/{w.appointment.service.unit.parent.code}",
    },
    "Location": {
        "read": lambda w: w.appointment.service.unit.code,
        "_id": lambda w: w.appointment.service.unit.code,
        "name": lambda w: w.appointment.service.unit.name[:4].lower(),
        "identifier": lambda w: w.appointment.service.unit.code,
        "organization": lambda w: f"Organization/{w.appointment.service.unit.code}",
    },
    "HealthcareService": {
        "read": lambda w: w.appointment.service.code,
        "_id": lambda w: w.appointment.service.code,
        "name": lambda w: w.appointment.service.name[:5],
        "organization": lambda w: f"Organization/{w.appointment.service.unit.code}",
        "active": lambda w: "true",
        "service-type": lambda w: w.appointment.service.code,
    },
}
RESULT_PARAMETERS = {"_count", "_offset", "_sort"}
MACHINE_ONLY = {"Subscription"}


@pytest.fixture
def walk(personas):
    world = build()
    professional = Client()
    professional.force_login(world.users["riikka"])
    resident = Client()
    resident.force_login(world.users["lempi"])
    return world, professional, resident


def _check_resource(data: dict, declared: dict) -> None:
    resource = get_fhir_model_class(data["resourceType"]).model_validate(data)
    profile_checks.check(data)
    assert resource.meta.profile == [declared["profile"]]
    assert resource.meta.versionId


def _check_bundle(response, declared: dict, name: str) -> Bundle:
    assert response.status_code == 200, (name, response.content[:300])
    bundle = Bundle.model_validate_json(response.content)
    profile_checks.check(response.json(), entries=False)  # each entry's resource is checked below
    assert bundle.type == "searchset" and bundle.total >= 1, (declared["type"], name)
    for entry in bundle.entry or []:
        assert entry.search.mode == "match"
        _check_resource(entry.resource.model_dump(mode="json", exclude_none=True), declared)
    links = {link.relation: link.url for link in bundle.link}
    applied = {key for key, _value in parse_qsl(urlsplit(links["self"]).query)}
    assert applied <= {p["name"] for p in declared["searchParam"]}
    return bundle


def test_the_capability_statement_is_walked_end_to_end(walk):
    world, professional, resident = walk
    answer = Client().get("/fhir/metadata")
    statement = CapabilityStatement.model_validate_json(answer.content)
    profile_checks.check(answer.json())
    declared_types = statement.rest[0].resource
    assert {r.type for r in declared_types} == set(SAMPLES) | MACHINE_ONLY
    for declared_model in declared_types:
        declared = declared_model.model_dump(mode="json", exclude_none=True)
        kind = declared["type"]
        if kind in MACHINE_ONLY:
            continue  # walked with a SMART client in test_subscriptions.py
        samples = SAMPLES[kind]
        client_data = "patient" in samples or kind == "Patient"
        clients = [professional, resident] if client_data else [Client()]
        interactions = {i["code"] for i in declared["interaction"]}
        assert interactions <= {"read", "search-type"}
        for client in clients:
            read = client.get(f"/fhir/{kind}/{samples['read'](world)}")
            assert read.status_code == 200, (kind, read.content[:300])
            _check_resource(read.json(), declared)
            assert (
                client.get(
                    f"/fhir/{kind}/{samples['read'](world)}", HTTP_IF_NONE_MATCH=read["ETag"]
                ).status_code
                == 304
            )
            if "search-type" not in interactions:
                continue
            base = {"patient": samples["patient"](world)} if "patient" in samples else {}
            for param in declared["searchParam"]:
                name = param["name"]
                if name in RESULT_PARAMETERS:
                    continue
                assert name in samples, f"{kind}?{name} is declared but has no sample in the conformance walk"
                _check_bundle(
                    client.get(f"/fhir/{kind}", {**base, name: samples[name](world)}), declared, name
                )
            if kind == "Patient":
                continue
            everything = _check_bundle(
                client.get(f"/fhir/{kind}", {**base, "_count": "500"}), declared, "all"
            )
            for sort in [e["valueString"] for e in declared.get("extension", [])]:
                _check_bundle(client.get(f"/fhir/{kind}", {**base, "_sort": f"-{sort}"}), declared, sort)
            if everything.total >= 2:
                paged = _check_bundle(
                    client.get(f"/fhir/{kind}", {**base, "_count": "1"}), declared, "_count"
                )
                links = {link.relation: link.url for link in paged.link}
                assert len(paged.entry) == 1 and paged.total == everything.total and "next" in links
                second = _check_bundle(client.get(links["next"]), declared, "next")
                assert {link.relation for link in second.link} >= {"previous", "self"}
                assert second.entry[0].resource.id != paged.entry[0].resource.id


def test_references_resolve(walk):
    world, professional, _resident = walk
    appointment = professional.get(f"/fhir/Appointment/{world.appointment.public_id}").json()
    schedule = professional.get(f"/fhir/Schedule/{world.appointment.slot.calendar_id}").json()
    care_plan = professional.get(f"/fhir/CarePlan/{world.path.public_id}").json()
    references = [p["actor"]["reference"] for p in appointment["participant"]]
    references += [a["reference"] for a in schedule["actor"]] + [care_plan["subject"]["reference"]]
    references += [s["reference"] for s in appointment["slot"]]
    for reference in references:
        assert professional.get(f"/fhir/{reference}").status_code == 200, reference
    assert (
        appointment["appointmentType"]["coding"][0]["system"]
        == "http://terminology.hl7.org/CodeSystem/v2-0276"
    )


def test_patient_follows_the_access_policy_and_is_logged(walk):
    from luukku.audit.models import AccessLogEntry

    world, professional, resident = walk
    path = f"/fhir/Patient/{world.lempi.public_id}"
    patient = resident.get(path).json()
    assert patient["identifier"][0] == {"use": "official", "system": HETU, "value": world.lempi.hetu}
    extension = patient["extension"][0]
    assert (
        extension["url"].endswith("/municipality-code")
        and extension["valueCoding"]["code"] == world.lempi.municipality_code
    )
    before = AccessLogEntry.objects.filter(subject=world.lempi, what="patient").count()
    assert professional.get(path).status_code == 200
    assert (
        AccessLogEntry.objects.filter(subject=world.lempi, what="patient", allowed=True).count() == before + 1
    )
    outsider = Client()
    outsider.force_login(world.users["hanna"])
    assert outsider.get(path).status_code == 404
    assert outsider.get("/fhir/Patient", {"identifier": f"{HETU}|{world.lempi.hetu}"}).json()["total"] == 0
    assert AccessLogEntry.objects.filter(subject=world.lempi, what="patient", allowed=False).count() == 2
    assert Client().get(path).status_code == 404
    assert professional.get("/fhir/Patient").status_code == 400  # no listing of clients
    assert dt.date.today()
