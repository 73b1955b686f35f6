import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from luukku.identity.personas import BY_KEY
from luukku.records.models import LegalHold

from .factories import at_local, officer, resident, thread

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_privacy_notices_are_public_in_every_language(personas):
    client = Client()
    index = client.get(reverse("records:privacy_index"))
    assert index.status_code == 200
    assert reverse("records:privacy_notice", args=["social"]).encode() in index.content
    for language, text in (
        ("fi", "Iäkkäiden palvelutehtävä"),
        ("sv", "Serviceuppgift för äldre"),
        ("en", "Services for older people"),
    ):
        page = client.get(
            reverse("records:privacy_notice", args=["social"]),
            HTTP_ACCEPT_LANGUAGE=language,
            headers={"Cookie": f"django_language={language}"},
        )
        assert page.status_code == 200 and text.encode() in page.content, language
    assert client.get(reverse("records:privacy_notice", args=["nosuch"])).status_code == 404


def test_the_notice_shows_the_schedule_and_the_ombudsman(personas):
    with translation.override("en"):
        page = Client().get(reverse("records:privacy_notice", args=["fees"]))
    assert b"Accounting Act 1336/1997" in page.content and b"tietosuoja.fi" in page.content


def test_every_page_with_a_form_links_to_the_privacy_notices(personas):
    page = Client().get(reverse("feedback:give", args=["rmk-terveysasema"]))
    assert page.status_code == 200 and reverse("records:privacy_index").encode() in page.content


def test_the_records_desk_is_for_the_records_officer_only(personas):
    url = reverse("records:desk")
    assert Client().get(url).status_code == 302
    nurse = get_user_model().objects.get(username="hoitaja.riikka")
    assert _signed_in(nurse).get(url).status_code == 403
    thread(at_local(dt.date(2010, 1, 1)))
    page = _signed_in(officer()).get(url)
    assert page.status_code == 200 and b'data-record-type="inbox.thread"' in page.content


def test_the_officer_places_and_lifts_holds(personas):
    client = _signed_in(officer())
    url = reverse("records:desk")
    refused = client.post(url, {"action": "person_hold", "hetu": "010101-0101", "reason": "x"})
    assert refused.status_code == 400 and not LegalHold.objects.exists()
    # a person with no records in Luukku (never mirrored from the register) cannot be held
    unknown = client.post(url, {"action": "person_hold", "hetu": BY_KEY["lempi"].hetu, "reason": "x"})
    assert unknown.status_code == 400 and not LegalHold.objects.exists()
    resident("lempi")
    done = client.post(url, {"action": "person_hold", "hetu": BY_KEY["lempi"].hetu, "reason": "PVK 1/2026"})
    assert done.status_code == 302
    hold = LegalHold.objects.get()
    assert BY_KEY["lempi"].hetu.encode() not in client.get(url).content  # never shown back
    record = thread(at_local(dt.date(2010, 1, 1)))
    client.post(
        url,
        {
            "action": "record_hold",
            "record_type": "inbox.thread",
            "record_id": str(record.pk),
            "reason": "AVI",
        },
    )
    assert LegalHold.objects.filter(record_id=str(record.pk)).exists()
    bad = client.post(
        url, {"action": "record_hold", "record_type": "inbox.thread", "record_id": "9" * 30, "reason": "AVI"}
    )
    assert bad.status_code == 400
    assert (
        client.post(url, {"action": "lift", "hold": hold.pk, "lift_reason": "ratkaistu"}).status_code == 302
    )
    hold.refresh_from_db()
    assert hold.lifted_at is not None
    assert client.post(url, {"action": "lift", "hold": hold.pk, "lift_reason": "again"}).status_code == 400
    assert client.post(url, {"action": "dry_run"}).status_code == 302


def test_the_api_gives_the_public_schedule_and_the_officers_dry_run(personas):
    schedule = Client().get("/api/records/schedule").json()
    vouchers = next(c for c in schedule if c["code"] == "02.05.01")
    assert (vouchers["retention_years"], vouchers["counted_from_year_end"]) == (6, True)
    nurse = get_user_model().objects.get(username="hoitaja.riikka")
    assert Client().get("/api/records/dry-run").status_code == 401
    assert _signed_in(nurse).get("/api/records/dry-run").status_code == 403
    thread(at_local(dt.date(2010, 1, 1)))
    rows = _signed_in(officer()).get("/api/records/dry-run").json()
    row = next(r for r in rows if r["record_type"] == "inbox.thread")
    assert row["due"] >= 1 and row["record_class"] == "06.01.06"
