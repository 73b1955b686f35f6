"""Questionnaires' test factories."""

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from luukku.identity.models import Resident
from luukku.questionnaires import services
from luukku.questionnaires.models import Response


def completed_response(
    person: Resident | None, key: str, author: AbstractBaseUser | None = None, answers: dict | None = None
) -> Response:
    """A sent answer to the current version of the form `key` (the catalogue must be published)."""
    return Response.objects.create(
        definition=services.current(key),
        person=person,
        author=author,
        status=Response.Status.COMPLETED,
        completed_at=timezone.now(),
        answers=answers or {},
    )
