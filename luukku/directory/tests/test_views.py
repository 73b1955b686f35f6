import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from luukku.directory.models import DirectoryService

from .factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    return make_service("Vesijumppa", summary="Nivelystävällistä liikuntaa.", fee_cents=450, step_free=True)


def test_anyone_searches_and_sees_the_list_and_the_map(client, service):
    response = client.get(reverse("directory:search"), {"haku": "vesijumpat"})
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("directory:detail", args=[service.public_id]) in body
    assert "directory/leaflet/leaflet.js" in body and "directory-markers" in body
    assert "https://" not in body.split("directory-map")[1].split("</section>")[0]  # no third-party source


def test_the_map_uses_the_configured_tiles(client, service, settings):
    settings.LUUKKU_MAP_TILES = "https://tiles.example.fi/{z}/{x}/{y}.png"
    response = client.get(reverse("directory:search"), {"haku": "vesijumppa"})
    assert 'data-tiles="https://tiles.example.fi/{z}/{x}/{y}.png"' in response.content.decode()


def test_an_unknown_filter_is_a_400_with_the_reason(client):
    with translation.override("en"):
        response = client.get(
            reverse("directory:search"), {"kunta": "999"}, headers={"accept-language": "en"}
        )
    assert response.status_code == 400
    assert "field__error" in response.content.decode()


def test_htmx_gets_only_the_results(client, service):
    response = client.get(reverse("directory:search"), {"haku": "vesijumppa"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content and b"directory-results" in response.content


def test_a_resident_sees_distances_from_their_home(client, service):
    from django.contrib.auth import get_user_model

    from luukku.testing import resident

    person = resident(age=70, municipality_code="694")
    person.user = get_user_model().objects.create(username=f"resident-{person.public_id}")
    person.save(update_fields=["user"])
    client.force_login(person.user)
    response = client.get(reverse("directory:search"), {"haku": "vesijumppa"})
    hit = response.context["results"].hits[0]
    assert hit.distance_km == pytest.approx(33.0, abs=0.5)  # Riihimäki centre to Hämeenlinna centre
    assert b"33.0 km" in response.content or b"33,0 km" in response.content


def test_detail_shows_hours_accessibility_and_fee(client, service):
    with translation.override("en"):
        response = client.get(reverse("directory:detail", args=[service.public_id]))
        body = response.content.decode()
        assert response.status_code == 200
        assert _("Opening hours") in body and _("Step-free access") in body
        assert "4.50 €" in body or "4,50 €" in body


def test_unpublished_or_unknown_is_404(client, service):
    service.published = False
    service.save()
    assert client.get(reverse("directory:detail", args=[service.public_id])).status_code == 404
    assert client.get("/palvelut/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_api_search_detail_and_ptv(client, service):
    body = client.get("/api/directory/services", {"q": "vesijumppa", "near_municipality": "694"}).json()
    assert body["total"] == 1
    hit = body["results"][0]
    assert hit["name"] == "Vesijumppa" and hit["fee_cents"] == 450 and hit["distance_km"] > 30
    assert hit["locations"][0]["step_free_access"] is True
    detail = client.get(f"/api/directory/services/{service.public_id}").json()
    assert detail["id"] == str(service.public_id)
    as_ptv = client.get(f"/api/directory/services/{service.public_id}/ptv").json()
    assert as_ptv["services"][0]["serviceNames"][0] == {
        "language": "fi",
        "value": "Vesijumppa",
        "type": "Name",
    }


@pytest.mark.parametrize(
    "params",
    [
        {"municipality": "999"},
        {"kind": "x"},
        {"page": "0"},
        {"page_size": "1000"},
        {"q": "a" * 201},
        {"q": "a\x00"},
    ],
)
def test_api_refuses_bad_input_with_4xx(client, params):
    # 422 from the schema; a NUL is refused with a 400 before any view (web.request_checks).
    assert client.get("/api/directory/services", params).status_code in (400, 422)


def test_demo_test_county_has_a_few_services_of_each_kind(personas):
    kinds = set(DirectoryService.objects.values_list("kind", flat=True))
    assert {"own", "third_sector", "private", "voucher"} <= kinds
    assert DirectoryService.objects.count() < 50


def _own_service():
    from luukku.identity.models import OrgUnit

    unit = OrgUnit.objects.get(code="hml-terveysasema")
    return make_service("Liikuntaneuvonta", kind="own", unit=unit)


def test_contact_request_lands_in_the_units_queue_and_its_status_follows(client, personas):
    from luukku.desk import services as desk
    from luukku.desk.models import WorkItem
    from luukku.directory.models import ContactRequest
    from luukku.testing import resident

    service = _own_service()
    person = resident(age=40, municipality_code="109")
    from django.contrib.auth import get_user_model

    person.user = get_user_model().objects.create(username=f"resident-{person.public_id}")
    person.save(update_fields=["user"])
    client.force_login(person.user)
    url = reverse("directory:detail", args=[service.public_id])
    response = client.post(
        url,
        {"action": "contact", "name": "Testi Asukas", "phone": "040 123 4567", "message": "Haluan aloittaa."},
    )
    assert response.status_code == 302
    contact = ContactRequest.objects.get()
    assert (contact.person, contact.phone, contact.status) == (person, "+358401234567", "sent")
    item = WorkItem.objects.get(source=f"dircontact:{contact.public_id}")
    assert item.unit.code == "hml-terveysasema" and item.kind == "call_back" and item.client == person
    with translation.override("en"):
        page = client.get(url).content.decode()
        assert _("sent") in page
    nurse = get_user_model().objects.get(username="hoitaja.hanna")
    desk.set_status(item, WorkItem.Status.DONE, nurse)
    contact.refresh_from_db()
    assert contact.status == "handled" and contact.handled_at is not None
    exported = client.get(reverse("consent:my_data"), {"muoto": "json"}).content.decode()
    assert "Haluan aloittaa." in exported and "+358401234567" in exported


def test_contact_request_needs_valid_fields_and_a_county_unit(client, personas):
    service = _own_service()
    url = reverse("directory:detail", args=[service.public_id])
    response = client.post(url, {"action": "contact", "name": "A", "phone": "abc", "message": "x"})
    assert response.status_code == 400 and "field__error" in response.content.decode()
    outside = make_service("Hieronta", kind="private")
    response = client.get(reverse("directory:detail", args=[outside.public_id]))
    assert b'name="action" value="contact"' not in response.content
    assert (
        client.post(reverse("directory:detail", args=[outside.public_id]), {"action": "contact"}).status_code
        == 400
    )
