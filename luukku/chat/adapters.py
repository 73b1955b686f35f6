"""Video rooms for video appointments. Production: a Jitsi-compatible server with signed room tokens
(JWT, HS256, the server's app id and secret); development: a local placeholder room page."""

import datetime as dt
import hashlib
import hmac
from functools import cache
from typing import Protocol
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import OctKey


class VideoRooms(Protocol):
    def room_url(
        self, room_key: str, display_name: str, starts_at: dt.datetime, ends_at: dt.datetime, moderator: bool
    ) -> str:
        """A link that lets this person into the appointment's room during its time."""


def room_name(room_key: str) -> str:
    """Unguessable, stable room name derived from the appointment's id and the server secret."""
    digest = hmac.new(settings.SECRET_KEY.encode(), room_key.encode(), hashlib.sha256).hexdigest()
    return f"luukku-{digest[:24]}"


class LocalVideoRooms:
    def room_url(
        self, room_key: str, display_name: str, starts_at: dt.datetime, ends_at: dt.datetime, moderator: bool
    ) -> str:
        return reverse("chat:video_room", args=[room_name(room_key)])


class JitsiVideoRooms:
    """Jitsi Meet with token authentication (prosody `token` auth): aud/iss = app id, sub = the domain."""

    EARLY = dt.timedelta(minutes=15)
    LATE = dt.timedelta(minutes=30)

    def __init__(self, config: dict | None = None) -> None:
        self.config = config or settings.LUUKKU_VIDEO

    def token(
        self, room: str, display_name: str, starts_at: dt.datetime, ends_at: dt.datetime, moderator: bool
    ) -> str:
        claims = {
            "aud": self.config["app_id"],
            "iss": self.config["app_id"],
            "sub": self.config["domain"],
            "room": room,
            "nbf": int((starts_at - self.EARLY).timestamp()),
            "exp": int((ends_at + self.LATE).timestamp()),
            "moderator": moderator,
            "context": {"user": {"name": display_name, "moderator": moderator}},
        }
        return jwt.encode(
            {"alg": "HS256", "typ": "JWT"}, claims, OctKey.import_key(self.config["app_secret"])
        )

    def room_url(
        self, room_key: str, display_name: str, starts_at: dt.datetime, ends_at: dt.datetime, moderator: bool
    ) -> str:
        room = room_name(room_key)
        token = self.token(room, display_name, starts_at, ends_at, moderator)
        return f"https://{self.config['domain']}/{quote(room)}?jwt={token}"


@cache
def video_rooms() -> VideoRooms:
    return JitsiVideoRooms() if settings.LUUKKU_VIDEO["backend"] == "jitsi" else LocalVideoRooms()
