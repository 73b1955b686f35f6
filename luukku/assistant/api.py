"""Assi's JSON API: ask, pick an offered topic, rate an answer. Public (no personal data); the
conversation is a random id the client keeps and sends back."""

import uuid
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from luukku.web import throttle
from luukku.web.api_fields import Id, Text
from luukku.web.routes import Audience, route

from . import services
from .models import Exchange

router = Router(tags=["assistant"])

Language = Literal["fi", "sv", "en"]


class AskIn(Schema):
    question: Text(Exchange._meta.get_field("question").max_length)
    language: Language = "fi"
    conversation: uuid.UUID | None = None


class TopicIn(Schema):
    key: Text(80)
    language: Language = "fi"
    conversation: uuid.UUID | None = None


class RateIn(Schema):
    exchange: Id
    conversation: uuid.UUID
    helpful: bool


class LinkOut(Schema):
    label: str
    url: str


class OfferOut(Schema):
    key: str
    title: str


class ReplyOut(Schema):
    outcome: str
    language: str
    text: str
    title: str
    topic: str
    emergency: str
    symptom_note: str
    links: list[LinkOut]
    offers: list[OfferOut]
    confidence: float
    exchange: int | None
    conversation: str


class RatedOut(Schema):
    exchange: int
    rating: int


class ErrorOut(Schema):
    detail: str


def reply_out(reply: services.Reply) -> dict:
    return {
        "outcome": reply.outcome,
        "language": reply.language,
        "text": reply.text,
        "title": reply.title,
        "topic": reply.topic_key,
        "emergency": reply.emergency,
        "symptom_note": reply.symptom_note,
        "links": [{"label": link.label, "url": link.url} for link in reply.links],
        "offers": [{"key": offer.key, "title": offer.title} for offer in reply.offers],
        "confidence": round(reply.confidence, 3),
        "exchange": reply.exchange_id,
        "conversation": reply.conversation,
    }


@route(Audience.PUBLIC, "none")
@router.post("/ask", response={200: ReplyOut, 422: ErrorOut, 429: ErrorOut})
def ask(request: HttpRequest, payload: AskIn):
    """Ask Assi. Emergency phrasing is always answered with 112 / the crisis line / 116 117 first."""
    throttle.hit(services.QUESTIONS_PER_ADDRESS, throttle.address_key(request), request)
    try:
        reply = services.ask(payload.question, payload.language, str(payload.conversation or ""))
    except ValidationError as invalid:
        return Status(422, {"detail": " ".join(invalid.messages)})
    if request.session.get(services.SESSION_CONVERSATION) != reply.conversation:
        request.session[services.SESSION_CONVERSATION] = reply.conversation  # for the handover page
    return Status(200, reply_out(reply))


@route(Audience.PUBLIC, "none")
@router.post("/topic", response={200: ReplyOut, 404: ErrorOut, 429: ErrorOut})
def topic(request: HttpRequest, payload: TopicIn):
    """The answer of a topic Assi offered."""
    throttle.hit(services.QUESTIONS_PER_ADDRESS, throttle.address_key(request), request)
    try:
        reply = services.topic_reply(payload.key, payload.language, str(payload.conversation or ""))
    except ValidationError as invalid:
        return Status(404, {"detail": " ".join(invalid.messages)})
    return Status(200, reply_out(reply))


@route(Audience.PUBLIC, "none")
@router.post("/rate", response={200: RatedOut, 403: ErrorOut})
def rate(request: HttpRequest, payload: RateIn):
    """Thumbs up or down for an answer of your own conversation."""
    try:
        exchange = services.rate(payload.exchange, str(payload.conversation), payload.helpful)
    except PermissionDenied as denied:
        return Status(403, {"detail": str(denied)})
    return Status(200, {"exchange": exchange.pk, "rating": exchange.rating})
