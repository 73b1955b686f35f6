"""Events feedback publishes (luukku.web.events): delivered after the change commits."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FeedbackReceived:
    """Free-form feedback or a formal complaint arrived (it is in the target unit's queue)."""

    feedback_id: int


@dataclass(frozen=True)
class FeedbackReplied:
    """A handler replied to feedback whose giver asked for a reply (or to a formal complaint).

    `person_id` is the resident the reply is for (None when it goes by e-mail or text message only), so
    an inbox can file the reply without reading the feedback."""

    feedback_id: int
    person_id: int | None
