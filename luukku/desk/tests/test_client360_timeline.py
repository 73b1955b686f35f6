"""Client 360 in the reader's language: the timeline's labels, call-backs in it, a filter, the
language by name and a way back."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from luukku.audit.services import record_event
from luukku.desk import services
from luukku.testing import OrgUnitFactory, professional, resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    unit = OrgUnitFactory(municipality_codes=["694"])
    client = resident(age=70, municipality_code="694", mother_tongue="sv")
    nurse = professional(unit=unit)
    return unit, client, nurse


def timeline_of(page: str) -> list[str]:
    block = re.search(r'<ol class="form-list timeline">(.*?)</ol>', page, re.S)[1]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


def test_timeline_has_human_labels_call_backs_and_a_filter(client, setting):
    unit, person, nurse = setting
    services.request_call_back(unit, "Reseptin uusiminen", person.full_name, "+358401234567", client=person)
    record_event("chat.started", subject=person, queue="hoitaja")
    client.force_login(nurse.user)
    url = reverse("desk:client", args=[person.public_id])
    page = client.get(url).content.decode()
    lines = timeline_of(page)
    assert any(line.endswith("Soittopyyntö saapui") for line in lines), lines
    assert not any("chat.started" in line or "desk.item_created" in line for line in lines)
    assert "ruotsi" in page and "<dd>sv</dd>" not in page  # the language by name, in Finnish
    assert f'href="{reverse("desk:queue")}"' in page  # a way back
    assert "+358401234567" in page  # the phone the client left with the call-back
    only_work = timeline_of(client.get(url, {"tapahtumat": "desk"}).content.decode())
    assert only_work and all("Soittopyyntö" in line or "Työ" in line for line in only_work)
    assert len(only_work) < len(lines)


def test_timeline_entry_in_the_readers_language(setting):
    unit, person, _nurse = setting
    services.request_call_back(unit, "Asia", person.full_name, "+358401234567", client=person)
    from luukku.audit.models import Event

    event = Event.objects.get(kind=services.ITEM_CREATED)
    with translation.override("sv"):
        assert services.timeline_entry(event)["label"] == "Återuppringning har kommit"
    with translation.override("en"):
        assert services.timeline_entry(event)["label"] == "Call-back request arrived"
        assert services.timeline_entry(event)["group"] == "desk"


def test_filter_timeline_keeps_one_group_and_ignores_unknown_ones():
    entries = [{"group": "chat"}, {"group": "desk"}, {"group": "other"}]
    assert services.filter_timeline(entries, "chat") == [{"group": "chat"}]
    assert services.filter_timeline(entries, "other") == [{"group": "other"}]
    assert services.filter_timeline(entries, "nonsense") == entries
    assert services.filter_timeline(entries, "") == entries


def test_work_titles_are_translated_when_shown(client, setting):
    unit, _person, nurse = setting
    with translation.override("fi"):
        item = services.request_call_back(unit, "Reseptin uusiminen", "Testi", "+358401234567")
    assert item.title == "Soittopyyntö: Reseptin uusiminen"  # stored as made
    client.force_login(nurse.user)
    client.cookies["django_language"] = "en"
    queue = client.get(reverse("desk:queue")).content.decode()
    assert "Call back: Reseptin uusiminen" in queue and "Soittopyyntö" not in queue
    with translation.override("sv"):
        assert item.shown_title == "Återuppringning: Reseptin uusiminen"


def test_known_phone_is_the_latest_given_anywhere(setting):
    import datetime as dt

    from luukku.booking.tests.factories import booking_service, open_slot
    from luukku.desk.registry import known_phone

    unit, person, _nurse = setting
    assert known_phone(person) == ""
    slot = open_slot(
        booking_service(unit=unit, bookable_by_professional=True), starts_in=dt.timedelta(days=2)
    )
    from luukku.booking.models import Appointment

    Appointment.objects.create(
        slot=slot, service=slot.service, person=person, booked_as="self", contact_phone="+358409999999"
    )
    assert known_phone(person) == "+358409999999"
    services.request_call_back(unit, "Asia", person.full_name, "+358401234567", client=person)
    assert known_phone(person) == "+358401234567"  # the newer one wins
