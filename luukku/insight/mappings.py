"""The warehouse mappings of the event kinds recorded before this app (registered in ready()).

Channel rules: a sign-in, a form, an own booking or a secure message is `web`; a booking made by a
professional is `phone` (the client called); a care-need assessment filled in by a professional is
`phone` (the assessment's phone form, /ammattilainen/hoidon-tarve/); a chat is `chat`; a logged contact
carries its own channel. An event's own `channel` key always wins.
"""

from .registry import EventMapping, register_event_mapping


def _booked_channel(data: dict) -> str:
    return "phone" if data.get("booked_as") == "professional" else "web"


def _assessment_channel(data: dict) -> str:
    return "phone" if data.get("by_professional") else "web"


def _chat_service(data: dict) -> str | None:
    return f"chat:{data['queue']}" if data.get("queue") else None


def _audit_score(data: dict) -> int | None:
    scores = data.get("scores")
    return scores.get("audit") if isinstance(scores, dict) else None


CONTACT_LOGGED = "insight.contact_logged"

MAPPINGS = (
    EventMapping("identity.signed_in", channel="web", detail="method"),
    EventMapping("booking.booked", channel=_booked_channel, contact=True),
    EventMapping("booking.cancelled", channel="web"),
    EventMapping("booking.rescheduled_from", channel="web"),
    EventMapping("chat.started", channel="chat", service=_chat_service, contact=True),
    EventMapping("chat.taken", channel="chat", service=_chat_service),
    EventMapping("chat.closed", channel="chat", service=_chat_service),
    EventMapping("questionnaire.activated", detail="key"),
    EventMapping("questionnaire.activation_answered", detail="key"),
    EventMapping("questionnaire.activation_cancelled", detail="key"),
    EventMapping("questionnaire.activation_skipped", detail="key"),
    EventMapping("questionnaire.answered", channel="web", detail="key", value=_audit_score, contact=True),
    EventMapping("assessment.made", channel=_assessment_channel, detail="route", contact=True),
    EventMapping("inbox.resident_wrote", channel="web", detail="source", contact=True),
    EventMapping("feedback.received", channel="web"),
    EventMapping(CONTACT_LOGGED, channel=None, detail="topic", contact=True),
    *(
        EventMapping(f"carepath.{what}", detail="template")
        for what in (
            "started",
            "phase",
            "task_done",
            "task_added",
            "task_removed",
            "task_rescheduled",
            "ended",
        )
    ),
)


def register() -> None:
    for mapping in MAPPINGS:
        register_event_mapping(mapping)
