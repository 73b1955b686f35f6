"""Events questionnaires publish (luukku.web.events): delivered after the answer commits."""

from dataclasses import dataclass


@dataclass(frozen=True)
class QuestionnaireAnswered:
    response_id: int


@dataclass(frozen=True)
class ResponseHandled:
    """A professional handled a sent form (a notification) where it arrived."""

    response_id: int
    user_id: int | None


@dataclass(frozen=True)
class QuestionnaireActivated:
    """A form was put on a resident's page to be answered."""

    activation_id: int
