"""Errors, methods, formats, versions and paging of the FHIR server (issue 15)."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.operationoutcome import OperationOutcome

from luukku.booking.models import Slot
from luukku.booking.tests.factories import booking_service, open_slot

pytestmark = pytest.mark.django_db


def _issue(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/fhir+json")
    assert OperationOutcome.model_validate_json(response.content).issue[0].code == code


@pytest.fixture
def slots():
    service = booking_service(capacity=1)
    first = open_slot(service)
    made = [first]
    for hours in range(1, 5):
        made.append(
            Slot.objects.create(
                calendar=first.calendar,
                service=service,
                starts_at=first.starts_at + dt.timedelta(hours=hours),
                ends_at=first.ends_at + dt.timedelta(hours=hours),
                capacity=1,
            )
        )
    return made


@pytest.mark.parametrize(
    "path",
    [
        "/fhir/",
        "/fhir/Slot/abc",
        "/fhir/Slot/-1",
        "/fhir/Patient/x",
        "/fhir/Nonsense",
        "/fhir/Slot/1/_history",
    ],
)
def test_unknown_types_and_ids_are_not_found_outcomes(client, path):
    _issue(client.get(path), 404, "not-found")


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_writes_are_405_not_a_csrf_page(method, slots):
    client = Client(enforce_csrf_checks=True)
    for path in ("/fhir/Slot", f"/fhir/Slot/{slots[0].pk}", "/fhir/metadata", "/fhir/Patient"):
        response = getattr(client, method)(path, "{}", content_type="application/fhir+json")
        _issue(response, 405, "not-supported")
        assert response["Allow"] == "GET"


def test_batch_and_transaction_are_not_supported():
    _issue(
        Client(enforce_csrf_checks=True).post("/fhir/", "{}", content_type="application/fhir+json"),
        405,
        "not-supported",
    )


def test_post_search_takes_a_form_and_refuses_other_bodies(slots):
    client = Client(enforce_csrf_checks=True)
    form = "application/x-www-form-urlencoded"
    found = client.post("/fhir/Slot/_search", f"_id={slots[0].pk}", content_type=form)
    assert found.status_code == 200 and found.json()["total"] == 1
    _issue(
        client.post("/fhir/Slot/_search", "{}", content_type="application/fhir+json"), 415, "not-supported"
    )
    _issue(client.get("/fhir/Slot/_search"), 405, "not-supported")


def test_only_json_is_served(client, slots):
    _issue(client.get("/fhir/Slot", {"_format": "xml"}), 406, "not-supported")
    _issue(client.get("/fhir/metadata", HTTP_ACCEPT="application/fhir+xml"), 406, "not-supported")
    _issue(client.get(f"/fhir/Slot/{slots[0].pk}", HTTP_ACCEPT="text/turtle"), 406, "not-supported")
    assert client.get("/fhir/Slot", {"_format": "json"}).status_code == 200
    assert client.get("/fhir/Slot", HTTP_ACCEPT="text/html,application/fhir+json;q=0.9").status_code == 200


def test_version_etag_and_conditional_read(client, slots):
    answer = client.get(f"/fhir/Slot/{slots[0].pk}")
    meta = answer.json()["meta"]
    assert answer["ETag"] == f'W/"{meta["versionId"]}"'
    assert meta["profile"] == [
        "https://hl7.fi/fhir/finnish-scheduling/StructureDefinition/fi-scheduling-slot"
    ]
    again = client.get(f"/fhir/Slot/{slots[0].pk}", HTTP_IF_NONE_MATCH=answer["ETag"])
    assert again.status_code == 304 and again["ETag"] == answer["ETag"]
    Slot.objects.filter(pk=slots[0].pk).update(booked=1)
    changed = client.get(f"/fhir/Slot/{slots[0].pk}", HTTP_IF_NONE_MATCH=answer["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != answer["ETag"]


def test_last_modified_where_the_data_has_a_time(client):
    from luukku.questionnaires.models import Definition

    definition = Definition.objects.order_by("pk").first()
    if definition is None:
        pytest.skip("no questionnaire definitions seeded")
    answer = client.get(f"/fhir/Questionnaire/{definition.key}-{definition.version}")
    assert answer.json()["meta"]["lastUpdated"] and answer["Last-Modified"]


def test_paging_with_true_total_and_links(client, slots):
    first = Bundle.model_validate_json(client.get("/fhir/Slot", {"_count": "2"}).content)
    assert first.total == 5 and len(first.entry) == 2
    links = {link.relation: link.url for link in first.link}
    assert "previous" not in links and "_offset=2" in links["next"]
    second = Bundle.model_validate_json(client.get(links["next"]).content)
    second_links = {link.relation: link.url for link in second.link}
    assert [e.resource.id for e in second.entry] == [str(s.pk) for s in slots[2:4]]
    assert "_offset=4" in second_links["next"] and "previous" in second_links
    last = client.get(second_links["next"]).json()
    assert len(last["entry"]) == 1 and "next" not in {link["relation"] for link in last["link"]}
    assert client.get("/fhir/Slot", {"_count": "0"}).json() == {
        **client.get("/fhir/Slot", {"_count": "0"}).json(),
        "total": 5,
    }


def test_unknown_parameters_ignored_and_dropped_from_self_link_or_strict_400(client, slots):
    answer = client.get("/fhir/Slot", {"colour": "red", "_id": str(slots[0].pk)}).json()
    self_link = next(link["url"] for link in answer["link"] if link["relation"] == "self")
    assert answer["total"] == 1 and "colour" not in self_link and "_id=" in self_link
    _issue(client.get("/fhir/Slot", {"colour": "red"}, HTTP_PREFER="handling=strict"), 400, "not-supported")
    assert client.get("/fhir/Slot", {"colour": "red"}, HTTP_PREFER="handling=lenient").status_code == 200


def test_sort_where_declared(client, slots):
    descending = client.get("/fhir/Slot", {"_sort": "-start"}).json()
    assert [e["resource"]["id"] for e in descending["entry"]] == [str(s.pk) for s in reversed(slots)]
    _issue(client.get("/fhir/Slot", {"_sort": "comment"}), 400, "invalid")


def test_token_and_date_semantics(client, slots):
    _issue(client.get("/fhir/Slot", {"status": "bogus"}), 400, "invalid")
    assert client.get("/fhir/Slot", {"status": "free,busy"}).json()["total"] == 5
    start = timezone.localtime(slots[0].starts_at)
    month = start.strftime("%Y-%m")
    assert (
        client.get("/fhir/Slot", {"start": month}).json()["total"]
        == Slot.objects.filter(starts_at__year=start.year, starts_at__month=start.month).count()
    )
    assert (
        client.get("/fhir/Slot", {"start": f"sa{slots[0].starts_at.isoformat()[:19]}"}).json()["total"] >= 0
    )
    exact = timezone.localtime(slots[2].starts_at).isoformat(timespec="seconds")
    assert client.get("/fhir/Slot", {"start": exact}).json()["total"] == 1
    assert client.get("/fhir/Slot", {"start": f"ne{exact}"}).json()["total"] == 4
    assert client.get("/fhir/Slot", {"start": f"eb{exact}"}).json()["total"] == 2
    assert client.get("/fhir/Slot", {"start": f"gt{exact}"}).json()["total"] == 2
    assert client.get("/fhir/Slot", {"start": f"ap{exact}"}).json()["total"] >= 1
    _issue(client.get("/fhir/Slot", {"start": "2026-13"}), 400, "invalid")


def test_metadata_lists_what_is_served(client):
    statement = client.get("/fhir/metadata").json()
    types = {r["type"] for r in statement["rest"][0]["resource"]}
    assert {
        "Patient",
        "Practitioner",
        "PractitionerRole",
        "Location",
        "Organization",
        "HealthcareService",
    } <= types
    assert statement["resourceType"] == "CapabilityStatement" and statement["fhirVersion"] == "4.0.1"


def test_questionnaire_name_is_a_prefix_and_status_is_honoured(client):
    from luukku.questionnaires.models import Definition

    if not Definition.objects.filter(key="audit").exists():
        pytest.skip("the catalogue is not published")
    found = client.get("/fhir/Questionnaire", {"name": "aud"}).json()["entry"]
    names = [e["resource"]["name"] for e in found]
    assert names and all(name.lower().startswith("aud") for name in names)
    assert client.get("/fhir/Questionnaire", {"status": "draft"}).json()["total"] == 0
    active = client.get("/fhir/Questionnaire", {"status": "active", "_count": "0"}).json()["total"]
    assert active == Definition.objects.filter(current=True).count()
    _issue(client.get("/fhir/Questionnaire", {"status": "bogus"}), 400, "invalid")


def test_an_organization_carries_its_sote_register_oid_as_fi_base_shows_it(client):
    from django.core.exceptions import ValidationError

    from luukku.testing import OrgUnitFactory

    from . import profile_checks

    unit = OrgUnitFactory()
    unit.oid = "1.2.246.10.2085212.10.1306"
    unit.full_clean()
    unit.save()
    resource = client.get(f"/fhir/Organization/{unit.code}").json()
    assert resource["identifier"][0] == {
        "use": "official",
        "system": "urn:oid:1.2.246.537.6.202.2008",
        "value": "urn:oid:1.2.246.10.2085212.10.1306",
    }
    profile_checks.check(resource)
    for wrong in ("1.2.246.21", "1.2.246.10.01", "1.2.246.10.", "urn:oid:1.2.246.10.1"):
        unit.oid = wrong
        with pytest.raises(ValidationError):
            unit.full_clean()
