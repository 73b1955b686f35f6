"""The nurse's phone pages, the planner's page and the resident's page, through the HTTP client."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from luukku.audit.models import AccessLogEntry
from luukku.homecare import services
from luukku.homecare.models import DoorOpening, Visit
from luukku.identity.models import Role
from luukku.identity.personas import BY_KEY
from luukku.identity.services import resident_from_register
from luukku.testing import professional, resident_user, sign_in_persona

from . import factories as f

pytestmark = pytest.mark.django_db


def _published(client_person=None):
    unit = f.homecare_unit()
    n = f.nurse(unit, skills=["medication", "wound_care"])
    f.shift(n)
    c = f.client(unit, person=client_person, key_info="Kissa")
    visit = f.visit_today(c, n)
    services.publish(unit, timezone.localdate(), None)
    return n, c, visit


def test_the_nurse_sees_her_day_and_runs_a_visit(client, personas):
    n, c, visit = _published()
    client.force_login(n.professional.user)
    with translation.override("en"):
        page = client.get(reverse("homecare:day")).content.decode()
    assert str(visit.public_id) in page and c.person.last_name in page and "geo:" in page
    assert AccessLogEntry.objects.filter(
        actor=n.professional.user, subject=c.person, what="homecare_visit"
    ).exists()
    url = reverse("homecare:visit", args=[visit.public_id])
    assert client.post(url, {"action": "open_door"}).status_code == 302
    assert client.post(url, {"action": "start"}).status_code == 302
    response = client.post(url, {"action": "finish", "tasks_done": ["medication"], "notes": "Hyvin."})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == Visit.Status.DONE and DoorOpening.objects.filter(visit=visit).count() == 1
    # Bad input is a 400 with the form shown again, never a 500.
    again = client.post(url, {"action": "finish", "tasks_done": ["x\x00"]})
    assert again.status_code == 400


def test_another_nurse_cannot_open_the_visit(client, personas):
    _n, _c, visit = _published()
    other = f.nurse()
    client.force_login(other.professional.user)
    assert client.get(reverse("homecare:visit", args=[visit.public_id])).status_code == 404
    assert (
        client.post(reverse("homecare:visit", args=[visit.public_id]), {"action": "open_door"}).status_code
        == 404
    )


def test_the_planner_optimises_previews_a_move_and_publishes(client, personas):
    unit = f.homecare_unit()
    first, second = f.nurse(unit), f.nurse(unit)
    for n in (first, second):
        f.shift(n)
    c = f.client(unit)
    f.need(c)
    services.generate_visits(unit, timezone.localdate())
    manager = professional(Role.UNIT_MANAGER, unit=unit)
    client.force_login(manager.user)
    url = reverse("homecare:planner")
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "optimise"}).status_code == 302
    visit = Visit.objects.get(client=c)
    target = second if visit.nurse == first else first
    preview = client.post(url, {"action": "preview", "visit": visit.public_id, "nurse": target.pk})
    assert preview.status_code == 200 and b"data-change-m" in preview.content
    bad = client.post(url, {"action": "move", "visit": "not-a-visit", "nurse": target.pk})
    assert bad.status_code == 400
    assert client.post(url, {"action": "publish"}).status_code == 302
    with translation.override("en"):
        page = client.get(url).content.decode()
    assert c.person.last_name not in page  # planning shows no names
    # Someone with no role in a home-care unit is refused.
    client.force_login(professional(Role.NURSE).user)
    assert client.get(url).status_code == 403


def test_the_client_sees_the_door_openings_and_no_one_else_does(client, personas):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    n, _c, visit = _published(lempi)
    services.open_door(visit, n.professional.user)
    sign_in_persona(client, "lempi")
    page = client.get(reverse("homecare:mine")).content.decode()
    assert 'data-opening="' in page
    # (Matti with Lempi's mandate: the permission matrix, homecare:mine.) Another resident sees none.
    stranger = resident_user(age=40)
    client.force_login(stranger.user)
    assert 'data-opening="' not in client.get(reverse("homecare:mine")).content.decode()


def test_the_own_data_export_has_the_home_visits(client, personas):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    n, _c, visit = _published(lempi)
    services.open_door(visit, n.professional.user)
    sign_in_persona(client, "lempi")
    from luukku.consent.export import sections

    section = next(s for s in sections() if s.key == "homecare_visits")
    record = section.as_json(section.items(lempi)[0])
    assert record["id"] == str(visit.public_id) and len(record["door_openings"]) == 1


def test_the_api_gives_the_nurse_her_day(client, personas):
    n, c, visit = _published()
    client.force_login(n.professional.user)
    body = client.get("/api/homecare/day").json()
    assert body[0]["id"] == str(visit.public_id) and body[0]["client_name"] == c.person.full_name
    client.logout()
    assert client.get("/api/homecare/day").status_code == 401
