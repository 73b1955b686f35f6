"""The WebSocket end of a conversation: messages typed here are stored and broadcast to the group.

The right to be in the conversation is decided at connect (a professional's opening is written to
the access log) and decided again on a short timer - before a message is sent or delivered when the
last decision is older than RECHECK_SECONDS: when a role, a mandate or a guardianship ends, the socket
closes (code 4403) within that time.
"""

import random
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import PermissionDenied, ValidationError

from luukku.access.policy import AccessDenied, work_roles
from luukku.web.routes import Audience, route

from . import services
from .models import Conversation

SESSION_KEY = "luukku_chats"
RECHECK_SECONDS = 15
FORBIDDEN = 4403


@route(Audience.RESIDENT_OR_PROFESSIONAL, "health")
class ConversationConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.group = None
        allowed = await database_sync_to_async(self._admit)()
        if not allowed:
            await self.close(code=FORBIDDEN)
            return
        self.group = services.group_name(self.conversation)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

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

    async def receive_json(self, content: dict, **kwargs) -> None:
        if not await self._still_allowed():  # decided anew at most RECHECK_SECONDS ago
            return
        try:
            await database_sync_to_async(self._post)(content)
        except AccessDenied:
            await self.close(code=FORBIDDEN)
        except (ValidationError, PermissionDenied) as error:
            await self.send_json(
                {"type": "error", "message": " ".join(getattr(error, "messages", [str(error)]))}
            )

    def _post(self, content: dict) -> None:
        conversation = Conversation.objects.select_related("queue__unit", "person").get(
            pk=self.conversation.pk
        )
        services.post(
            conversation,
            self.scope["user"],
            str(content.get("body", "")),
            self.professional,
            internal=bool(content.get("internal")) and self.professional,
            recheck=False,
        )

    async def chat_message(self, event: dict) -> None:
        if event["internal"] and not self.professional:
            return  # consultations between professionals never reach the resident
        if await self._still_allowed():
            await self.send_json(event)
