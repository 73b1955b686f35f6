"""Assi's rules: answering order, logging, ratings, handover and the knowledge base's review step."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from luukku.assistant import services
from luukku.assistant.models import Exchange, Topic
from luukku.audit.models import Event
from luukku.chat.models import ChatQueue, Conversation
from luukku.desk.models import WorkItem

from .factories import professional_user, topic, topic_data

pytestmark = pytest.mark.django_db

ALWAYS = {str(day): ["00:00", "24:00"] for day in range(7)}


def test_a_question_is_answered_from_the_published_knowledge_base(personas):
    reply = services.answer("Miten varaan ajan terveysasemalle?", "fi")
    assert (reply.outcome, reply.topic_key, reply.language) == ("answered", "ajanvaraus", "fi")
    assert any(link.url == "/ajanvaraus/" for link in reply.links)  # answers carry their sources
    swedish = services.answer("Hur avbokar jag min tid?", "fi")
    assert (swedish.language, swedish.topic_key) == ("sv", "ajan-peruminen")
    assert "Mina bokningar" in {link.label for link in swedish.links}


def test_emergency_comes_before_any_topic(personas):
    reply = services.answer("rintakipu, miten varaan ajan", "fi")
    assert reply.outcome == "emergency" and reply.topic_key == ""
    assert reply.text.startswith("Jos kyseessä on hätätilanne, soita heti hätänumeroon 112")


def test_symptoms_get_the_assessment_never_a_diagnosis(personas):
    reply = services.answer("lapsella on kuumetta ja yskää", "fi")
    assert reply.outcome == "answered"
    assert any(link.url == "/hoidon-tarve/" for link in reply.links)
    unknown = services.answer("my elbow feels sore when knitting", "en")
    assert unknown.topic_key == services.SYMPTOM_TOPIC and "diagnosis" in unknown.text


def test_below_the_threshold_assi_asks_or_refuses(personas):
    refused = services.answer("qwzx plorf", "fi")
    assert refused.outcome == "refused" and refused.handover_queue == services.DEFAULT_QUEUE
    not_ours = services.answer("mikä on Suomen pääkaupunki", "fi")
    assert not_ours.outcome in ("refused", "clarify") and not_ours.topic_key == ""
    unclear = services.answer("rokotus", "fi")
    assert unclear.outcome in ("answered", "clarify")
    if unclear.outcome == "clarify":
        assert unclear.offers


def test_unpublished_topics_are_never_answered(personas):
    topic(phrasings="zebrakuljetus savannille", status=Topic.Status.DRAFT)
    assert services.answer("zebrakuljetus savannille", "fi").topic_key == ""
    topic(key="zebra", phrasings="zebrakuljetus savannille", status=Topic.Status.PUBLISHED)
    assert services.answer("zebrakuljetus savannille", "fi").topic_key == "zebra"


def test_asking_logs_the_question_masked_with_an_event(personas):
    reply = services.ask("Hetuni on 010150-123T ja numero 0401234567, miten varaan ajan?", "fi")
    exchange = Exchange.objects.get(pk=reply.exchange_id)
    assert "010150-123T" not in exchange.question and "0401234567" not in exchange.question
    assert "[hetu]" in exchange.question and "[phone]" in exchange.question
    assert exchange.outcome == reply.outcome and str(exchange.conversation) == reply.conversation
    event = Event.objects.filter(kind="assistant.asked").latest("pk")
    assert event.data == {
        "language": "fi",
        "outcome": reply.outcome,
        "topic": reply.topic_key,
        "emergency": "",
    }
    assert "010150" not in str(event.data)
    with pytest.raises(ValidationError):
        services.ask("   ", "fi")


def test_only_the_own_conversation_rates(personas):
    reply = services.ask("Miten varaan ajan?", "fi")
    with pytest.raises(PermissionDenied):
        services.rate(reply.exchange_id, str(uuid.uuid4()), helpful=False)
    assert services.rate(reply.exchange_id, reply.conversation, helpful=False).rating == -1
    assert Event.objects.filter(kind="assistant.rated", data__helpful=False).exists()
    assert Exchange.objects.get(pk=reply.exchange_id) in services.learning_list()


def test_refused_questions_are_listed_for_content_owners(personas):
    reply = services.ask("qwzx plorf", "fi")
    listed = services.learning_list()
    assert reply.exchange_id in [e.pk for e in listed]
    services.mark_handled(Exchange.objects.get(pk=reply.exchange_id), professional_user("hoitaja.hanna"))
    assert reply.exchange_id not in [e.pk for e in services.learning_list()]


def test_handover_to_an_open_chat_carries_the_transcript(personas):
    ChatQueue.objects.filter(code="suun-terveys").update(hours=ALWAYS, open_on_holidays=True)
    reply = services.ask("hammaslääkärin ajanvaraus", "fi")
    assert reply.topic_key == "hammashoito-ajanvaraus"
    chat = services.hand_over_to_chat(reply.conversation, None, None)
    assert chat.queue.code == "suun-terveys" and chat.status == Conversation.Status.WAITING
    shared = chat.context["shared"][0]
    assert shared["rows"][0] == {
        "question": "hammaslääkärin ajanvaraus",
        "answer": "Assi: Hammashoitoon hakeutuminen",
    }
    assert Exchange.objects.get(pk=reply.exchange_id).handover == "chat"
    assert Event.objects.filter(kind="assistant.handover", data__how="chat").exists()


def test_outside_opening_hours_a_call_back_instead(personas):
    ChatQueue.objects.update(hours={}, alternative=None)
    reply = services.ask("kuka voitti pääkaupungin", "fi")
    with pytest.raises(ValidationError):
        services.hand_over_to_chat(reply.conversation, None, None)
    item = services.hand_over_as_call_back(reply.conversation, "Testi Henkilö", "+358401234567")
    assert item.kind == WorkItem.Kind.CALL_BACK and "pääkaupungin" in item.note
    assert Exchange.objects.get(pk=reply.exchange_id).handover == "call_back"


def test_review_needs_another_content_owner(personas):
    hanna, eija = professional_user("hoitaja.hanna"), professional_user("esihenkilo.eija")
    draft = topic()
    services.save_topic(draft, topic_data(draft, answer="Uusi vastaus."), hanna)
    with pytest.raises(ValidationError):
        services.publish(draft, eija)  # not in review yet
    services.submit_for_review(draft, hanna)
    with pytest.raises(ValidationError):
        services.publish(draft, hanna)  # four eyes
    services.publish(draft, eija)
    draft.refresh_from_db()
    assert draft.status == Topic.Status.PUBLISHED and draft.reviewed_by == eija
    services.save_topic(draft, topic_data(draft, answer="Muutettu."), eija)
    draft.refresh_from_db()
    assert draft.status == Topic.Status.DRAFT  # an edit is out of Assi's answers until reviewed again


def test_only_the_owner_units_people_edit(personas):
    riikka = professional_user("hoitaja.riikka")  # Riihimäki
    hml = topic()
    with pytest.raises(PermissionDenied):
        services.save_topic(hml, topic_data(hml, answer="x"), riikka)
    with pytest.raises(PermissionDenied):
        services.submit_for_review(hml, professional_user("tietosuoja.tiina"))
    county = topic(owner="kanta-hame")  # the county's topics are kept by the people of its units
    services.submit_for_review(county, riikka)
    with pytest.raises(PermissionDenied):  # ... never by auditors or administrators
        services.publish(county, professional_user("paakayttaja.pekka"))
    services.publish(county, professional_user("sosiaalityo.saara"))


def test_a_topic_past_its_review_date_is_not_published(personas):
    hanna, eija = professional_user("hoitaja.hanna"), professional_user("esihenkilo.eija")
    old = topic(review_date=dt.date(2026, 1, 1), status=Topic.Status.IN_REVIEW, updated_by=hanna)
    with pytest.raises(ValidationError):
        services.publish(old, eija, today=dt.date(2026, 1, 2))
    services.publish(old, eija, today=dt.date(2026, 1, 1))  # the review date itself is still in time


def test_a_key_is_unique_in_its_language(personas):
    hanna = professional_user("hoitaja.hanna")
    first = topic()
    second = topic()
    with pytest.raises(ValidationError):
        services.save_topic(second, topic_data(second, key=first.key), hanna)
    created = services.create_topic(topic_data(first, language="sv", review_date=dt.date(2030, 1, 1)), hanna)
    assert created.status == Topic.Status.DRAFT and created.updated_by == hanna
