"""Contact requests from service pages are work in the giving unit's queue (desk); closing the queue item
marks the request handled, which the resident sees on the service page."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from luukku.desk.registry import WorkSource, register_work_source

from .models import ContactRequest

PREFIX = "dircontact"


def close_at_origin(source_id: str, actor: AbstractBaseUser | None) -> None:
    """The queue item is done: the request is handled (the desk gives the id after the prefix)."""
    ContactRequest.objects.filter(public_id=source_id, status=ContactRequest.Status.SENT).update(
        status=ContactRequest.Status.HANDLED, handled_at=timezone.now()
    )


def connect() -> None:
    register_work_source(WorkSource(PREFIX, close_at_origin))
