"""Feedback's test factories: targets of the shared test county's units, and feedback given the way
residents give it."""

import itertools

from django.contrib.auth import get_user_model

from luukku.feedback import services
from luukku.feedback.models import Feedback, FeedbackTarget
from luukku.identity.models import OrgUnit

_codes = itertools.count(1)


def target(unit: str = "rmk-terveysasema", **kwargs) -> FeedbackTarget:
    """The unit's own target, or a new service target of the unit when names are given."""
    found = OrgUnit.objects.get(code=unit)
    if not kwargs:
        return services.unit_target(found)
    kwargs.setdefault("code", f"test-target-{next(_codes)}")
    kwargs.setdefault("kind", FeedbackTarget.Kind.SERVICE)
    return FeedbackTarget.objects.create(unit=found, **kwargs)


def feedback(kind: str = Feedback.Kind.COMPLAINT, unit: str = "rmk-terveysasema", **kwargs) -> Feedback:
    kwargs.setdefault("text", "Odotin puhelinjonossa tunnin.")
    text = kwargs.pop("text")
    return services.give_feedback(kind, target(unit), text, **kwargs)


def professional_user(username: str):
    return get_user_model().objects.get(username=username)
