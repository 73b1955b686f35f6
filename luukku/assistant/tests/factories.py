"""Assi's test factories: topics of the shared test county's units and its professionals."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from luukku.assistant.models import Topic
from luukku.identity.models import OrgUnit

_keys = itertools.count(1)


def professional_user(username: str):
    return get_user_model().objects.get(username=username)


def topic(**kwargs) -> Topic:
    """A topic of Hämeenlinna health centre (hoitaja.hanna, laakari.lauri and esihenkilo.eija own it)."""
    kwargs.setdefault("key", f"test-topic-{next(_keys)}")
    kwargs.setdefault("language", "fi")
    kwargs.setdefault("title", "Testiaihe")
    kwargs.setdefault("phrasings", "testikysymys")
    kwargs.setdefault("answer", "Testivastaus.")
    kwargs.setdefault("owner_unit", OrgUnit.objects.get(code=kwargs.pop("owner", "hml-terveysasema")))
    kwargs.setdefault("review_date", timezone.localdate() + dt.timedelta(days=90))
    kwargs.setdefault("status", Topic.Status.DRAFT)
    return Topic.objects.create(**kwargs)


def topic_data(topic: Topic, **changes) -> dict:
    """What TopicForm hands to the services for this topic, with changes."""
    data = {
        "key": topic.key,
        "language": topic.language,
        "title": topic.title,
        "phrasings": topic.phrasings,
        "answer": topic.answer,
        "links": topic.links,
        "owner_unit": topic.owner_unit,
        "review_date": topic.review_date,
        "handover_queue": topic.handover_queue,
        "symptom": topic.symptom,
    }
    return {**data, **changes}
