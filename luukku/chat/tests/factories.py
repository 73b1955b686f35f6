"""Chat's test factories: an open queue, conversations started the way residents start them, pictures."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile

from luukku.chat import services
from luukku.chat.models import ChatMessage, ChatQueue, Conversation
from luukku.identity.models import Resident
from luukku.web.tests.pictures import png

ALWAYS = {str(day): ["00:00", "24:00"] for day in range(7)}


def open_queue(code: str = "hoitaja") -> ChatQueue:
    """A queue of the shared test county, open round the clock so tests do not depend on the hour."""
    queue = ChatQueue.objects.get(code=code)
    queue.hours = ALWAYS
    queue.save(update_fields=["hours"])
    return queue


def conversation(
    person: Resident | None = None,
    queue: str = "hoitaja",
    taken_by: AbstractBaseUser | None = None,
    context: dict | None = None,
) -> Conversation:
    """A conversation started by `person` (None: anonymous), optionally taken by a professional."""
    started = services.start(open_queue(queue), person, person.user if person else None, context)
    if taken_by is not None:
        services.take(started, taken_by)
        started.refresh_from_db()
    return started


def picture(chat: Conversation, user: AbstractBaseUser | None, as_professional: bool = False) -> ChatMessage:
    upload = SimpleUploadedFile("kuva.png", png(), content_type="image/png")
    return services.attach(chat, user, upload, as_professional=as_professional)
