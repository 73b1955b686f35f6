"""The WebSocket end of a conversation: messages typed here are stored and broadcast to the group."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import PermissionDenied, ValidationError

from . import services
from .models import Conversation

SESSION_KEY = "luukku_chats"


class ConversationConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.conversation = await self._conversation()
        if self.conversation is None:
            await self.close(code=4403)
            return
        self.professional = await database_sync_to_async(services.is_professional_in)(
            self.scope["user"], self.conversation
        )
        self.group = services.group_name(self.conversation)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    @database_sync_to_async
    def _conversation(self) -> Conversation | None:
        public_id = self.scope["url_route"]["kwargs"]["public_id"]
        conversation = (
            Conversation.objects.select_related("queue", "person").filter(public_id=public_id).first()
        )
        session = self.scope.get("session") or {}
        if conversation is None or not services.may_join(
            self.scope["user"], session.get(SESSION_KEY, []), conversation
        ):
            return None
        return conversation

    async def disconnect(self, code: int) -> None:
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: dict, **kwargs) -> None:
        try:
            await database_sync_to_async(self._post)(content)
        except (ValidationError, PermissionDenied) as error:
            await self.send_json({"type": "error", "message": " ".join(getattr(error, "messages", [""]))})

    def _post(self, content: dict) -> None:
        conversation = Conversation.objects.get(pk=self.conversation.pk)
        services.post(
            conversation,
            self.scope["user"],
            str(content.get("body", "")),
            self.professional,
            internal=bool(content.get("internal")) and self.professional,
        )

    async def chat_message(self, event: dict) -> None:
        if event["internal"] and not self.professional:
            return  # consultations between professionals never reach the resident
        await self.send_json(event)
