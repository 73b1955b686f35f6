"""The inbox: delivery into threads (once), reading through the proxy rules and the access policy,
search, unread counts, secure messages to the unit through the work queue, and the API."""

import json

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from luukku.access.categories import Category
from luukku.audit.models import AccessLogEntry, Event
from luukku.desk.models import WorkItem
from luukku.identity.models import OrgUnit
from luukku.identity.personas import BY_KEY
from luukku.identity.services import resident_from_register
from luukku.inbox import services
from luukku.inbox.models import Message, Notice, Thread
from luukku.testing import OrgUnitFactory, mandate, professional, resident_user, sign_in_persona
from luukku.web import navigation

from .factories import message

pytestmark = pytest.mark.django_db


def test_a_delivery_makes_a_thread_once_and_records_an_event_without_content():
    person = resident_user(age=40)
    first = message(person, dedupe_key="booking.confirmation:1")
    again = message(person, dedupe_key="booking.confirmation:1")
    second = message(person, body="Toinen viesti", dedupe_key="booking.confirmation:2")
    assert first.pk == again.pk and first.thread_id == second.thread_id
    assert Thread.objects.filter(person=person).count() == 1
    assert Message.objects.filter(thread__person=person).count() == 2
    events = Event.objects.filter(kind="inbox.delivered", subject=person)
    assert events.count() == 2
    assert all("Tervetuloa" not in json.dumps(e.data) for e in events)
    assert Notice.objects.filter(person=person).count() == 2


def test_the_resident_reads_own_messages_and_reading_marks_them_read(client, personas):
    lempi = sign_in_persona(client, "lempi")
    sent = message(lempi, body="Muista paastota ennen laboratoriota.")
    with translation.override("en"):
        page = client.get(reverse("inbox:list"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "Vastaanotto" in page.content.decode()
    assert services.unread_count(lempi.user) == 1
    shown = client.get(reverse("inbox:thread", args=[sent.thread.public_id]))
    assert shown.status_code == 200 and "Muista paastota" in shown.content.decode()
    sent.refresh_from_db()
    assert sent.read_at is not None and services.unread_count(lempi.user) == 0


def test_the_unread_count_is_in_the_residents_navigation(personas):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    from django.contrib.auth import get_user_model

    lempi.user = get_user_model().objects.create(username="lempi-nav")
    lempi.save(update_fields=["user"])
    message(lempi)
    message(lempi, key="test:2")
    shown = {link["key"]: link["count"] for link in navigation.links(lempi.user, "/", True, False)}
    assert shown["messages"] == 2


def test_search_finds_by_subject_and_body_and_nothing_else(client, personas):
    lempi = sign_in_persona(client, "lempi")
    message(lempi, key="a", subject="Laboratorio", body="Verikokeet")
    message(lempi, key="b", subject="Hammashoito", body="Tarkastus")
    message(lempi, key="a", subject="Laboratorio", body="Verikokeet uudelleen")
    found = [(t.subject, t.unread) for box in services.boxes(lempi.user, "verikok") for t in box.threads]
    assert found == [("Laboratorio", 2)]  # counted once each, however many match
    assert client.get(reverse("inbox:list"), {"q": "hammas"}).content.decode().count("Hammashoito") == 1
    assert client.get(reverse("inbox:list"), {"q": "x" * 101}).status_code == 400
    assert client.get(reverse("inbox:list"), {"q": "a\x00b"}).status_code == 400


def test_a_mandate_holder_sees_the_principals_messages_labelled(client, personas):
    matti = sign_in_persona(client, "matti")
    client.post(reverse("identity:mandates_begin"))  # fetch mandates as the persona would
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    if not matti.mandates_held.filter(principal=lempi).exists():
        mandate(matti, lempi)
    message(lempi, subject="Lempin kotihoito")
    boxes = services.boxes(matti.user)
    theirs = [box for box in boxes if box.person.pk == lempi.pk]
    assert theirs and theirs[0].basis == "mandate"
    assert [t.subject for t in theirs[0].threads] == ["Lempin kotihoito"]
    with translation.override("en"):
        page = client.get(reverse("inbox:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Lempin kotihoito" in page


def test_a_guardian_sees_the_childs_messages_but_not_a_minors_own_service_event(client, personas):
    aino = sign_in_persona(client, "aino")
    eetu = resident_from_register(BY_KEY["eetu"].hetu)
    ella = resident_from_register(BY_KEY["ella"].hetu)
    for_eetu = message(eetu, subject="Eetun hammastarkastus", service_event="hammastarkastus-lapset")
    for_ella = message(ella, subject="Ellan ehkäisyneuvonta", service_event="ehkaisyneuvonta")
    shown = {t.subject for box in services.boxes(aino.user) for t in box.threads}
    assert "Eetun hammastarkastus" in shown and "Ellan ehkäisyneuvonta" not in shown
    assert client.get(reverse("inbox:thread", args=[for_eetu.thread.public_id])).status_code == 200
    assert client.get(reverse("inbox:thread", args=[for_ella.thread.public_id])).status_code == 403
    assert client.get(reverse("inbox:letter", args=[for_ella.public_id])).status_code == 403
    for_ella.refresh_from_db()
    assert for_ella.read_at is None  # the guardian's attempt read nothing


def test_a_confidential_minor_thread_is_hidden_from_the_guardian_whatever_its_service_event(personas):
    aino = resident_from_register(BY_KEY["aino"].hetu)
    from django.contrib.auth import get_user_model

    aino.user = get_user_model().objects.create(username="aino-conf")
    aino.save(update_fields=["user"])
    ella = resident_from_register(BY_KEY["ella"].hetu)
    message(ella, subject="Luottamuksellinen", category=Category.CONFIDENTIAL_MINOR)
    assert all(t.subject != "Luottamuksellinen" for box in services.boxes(aino.user) for t in box.threads)


def test_someone_else_cannot_open_a_thread(client, personas):
    sign_in_persona(client, "sofia")
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    other = message(lempi)
    assert client.get(reverse("inbox:thread", args=[other.thread.public_id])).status_code == 403
    assert client.get(f"/api/inbox/threads/{other.thread.public_id}").status_code == 404


def test_writing_to_the_unit_queues_work_and_the_answer_comes_back(client, personas):
    unit = OrgUnitFactory()
    nurse = professional(unit=unit)
    lempi = sign_in_persona(client, "lempi")
    first = message(lempi, unit=unit, replies_allowed=True)
    url = reverse("inbox:thread", args=[first.thread.public_id])
    assert client.post(url, {"action": "write", "body": ""}).status_code == 400
    assert client.post(url, {"action": "write", "body": "Voinko syödä aamulla?"}).status_code == 302
    item = WorkItem.objects.get(source=f"inbox:{first.thread.pk}")
    assert item.unit == unit and item.client == lempi and item.kind == WorkItem.Kind.MESSAGE
    client.post(url, {"action": "write", "body": "Entä juoda?"})
    assert WorkItem.objects.filter(source=f"inbox:{first.thread.pk}").count() == 1  # one open item a thread

    client.force_login(nurse.user)
    professional_url = reverse("inbox:professional_thread", args=[first.thread.public_id])
    assert "Voinko syödä" in client.get(professional_url).content.decode()
    client.post(professional_url, {"action": "answer", "body": "Vettä saa juoda."})
    item.refresh_from_db()
    assert item.status == WorkItem.Status.DONE
    answer = first.thread.messages.get(kind=Message.Kind.REPLY)
    assert answer.body == "Vettä saa juoda." and answer.read_at is None
    assert AccessLogEntry.objects.filter(
        actor=nurse.user, subject=lempi, what="inbox_thread", allowed=True
    ).exists()


def test_a_professional_without_a_basis_is_refused_and_logged(client, personas):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    sent = message(lempi, unit=OrgUnitFactory(), replies_allowed=True)
    outsider = professional(unit=OrgUnitFactory(municipality_codes=["999"]))
    client.force_login(outsider.user)
    assert client.get(reverse("inbox:professional_thread", args=[sent.thread.public_id])).status_code == 403
    assert AccessLogEntry.objects.filter(actor=outsider.user, subject=lempi, allowed=False).exists()


def test_no_messages_where_the_service_does_not_take_them(client, personas):
    lempi = sign_in_persona(client, "lempi")
    sent = message(lempi, unit=OrgUnitFactory(), replies_allowed=False)
    response = client.post(
        reverse("inbox:thread", args=[sent.thread.public_id]), {"action": "write", "body": "Hei"}
    )
    assert (
        response.status_code == 400 and not WorkItem.objects.filter(source=f"inbox:{sent.thread.pk}").exists()
    )


def test_the_api_lists_reads_and_writes(client, personas):
    unit = OrgUnit.objects.get(code="rmk-terveysasema")
    lempi = sign_in_persona(client, "lempi")
    sent = message(lempi, unit=unit, replies_allowed=True, body="Tuloksesi ovat valmiit.")
    listed = client.get("/api/inbox/threads").json()
    assert [t["unread"] for t in listed] == [1] and listed[0]["on_behalf"] == "self"
    read = client.get(f"/api/inbox/threads/{sent.thread.public_id}").json()
    assert read[0]["body"] == "Tuloksesi ovat valmiit."
    assert client.get("/api/inbox/threads").json()[0]["unread"] == 0
    assert client.get("/api/inbox/threads", {"q": "a\x07b"}).status_code == 422
    assert client.get("/api/inbox/threads", {"q": "tulok"}).json()[0]["subject"] == "Vastaanotto"
    url = f"/api/inbox/threads/{sent.thread.public_id}/messages"
    written = client.post(url, json.dumps({"body": "Kiitos!"}), content_type="application/json")
    assert written.status_code == 201 and written.json()["from_me"] is True
    bad = client.post(url, json.dumps({"body": "a\x00"}), content_type="application/json")
    assert bad.status_code == 422
    client.logout()
    assert client.get("/api/inbox/threads").status_code == 401


def test_the_home_page_shows_the_latest_messages(client, personas):
    lempi = sign_in_persona(client, "lempi")
    message(lempi, subject="Kotisivun viesti")
    with translation.override("en"):
        page = client.get(reverse("identity:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Kotisivun viesti" in page and str(_("All messages")) in page


def test_the_own_data_export_holds_the_messages(client, personas):
    lempi = sign_in_persona(client, "lempi")
    message(lempi, subject="Vientiin", body="Viestin sisältö")
    exported = client.get(reverse("consent:my_data"), {"muoto": "json"})
    assert "Viestin sisältö" in exported.content.decode()


def test_a_picture_goes_with_the_message_re_encoded_and_is_served_only_as_a_download(client, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from luukku.web.tests.pictures import png

    unit = OrgUnitFactory()
    nurse = professional(unit=unit)
    lempi = sign_in_persona(client, "lempi")
    first = message(lempi, unit=unit, replies_allowed=True)
    url = reverse("inbox:thread", args=[first.thread.public_id])
    fake = SimpleUploadedFile("kuva.png", b"<svg onload=alert(1)>", content_type="image/png")
    assert client.post(url, {"action": "write", "body": "Kuva", "attachment": fake}).status_code == 400
    picture = SimpleUploadedFile("../../etc/kuva.png", png(), content_type="image/png")
    assert client.post(url, {"action": "write", "body": "Kuva", "attachment": picture}).status_code == 302
    sent = first.thread.messages.exclude(attachment="").get()
    assert "etc" not in sent.attachment.name and sent.attachment.name.endswith(".png")
    download = client.get(reverse("inbox:attachment", args=[sent.public_id]))
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert (
        download["Content-Disposition"].startswith("attachment")
        and "sandbox" in download["Content-Security-Policy"]
    )
    client.force_login(nurse.user)
    assert client.get(reverse("inbox:attachment", args=[sent.public_id])).status_code == 200
    assert AccessLogEntry.objects.filter(actor=nurse.user, subject=lempi, what="inbox_thread").exists()
    sign_in_persona(client, "sofia")
    assert client.get(reverse("inbox:attachment", args=[sent.public_id])).status_code == 403


def test_client_360_lists_the_threads_the_professional_may_read(personas):
    from django.contrib.auth import get_user_model

    from luukku.desk import services as desk

    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    health = message(lempi, key="test:health", subject="Terveysasiaa")
    social = message(lempi, key="test:social", subject="Sosiaaliasiaa", category="social")
    nurse = get_user_model().objects.get(username="hoitaja.riikka")
    shown = {s["section"].key: s["items"] for s in desk.client_360(nurse, lempi, "care").sections}
    threads = {thread.pk for thread in shown["messages"]}
    assert health.thread_id in threads and social.thread_id not in threads
