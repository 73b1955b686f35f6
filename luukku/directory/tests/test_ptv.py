import json
import uuid
from pathlib import Path

import pytest

from luukku.directory import ptv, services
from luukku.directory.models import DirectoryService, Provider

pytestmark = pytest.mark.django_db
SAMPLE = json.loads((Path(__file__).parent / "data" / "ptv_v11_export.json").read_text(encoding="utf-8"))


def test_import_maps_the_published_services(personas):
    from luukku.identity.models import OrgUnit

    unit = OrgUnit.objects.get(code="hml-terveysasema")
    imported = ptv.import_export(SAMPLE, unit)
    assert len(imported) == 2  # the draft is left out
    counselling = DirectoryService.objects.get(ptv_id=uuid.UUID("2c3a6f3e-1f0b-4a8e-9d0b-6a1d2f0c9b11"))
    assert (counselling.name, counselling.name_sv, counselling.name_en) == (
        "Liikuntaneuvonta",
        "Motionsrådgivning",
        "Exercise counselling",
    )
    assert counselling.summary.startswith("Liikuntaneuvoja")
    assert counselling.description.startswith("Liikuntaneuvonta on maksutonta")
    assert counselling.kind == "own" and counselling.unit == unit
    assert counselling.area_list == ["082", "109"]  # Helsinki is not the county's
    assert counselling.language_list == ["fi", "sv"]
    assert counselling.target_group_list == ["everyone", "older"]
    assert counselling.charge_type == "free" and counselling.fee_cents is None
    assert counselling.keywords == "terveysliikunta, hyte"
    location = counselling.locations.get()
    assert (location.street_address, location.postal_code, location.post_office) == (
        "Viipurintie 1-3",
        "13200",
        "HÄMEENLINNA",
    )
    assert location.latitude == pytest.approx(60.9959, abs=1e-5)  # from ETRS-TM35FIN
    assert location.longitude == pytest.approx(24.4643, abs=1e-5)
    hours = [(h.weekday, h.opens.hour, h.closes.hour) for h in location.hours.all()]
    assert hours == [(0, 8, 16), (1, 8, 16), (2, 8, 16), (3, 8, 16), (4, 8, 14)]
    contacts = {(c.kind, c.value) for c in counselling.contacts.all()}
    assert contacts == {
        ("phone", "+35836211000"),  # the fax number is not a contact channel
        ("email", "liikuntaneuvonta@example.fi"),
        ("web", "https://example.fi/liikuntaneuvonta"),
    }
    cleaning = DirectoryService.objects.get(ptv_id=uuid.UUID("5d6e7f80-2222-4333-8444-555566667777"))
    assert cleaning.kind == "voucher" and cleaning.unit is None
    assert len(cleaning.area_list) == 11  # Nationwide: every municipality of the county
    assert cleaning.charge_type == "chargeable" and cleaning.fee_info == "Omavastuu riippuu tuloista."
    found = services.search(services.Query(text="liikuntaneuvontaa", municipality="082"))
    assert [hit.service for hit in found.hits] == [counselling]


def test_import_is_idempotent(personas):
    ptv.import_export(SAMPLE)
    ptv.import_export(SAMPLE)
    assert DirectoryService.objects.filter(ptv_id__isnull=False).count() == 2
    assert Provider.objects.filter(ptv_id=uuid.UUID("7a1b2c3d-0000-4000-8000-00000000c0de")).count() == 1
    counselling = DirectoryService.objects.get(ptv_id=uuid.UUID("2c3a6f3e-1f0b-4a8e-9d0b-6a1d2f0c9b11"))
    assert counselling.locations.count() == 1 and counselling.contacts.count() == 3


def test_mapped_back_it_imports_to_the_same_service(personas):
    ptv.import_export(SAMPLE)
    original = DirectoryService.objects.get(ptv_id=uuid.UUID("2c3a6f3e-1f0b-4a8e-9d0b-6a1d2f0c9b11"))
    exported = ptv.to_ptv(original)
    data = exported["services"][0]
    assert data["id"] == "2c3a6f3e-1f0b-4a8e-9d0b-6a1d2f0c9b11"
    assert data["serviceChargeType"] == "FreeOfCharge"
    assert {a["code"] for a in data["areas"]} == {"082", "109"}
    assert {g["code"] for g in data["targetGroups"]} == {"KR1", "KR1.1"}
    address = exported["serviceChannels"][0]["addresses"][0]["streetAddress"]
    assert float(address["latitude"]) == pytest.approx(6764985.364, abs=0.01)
    before = _snapshot(original)
    DirectoryService.objects.all().delete()
    ptv.import_export(exported)
    assert _snapshot(DirectoryService.objects.get(ptv_id=original.ptv_id)) == before


def _snapshot(service):
    location = service.locations.get()
    fields = ("name", "name_sv", "name_en", "summary", "description", "kind", "areas", "languages")
    return (
        {f: getattr(service, f) for f in (*fields, "target_groups", "charge_type", "keywords")},
        (
            location.street_address,
            location.postal_code,
            round(location.latitude, 6),
            round(location.longitude, 6),
        ),
        sorted((h.weekday, h.opens, h.closes) for h in location.hours.all()),
        sorted((c.kind, c.value) for c in service.contacts.all()),
    )


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"services": "x"},
        {
            "services": [
                {"id": "not-a-uuid", "serviceNames": [{"language": "fi", "value": "A", "type": "Name"}]}
            ]
        },
        {"services": [{"id": str(uuid.uuid4()), "serviceNames": []}]},
        {
            "services": [
                {"id": str(uuid.uuid4()), "serviceNames": [{"language": "fi", "value": "A", "type": "Name"}]}
            ]
        },
    ],
)
def test_what_is_not_an_export_is_refused(data):
    with pytest.raises(ptv.PtvError):
        ptv.import_export(data)
