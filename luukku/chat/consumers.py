"""The WebSocket end of a conversation: messages typed here are stored and broadcast to the group.

The right to be in the conversation is decided at connect (a professional's opening is written to
the access log) and decided again on a short timer - before a message is sent or delivered when the
last decision is older than RECHECK_SECONDS: when a role, a mandate or a guardianship ends, the socket
closes (code 4403) within that time.

A frame that is not a JSON object of at most MAX_FRAME characters with a text `body` gets an error frame
in the user's language (the language cookie, else the browser's Accept-Language); the socket stays open.
"""

import json
import random
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from luukku.access.policy import AccessDenied, work_roles
from luukku.web.routes import Audience, route
from luukku.web.text import MAX_MESSAGE

from . import services
from .models import Conversation

SESSION_KEY = "luukku_chats"
RECHECK_SECONDS = 15
FORBIDDEN = 4403
MAX_FRAME = 2 * MAX_MESSAGE + 1000  # a message with every character escaped, and the rest of the object


class BadFrame(ValueError):
    """A frame that is not a message: answered with an error frame."""


def language_of(scope: dict) -> str:
    """The socket user's language: the language cookie, else Accept-Language, else the default."""
    supported = {code for code, _name in settings.LANGUAGES}
    cookie = (scope.get("cookies") or {}).get(settings.LANGUAGE_COOKIE_NAME, "")
    if cookie in supported:
        return cookie
    headers = dict(scope.get("headers") or [])
    accepted = headers.get(b"accept-language", b"").decode("latin-1")
    for language, _quality in translation.trans_real.parse_accept_lang_header(accepted):
        code = language.split("-")[0].lower()
        if code in supported:
            return code
    return settings.LANGUAGE_CODE


def message_of(text_data: str | None) -> dict:
    """The JSON object of a frame; BadFrame (with a message for the user) when it is not one."""
    if text_data is None:
        raise BadFrame(_("Send messages as JSON text."))
    if len(text_data) > MAX_FRAME:
        raise BadFrame(_("The message is too long: at most %(limit)s characters.") % {"limit": MAX_MESSAGE})
    try:
        content = json.loads(text_data)
    except (ValueError, RecursionError):
        raise BadFrame(_("The message could not be read. Reload the page and try again.")) from None
    if not isinstance(content, dict) or not isinstance(content.get("body", ""), str):
        raise BadFrame(_("The message could not be read. Reload the page and try again."))
    return content


def queue_text(position: int, minutes: int) -> str:
    """What the waiting resident reads about their place; the same words as the page (conversation.html)."""
    place = ngettext(
        "You are number %(position)s in the queue.", "You are number %(position)s in the queue.", position
    ) % {"position": position}
    wait = ngettext(
        "Estimated wait about %(minutes)s minute.", "Estimated wait about %(minutes)s minutes.", minutes
    ) % {"minutes": minutes}
    return f"{place} {wait}"


def replay_from(query_string: bytes) -> int | None:
    """The id of the last message a reconnecting page has (`?since=<id>`); None when not a reconnect or
    not a plain id (a bad value replays nothing rather than failing the connection)."""
    from urllib.parse import parse_qs

    value = parse_qs(query_string.decode("latin-1")).get("since", [""])[0]
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


@route(Audience.RESIDENT_OR_PROFESSIONAL, "health")
class ConversationConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.group = None
        self.language = language_of(self.scope)
        allowed = await database_sync_to_async(self._admit)()
        if not allowed:
            await self.close(code=FORBIDDEN)
            return
        self.group = services.group_name(self.conversation)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        since = replay_from(self.scope.get("query_string", b""))
        if since is not None:  # a reconnect: what was posted while the connection was down
            for payload in await database_sync_to_async(self._missed)(since):
                await self.send_json(payload)

    def _missed(self, since: int) -> list[dict]:
        with translation.override(self.language):
            return services.messages_since(self.conversation, since, self.professional)

    def _admit(self) -> bool:
        public_id = self.scope["url_route"]["kwargs"]["public_id"]
        self.conversation = (
            Conversation.objects.select_related("queue__unit", "person").filter(public_id=public_id).first()
        )
        if self.conversation is None:
            return False
        user = self.scope["user"]
        self.professional = services.is_professional_in(user, self.conversation)
        if not self.professional and work_roles(user):
            services.professional_decision(user, self.conversation)  # a professional's refusal is logged
            return False
        return self._allowed(log=True)

    def _allowed(self, log: bool = False) -> bool:
        """Decided anew: a professional through the access policy, a resident through the proxy rules."""
        self.checked_at = time.monotonic()
        # Spread the next decisions of sockets opened together over half the period (no thundering herd).
        self.valid_for = RECHECK_SECONDS * random.uniform(0.5, 1.0)
        user = self.scope["user"]
        if self.professional:
            return services.professional_decision(user, self.conversation, log=log).allowed
        session = self.scope.get("session") or {}
        return services.may_join(user, session.get(SESSION_KEY, []), self.conversation)

    async def _still_allowed(self) -> bool:
        if time.monotonic() - self.checked_at < self.valid_for:
            return True
        if await database_sync_to_async(self._allowed)():
            return True
        await self.close(code=FORBIDDEN)
        return False

    async def disconnect(self, code: int) -> None:
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs) -> None:
        """Frames are read here rather than by AsyncJsonWebsocketConsumer, which fails on non-JSON."""
        try:
            with translation.override(self.language):
                content = message_of(text_data)
        except BadFrame as bad:
            await self.send_json({"type": "error", "message": str(bad)})
            return
        await self.receive_json(content)

    async def receive_json(self, content: dict, **kwargs) -> None:
        if not await self._still_allowed():  # decided anew at most RECHECK_SECONDS ago
            return
        try:
            await database_sync_to_async(self._post)(content)
        except AccessDenied:
            await self.close(code=FORBIDDEN)
        except (ValidationError, PermissionDenied) as error:
            with translation.override(self.language):
                message = " ".join(getattr(error, "messages", [str(error)])) or _(
                    "You do not have the right to do this."
                )
            await self.send_json({"type": "error", "message": message})

    def _post(self, content: dict) -> None:
        conversation = Conversation.objects.select_related("queue__unit", "person").get(
            pk=self.conversation.pk
        )
        with translation.override(self.language):
            services.post(
                conversation,
                self.scope["user"],
                content.get("body", ""),
                self.professional,
                internal=content.get("internal") is True and self.professional,
                recheck=False,
            )

    async def chat_queue(self, event: dict) -> None:
        """The resident's place in the queue changed (chat.services.announce_queue_standing)."""
        if self.professional or not await self._still_allowed():
            return
        with translation.override(self.language):
            text = queue_text(event["position"], event["minutes"]) if event["position"] else ""
        await self.send_json({"type": "queue", "position": event["position"], "text": text})

    async def chat_message(self, event: dict) -> None:
        if event["internal"] and not self.professional:
            return  # consultations between professionals never reach the resident
        if await self._still_allowed():
            await self.send_json(event)
