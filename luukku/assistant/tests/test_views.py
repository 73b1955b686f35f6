"""Assi's pages and API: the widget on resident pages, asking without JavaScript, the handover page,
the JSON API, and the content owners' pages."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from luukku.assistant.models import Exchange, Topic
from luukku.chat.models import ChatQueue

from .factories import professional_user, topic

pytestmark = pytest.mark.django_db


def _post_json(client: Client, url: str, body: dict):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_widget_is_on_resident_pages_only(personas):
    client = Client()
    front = client.get("/")
    assert b'class="assi"' in front.content and b"assistant/widget.js" in front.content
    assert b"<script>" not in front.content  # no inline script
    professional = Client()
    professional.force_login(professional_user("hoitaja.hanna"))
    assert b'class="assi"' not in professional.get(reverse("assistant:topics")).content


def test_api_ask_answers_and_rates(personas):
    client = Client()
    response = _post_json(client, "/api/assistant/ask", {"question": "How do I cancel my appointment?"})
    assert response.status_code == 200
    body = response.json()
    assert (body["outcome"], body["topic"], body["language"]) == ("answered", "ajan-peruminen", "en")
    assert {"label": "My appointments", "url": "/ajanvaraus/omat/"} in body["links"]
    rated = _post_json(
        client,
        "/api/assistant/rate",
        {"exchange": body["exchange"], "conversation": body["conversation"], "helpful": True},
    )
    assert rated.status_code == 200 and rated.json()["rating"] == 1
    stranger = _post_json(
        Client(),
        "/api/assistant/rate",
        {
            "exchange": body["exchange"],
            "conversation": "00000000-0000-4000-8000-000000000000",
            "helpful": False,
        },
    )
    assert stranger.status_code == 403


def test_api_emergency_and_bad_input(personas):
    client = Client()
    body = _post_json(client, "/api/assistant/ask", {"question": "I want to kill myself"}).json()
    assert body["outcome"] == "emergency" and body["emergency"] == "crisis" and "112" in body["text"]
    assert _post_json(client, "/api/assistant/ask", {"question": "x" * 501}).status_code == 422
    assert _post_json(client, "/api/assistant/ask", {"question": "a\x00b"}).status_code == 422
    assert _post_json(client, "/api/assistant/ask", {"question": "   "}).status_code == 422
    assert _post_json(client, "/api/assistant/topic", {"key": "no-such-topic"}).status_code == 404
    offered = _post_json(client, "/api/assistant/topic", {"key": "maksukatto", "language": "sv"}).json()
    assert offered["title"] == "Avgiftstak"


def test_asking_on_the_page_without_javascript(personas):
    client = Client()
    with translation.override("en"):
        page = client.get(reverse("assistant:page"))
        assert page.status_code == 200 and b'class="assi"' not in page.content
        response = client.post(reverse("assistant:page"), {"action": "ask", "question": "Miten varaan ajan?"})
        assert response.status_code == 302
        shown = client.get(reverse("assistant:page"))
    assert b'data-topic="ajanvaraus"' in shown.content
    exchange = Exchange.objects.latest("pk")
    rated = client.post(
        reverse("assistant:page"), {"action": "rate", "exchange": exchange.pk, "helpful": "0"}
    )
    assert rated.status_code == 302 and Exchange.objects.get(pk=exchange.pk).rating == -1
    assert client.post(reverse("assistant:page"), {"action": "ask", "question": ""}).status_code == 400


def test_handover_page_starts_a_chat_with_the_conversation(personas):
    ChatQueue.objects.filter(code="hoitaja").update(hours={str(d): ["00:00", "24:00"] for d in range(7)})
    ChatQueue.objects.filter(code="hoitaja").update(open_on_holidays=True)
    client = Client()
    client.post(reverse("assistant:page"), {"action": "ask", "question": "qwzx plorf"})
    assert client.get(reverse("assistant:handover")).status_code == 200
    response = client.post(reverse("assistant:handover"), {"action": "chat"})
    assert response.status_code == 302 and "/chat/" in response["Location"]
    assert client.get(response["Location"]).status_code == 200  # this browser's own anonymous chat
    bad = client.post(reverse("assistant:handover"), {"action": "call_back", "name": "A", "phone": "123"})
    assert bad.status_code == 400


def test_content_owners_edit_and_review(personas):
    hanna, eija = Client(), Client()
    hanna.force_login(professional_user("hoitaja.hanna"))
    eija.force_login(professional_user("esihenkilo.eija"))
    draft = topic()
    url = reverse("assistant:topic_edit", args=[draft.pk])
    assert hanna.get(reverse("assistant:topics")).status_code == 200
    assert hanna.get(url).status_code == 200
    form = {
        "action": "save",
        "key": draft.key,
        "language": "fi",
        "title": "Uusi otsikko",
        "phrasings": "kysymys yksi\nkysymys kaksi",
        "answer": "Vastaus.",
        "links": "Ajanvaraus | /ajanvaraus/",
        "owner_unit": "hml-terveysasema",
        "review_date": "2030-01-01",
        "handover_queue": "",
    }
    assert hanna.post(url, form).status_code == 302
    assert hanna.post(url, {**form, "links": "Paha | javascript:alert(1)"}).status_code == 400
    assert hanna.post(url, {"action": "submit"}).status_code == 302
    assert hanna.post(url, {"action": "publish"}).status_code == 400  # four eyes
    assert eija.post(url, {"action": "publish"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Topic.Status.PUBLISHED and draft.links == [["Ajanvaraus", "/ajanvaraus/"]]
    riikka = Client()
    riikka.force_login(professional_user("hoitaja.riikka"))
    assert riikka.post(url, {"action": "return"}).status_code == 400
    new = hanna.post(reverse("assistant:topic_new"), {**form, "key": "uusi-aihe"})
    assert new.status_code == 302 and Topic.objects.filter(key="uusi-aihe", status="draft").exists()


def test_learning_list_shows_masked_questions(personas):
    client = Client()
    client.post(reverse("assistant:page"), {"action": "ask", "question": "qwzx plorf 040 123 4567"})
    owner = Client()
    owner.force_login(professional_user("hoitaja.hanna"))
    page = owner.get(reverse("assistant:learning"))
    assert b"qwzx plorf [phone]" in page.content and b"4567" not in page.content
    exchange = Exchange.objects.latest("pk")
    assert (
        owner.post(reverse("assistant:learning"), {"action": "handled", "exchange": exchange.pk}).status_code
        == 302
    )
    assert Exchange.objects.get(pk=exchange.pk).handled
