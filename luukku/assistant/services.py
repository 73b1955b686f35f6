"""Assi's rules: answering (safety first, then retrieval with a confidence threshold), ratings,
handover to a person, the knowledge base's review workflow and the learning loop.

Answering order (never changed by content): 1. emergency or crisis phrasing -> 112 / crisis line /
116 117 (`safety`); 2. retrieval over published topics; at or above ANSWER_THRESHOLD the best topic
is the answer (with its links); a question about symptoms gets the care-need assessment and no
diagnosis; 3. between OFFER_THRESHOLD and ANSWER_THRESHOLD Assi asks which of the best topics was
meant; 4. below that it says it has no answer and offers a person. Every question is logged masked
(`text.mask`) for the learning loop.
"""

import datetime as dt
import threading
import time
import uuid
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from luukku.audit.services import record_event
from luukku.identity.models import OrgUnit, Resident
from luukku.identity.services import units_below
from luukku.web import throttle

from . import language as lang
from . import replies, retrieval, safety
from .models import Exchange, Topic
from .text import mask

# Tuned on the development set (evaluation/dev.tsv), see docs/assistant.md: answer at ANSWER_THRESHOLD,
# or from CLEAR_WINNER_THRESHOLD when the best topic leads the next by CLEAR_MARGIN.
ANSWER_THRESHOLD = 0.5
CLEAR_WINNER_THRESHOLD = 0.35
CLEAR_MARGIN = 0.15
OFFER_THRESHOLD = 0.3
MAX_OFFERS = 3
SYMPTOM_TOPIC = "oireet-hoidon-tarve"
DEFAULT_QUEUE = "hoitaja"
SESSION_CONVERSATION = "assistant_conversation"  # the browser's current conversation with Assi
LANGUAGES = ("fi", "sv", "en")
# Every question is a row in the learning log: one address asks at most this many in ten minutes.
QUESTIONS_PER_ADDRESS = throttle.Limit("assistant.ask.address", 120, dt.timedelta(minutes=10))


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Offer:
    key: str
    title: str


@dataclass(frozen=True)
class Reply:
    outcome: str  # Exchange.Outcome
    language: str
    text: str
    topic_key: str = ""
    title: str = ""
    links: tuple[Link, ...] = ()
    offers: tuple[Offer, ...] = ()
    confidence: float = 0.0
    emergency: str = ""
    symptom_note: str = ""
    handover_queue: str = ""
    exchange_id: int | None = None
    conversation: str = ""


# --- The index, rebuilt when the published knowledge base or the directory changes --------------------


@dataclass
class _Indexes:
    version: tuple = ()
    by_language: dict[str, retrieval.LanguageIndex] = field(default_factory=dict)
    topics: dict[tuple[str, str], Topic] = field(default_factory=dict)


_cache = _Indexes()
_lock = threading.Lock()


def _version() -> tuple:
    topics = Topic.objects.filter(status=Topic.Status.PUBLISHED).aggregate(
        n=Count("pk"), at=Max("updated_at")
    )
    from luukku.directory.models import DirectoryService

    services = DirectoryService.objects.filter(published=True).aggregate(n=Count("pk"), at=Max("updated_at"))
    return (topics["n"], topics["at"], services["n"], services["at"])


def _service_documents(language: str) -> list[tuple[retrieval.Source, str, float]]:
    from luukku.directory.models import DirectoryService

    suffix = "" if language == "fi" else f"_{language}"
    documents = []
    for service in DirectoryService.objects.filter(published=True).only(
        "public_id", "name", "name_sv", "name_en", "summary", "summary_sv", "summary_en", "keywords"
    ):
        name = getattr(service, f"name{suffix}") or service.name
        text = f"{name} {getattr(service, f'summary{suffix}') or ''} {service.keywords}"
        source = retrieval.Source("service", str(service.public_id), name, f"/palvelut/{service.public_id}/")
        documents.append((source, text, retrieval.ANSWER_WEIGHT))
    return documents


def indexes() -> _Indexes:
    """The current indexes (built at first use and whenever the published content changed)."""
    global _cache
    version = _version()
    if _cache.version == version:
        return _cache
    with _lock:
        if _cache.version == version:
            return _cache
        topics = {
            (t.key, t.language): t
            for t in Topic.objects.filter(status=Topic.Status.PUBLISHED).select_related("owner_unit")
        }
        by_language = {}
        for language in LANGUAGES:
            documents = []
            for (key, topic_language), topic in topics.items():
                if topic_language != language:
                    continue
                source = retrieval.Source("topic", key, topic.title)
                documents.append((source, topic.title, 1.0))
                documents.extend((source, phrasing, 1.0) for phrasing in topic.phrasing_list())
                documents.append((source, topic.answer, retrieval.ANSWER_WEIGHT))
            documents.extend(_service_documents(language))
            by_language[language] = retrieval.build(language, documents)
        _cache = _Indexes(version, by_language, topics)
        return _cache


# --- Answering --------------------------------------------------------------------------------------


def _topic_in(current: _Indexes, key: str, language: str) -> Topic | None:
    return current.topics.get((key, language)) or next(
        (current.topics[(key, other)] for other in LANGUAGES if (key, other) in current.topics), None
    )


def _links(topic: Topic) -> tuple[Link, ...]:
    return tuple(Link(str(label), str(url)) for label, url in topic.links if url)


def answer(question: str, page_language: str = "fi") -> Reply:
    """What Assi answers (without logging): the rules above, as a pure function of the question and the
    published content."""
    page_language = page_language if page_language in LANGUAGES else "fi"
    current = indexes()
    coverage = {
        language: retrieval.coverage(current.by_language[language], question) for language in LANGUAGES
    }
    language = lang.detect(question, coverage, page_language)
    urgent = safety.emergency(question, language)
    if urgent is not None:
        return Reply(
            Exchange.Outcome.EMERGENCY,
            language,
            urgent.answer,
            emergency=urgent.kind,
            confidence=1.0,
            links=(Link(replies.ASSESSMENT_LABEL[language], safety.ASSESSMENT_URL),),
        )
    hits = retrieval.search(current.by_language[language], question, limit=MAX_OFFERS + 3)
    topic_hits = [h for h in hits if h.source.kind == "topic"]
    symptoms = safety.about_symptoms(question)
    best = topic_hits[0] if topic_hits else None
    if best is None or not confident(best, topic_hits[1] if len(topic_hits) > 1 else None):
        if symptoms and (topic := _topic_in(current, SYMPTOM_TOPIC, language)):
            return _topic_reply(topic, language, best.confidence if best else 0.0, symptoms=False)
        offers = tuple(
            Offer(h.source.key, h.source.title) for h in topic_hits if h.confidence >= OFFER_THRESHOLD
        )[:MAX_OFFERS]
        services = tuple(
            Link(h.source.title, h.source.url)
            for h in hits
            if h.source.kind == "service" and h.confidence >= ANSWER_THRESHOLD
        )[:MAX_OFFERS]
        if offers or services:
            text = replies.CLARIFY[language] if offers else replies.SERVICE_OFFER[language]
            return Reply(
                Exchange.Outcome.CLARIFY,
                language,
                text,
                offers=offers,
                links=services,
                confidence=best.confidence if best else 0.0,
            )
        return Reply(
            Exchange.Outcome.REFUSED,
            language,
            replies.REFUSE[language],
            confidence=best.confidence if best else 0.0,
            handover_queue=DEFAULT_QUEUE,
        )
    topic = _topic_in(current, best.source.key, language)
    return _topic_reply(topic, language, best.confidence, symptoms=symptoms)


def confident(best: retrieval.Hit, second: retrieval.Hit | None) -> bool:
    """Sure enough to answer: a high confidence, or a fair one well ahead of the next topic."""
    if best.confidence >= ANSWER_THRESHOLD:
        return True
    lead = best.confidence - (second.confidence if second else 0.0)
    return best.confidence >= CLEAR_WINNER_THRESHOLD and lead >= CLEAR_MARGIN


def _topic_reply(topic: Topic, language: str, confidence: float, symptoms: bool) -> Reply:
    links = _links(topic)
    if topic.symptom and not any(link.url == safety.ASSESSMENT_URL for link in links):
        links = (Link(replies.ASSESSMENT_LABEL[language], safety.ASSESSMENT_URL), *links)
    note = replies.SYMPTOM_NOTE[language] if symptoms and not topic.symptom else ""
    if note:
        links = (*links, Link(replies.ASSESSMENT_LABEL[language], safety.ASSESSMENT_URL))
    return Reply(
        Exchange.Outcome.ANSWERED,
        language,
        topic.answer,
        topic_key=topic.key,
        title=topic.title,
        links=links,
        confidence=confidence,
        symptom_note=note,
        handover_queue=topic.handover_queue or DEFAULT_QUEUE,
    )


def ask(question: str, page_language: str = "fi", conversation: str = "") -> Reply:
    """Answer a resident's question and log it (masked) with an `assistant.asked` event."""
    question = question.strip()
    if not question:
        raise ValidationError(_("Write a question."))
    reply = answer(question, page_language)
    conversation_id = _conversation_id(conversation)
    exchange = Exchange.objects.create(
        conversation=conversation_id,
        language=reply.language,
        question=mask(question),
        outcome=reply.outcome,
        topic_key=reply.topic_key,
        offered=[o.key for o in reply.offers],
        confidence=round(reply.confidence, 3),
    )
    record_event(
        "assistant.asked",
        language=reply.language,
        outcome=reply.outcome,
        topic=reply.topic_key,
        emergency=reply.emergency,
    )
    return Reply(**{**reply.__dict__, "exchange_id": exchange.pk, "conversation": str(conversation_id)})


def _conversation_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        return uuid.uuid4()


def topic_reply(key: str, page_language: str = "fi", conversation: str = "") -> Reply:
    """The answer of a topic the resident picked from the offers (logged like a question)."""
    current = indexes()
    topic = _topic_in(current, key, page_language if page_language in LANGUAGES else "fi")
    if topic is None:
        raise ValidationError(_("No such topic."))
    reply = _topic_reply(topic, topic.language, 1.0, symptoms=False)
    conversation_id = _conversation_id(conversation)
    exchange = Exchange.objects.create(
        conversation=conversation_id,
        language=topic.language,
        question=mask(topic.title),
        outcome=Exchange.Outcome.ANSWERED,
        topic_key=topic.key,
        confidence=1.0,
    )
    record_event("assistant.asked", language=topic.language, outcome="answered", topic=topic.key, picked=True)
    return Reply(**{**reply.__dict__, "exchange_id": exchange.pk, "conversation": str(conversation_id)})


def rate(exchange_id: int, conversation: str, helpful: bool) -> Exchange:
    """Thumbs up or down for an answer of this conversation (the browser's own)."""
    exchange = Exchange.objects.filter(pk=exchange_id, conversation=_conversation_id(conversation)).first()
    if exchange is None:
        raise PermissionDenied(_("You can rate only answers of your own conversation."))
    exchange.rating = 1 if helpful else -1
    exchange.save(update_fields=["rating"])
    record_event("assistant.rated", helpful=helpful, topic=exchange.topic_key, language=exchange.language)
    return exchange


# --- Handover to a person ---------------------------------------------------------------------------


def transcript(conversation: str) -> list[Exchange]:
    return list(
        Exchange.objects.filter(conversation=_conversation_id(conversation)).order_by("asked_at", "pk")
    )


def transcript_snapshot(conversation: str) -> dict | None:
    """The conversation as the chat's shared context: masked questions and what Assi answered."""
    exchanges = transcript(conversation)
    if not exchanges:
        return None
    titles = dict(
        Topic.objects.filter(
            key__in={e.topic_key for e in exchanges if e.topic_key},
            language__in={e.language for e in exchanges},
        ).values_list("key", "title")
    )
    rows = []
    for exchange in exchanges[-20:]:
        said = titles.get(exchange.topic_key, exchange.topic_key) or exchange.get_outcome_display()
        rows.append({"question": exchange.question, "answer": f"Assi: {said}"})
    return {"title": _("Conversation with the assistant Assi"), "rows": rows}


def fitting_queue(conversation: str):
    """The chat queue that fits the conversation: the last answered topic's queue, else the nurse chat;
    with whether it (or its alternative) is open now."""
    from luukku.chat.models import ChatQueue

    last = (
        Exchange.objects.filter(conversation=_conversation_id(conversation))
        .exclude(topic_key="")
        .order_by("-asked_at", "-pk")
        .first()
    )
    code = DEFAULT_QUEUE
    if last is not None:
        topic = Topic.objects.filter(key=last.topic_key).exclude(handover_queue="").first()
        code = topic.handover_queue if topic else DEFAULT_QUEUE
    return ChatQueue.objects.filter(code=code).first() or ChatQueue.objects.filter(code=DEFAULT_QUEUE).first()


@transaction.atomic
def hand_over_to_chat(
    conversation: str, person: Resident | None, user: AbstractBaseUser | None, caller: str = ""
):
    """Start a chat in the fitting queue (or its open alternative) with the transcript; raises
    ValidationError when every queue on the way is closed (offer a call-back then)."""
    from luukku.chat import services as chat

    queue = fitting_queue(conversation)
    open_queue = chat.open_queue(queue) if queue else None
    if open_queue is None:
        raise ValidationError(_("The chat is closed now. Leave a call-back request instead."))
    shared = transcript_snapshot(conversation)
    chat_conversation = chat.start(
        open_queue, person, user, {"shared": [shared]} if shared else {}, caller=caller
    )
    _mark_handover(conversation, "chat", open_queue.code)
    return chat_conversation


@transaction.atomic
def hand_over_as_call_back(
    conversation: str,
    name: str,
    phone: str,
    person: Resident | None = None,
    caller: str = "",
):
    """A call-back request to the fitting queue's unit with the transcript as its topic (desk's
    call-back machinery, with its throttles)."""
    from luukku.desk import services as desk

    queue = fitting_queue(conversation)
    unit = queue.unit if queue else OrgUnit.objects.filter(level="unit").order_by("pk").first()
    questions = [e.question for e in transcript(conversation)][-5:]
    topic = "Assi: " + " / ".join(questions) if questions else "Assi"
    item = desk.request_call_back(unit, topic[:500], name, phone, client=person, address=caller)
    _mark_handover(conversation, "call_back", queue.code if queue else "")
    return item


def _mark_handover(conversation: str, kind: str, queue: str) -> None:
    Exchange.objects.filter(conversation=_conversation_id(conversation)).update(handover=kind)
    record_event("assistant.handover", how=kind, queue=queue)


# --- The knowledge base: content owners and the review step -----------------------------------------


def owned_units(user: AbstractBaseUser) -> set[int]:
    """Units whose topics the professional may edit and review: their work units, the units below them,
    and the units above them (a result area's or the county's topics are kept by the people of its
    units). Only client-work roles count: auditors and administrators do not write content."""
    from luukku.access.policy import work_roles

    roles = work_roles(user) if user.is_authenticated else []
    if not roles:
        return set()
    owned = set(units_below([r.unit for r in roles]))
    for role in roles:
        unit = role.unit
        while unit.parent_id is not None and unit.parent_id not in owned:
            owned.add(unit.parent_id)
            unit = unit.parent
    return owned


def editable_topics(user: AbstractBaseUser) -> QuerySet[Topic]:
    return Topic.objects.filter(owner_unit_id__in=owned_units(user)).select_related("owner_unit")


def require_owner(user: AbstractBaseUser, topic: Topic) -> None:
    if topic.owner_unit_id not in owned_units(user):
        raise PermissionDenied(_("Only the content owners of the topic's unit can change it."))


def _check_topic_data(topic: Topic | None, data: dict, user: AbstractBaseUser) -> None:
    if data.get("owner_unit") is not None and data["owner_unit"].pk not in owned_units(user):
        raise PermissionDenied(_("You can give a topic only to a unit you work in."))
    clash = Topic.objects.filter(key=data["key"], language=data["language"])
    if topic is not None:
        clash = clash.exclude(pk=topic.pk)
    if clash.exists():
        raise ValidationError(_("A topic with this key already exists in this language."))


@transaction.atomic
def create_topic(data: dict, user: AbstractBaseUser) -> Topic:
    """A new topic as a draft, owned by a unit the content owner works in."""
    _check_topic_data(None, data, user)
    topic = Topic(
        **data,
        status=Topic.Status.DRAFT,
        updated_by=user,
        updated_at=timezone.now(),
    )
    topic.save()
    record_event("assistant.topic_changed", actor=user, topic=topic.key, language=topic.language, to="draft")
    return topic


@transaction.atomic
def save_topic(topic: Topic, data: dict, user: AbstractBaseUser) -> Topic:
    """Save an edit. The topic goes back to draft (and out of Assi's answers) until it is reviewed and
    published again: nothing unreviewed is ever answered."""
    require_owner(user, topic)
    _check_topic_data(topic, data, user)
    for name, value in data.items():
        setattr(topic, name, value)
    topic.status = Topic.Status.DRAFT
    topic.updated_by = user
    topic.updated_at = timezone.now()
    topic.reviewed_by = None
    topic.save()
    record_event("assistant.topic_changed", actor=user, topic=topic.key, language=topic.language, to="draft")
    return topic


@transaction.atomic
def submit_for_review(topic: Topic, user: AbstractBaseUser) -> Topic:
    require_owner(user, topic)
    if topic.status != Topic.Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    topic.status = Topic.Status.IN_REVIEW
    topic.updated_by = user
    topic.save(update_fields=["status", "updated_by"])
    record_event(
        "assistant.topic_changed", actor=user, topic=topic.key, language=topic.language, to="in_review"
    )
    return topic


@transaction.atomic
def publish(topic: Topic, user: AbstractBaseUser, today: dt.date | None = None) -> Topic:
    """Publish a topic in review. Four eyes: the reviewer is another content owner than the last
    editor. A topic past its review date cannot be published until the date is moved."""
    require_owner(user, topic)
    if topic.status != Topic.Status.IN_REVIEW:
        raise ValidationError(_("Only a topic in review can be published."))
    if topic.updated_by_id == user.pk:
        raise ValidationError(_("Another content owner must review your own change."))
    if topic.review_date < (today or timezone.localdate()):
        raise ValidationError(_("The review date has passed: set a new one first."))
    topic.status = Topic.Status.PUBLISHED
    topic.reviewed_by = user
    topic.published_at = timezone.now()
    topic.updated_at = timezone.now()
    topic.save(update_fields=["status", "reviewed_by", "published_at", "updated_at"])
    record_event(
        "assistant.topic_changed", actor=user, topic=topic.key, language=topic.language, to="published"
    )
    return topic


@transaction.atomic
def return_to_draft(topic: Topic, user: AbstractBaseUser) -> Topic:
    require_owner(user, topic)
    if topic.status != Topic.Status.IN_REVIEW:
        raise ValidationError(_("Only a topic in review can be returned."))
    topic.status = Topic.Status.DRAFT
    topic.save(update_fields=["status"])
    record_event("assistant.topic_changed", actor=user, topic=topic.key, language=topic.language, to="draft")
    return topic


def due_for_review(today: dt.date | None = None) -> QuerySet[Topic]:
    return Topic.objects.filter(review_date__lt=today or timezone.localdate())


# --- The learning loop ------------------------------------------------------------------------------


def learning_list(limit: int = 200) -> QuerySet[Exchange]:
    """Questions to turn into topics: unanswered, asked to clarify, rated unhelpful or handed over;
    not yet dealt with. The questions are masked; no person is linked."""
    from django.db.models import Q

    wanted = (
        Q(outcome__in=[Exchange.Outcome.REFUSED, Exchange.Outcome.CLARIFY]) | Q(rating=-1) | ~Q(handover="")
    )
    return Exchange.objects.filter(wanted, handled=False).order_by("-asked_at")[:limit]


def mark_handled(exchange: Exchange, user: AbstractBaseUser) -> Exchange:
    exchange.handled = True
    exchange.save(update_fields=["handled"])
    return exchange


def timed_answer(question: str, page_language: str = "fi") -> tuple[Reply, float]:
    """The reply and how long it took in milliseconds (for the evaluation)."""
    started = time.perf_counter()
    reply = answer(question, page_language)
    return reply, (time.perf_counter() - started) * 1000
