"""SMS and e-mail delivery. E-mail goes through Django's mail framework (SMTP in production); SMS through
the operator's HTTP API in production and nowhere in development (the outbox page shows it)."""

import logging
import uuid
from functools import cache
from typing import Protocol

import requests
from django.conf import settings
from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)


class DeliveryFailed(RuntimeError):
    pass


class Sender(Protocol):
    def send(self, to: str, subject: str, body: str) -> str:
        """Deliver the message; returns the provider's message id."""


class LocalSms:
    """Development: the message stays in the outbox, where the demo's outbox page shows it."""

    def send(self, to: str, subject: str, body: str) -> str:
        return f"local-{uuid.uuid4().hex[:12]}"


class HttpSmsGateway:
    """An SMS operator's REST API: JSON {sender, to, text} with a bearer token; answers {"id": ...}."""

    def __init__(self, config: dict | None = None, session: requests.Session | None = None) -> None:
        self.config = config or settings.LUUKKU_SMS
        self.http = session or requests.Session()

    def send(self, to: str, subject: str, body: str) -> str:
        try:
            response = self.http.post(
                self.config["url"],
                json={"sender": self.config["sender"], "to": [to], "text": body},
                headers={"Authorization": f"Bearer {self.config['token']}"},
                timeout=self.config["timeout"],
            )
            response.raise_for_status()
            return str(response.json().get("id", ""))
        except (requests.RequestException, ValueError) as error:
            raise DeliveryFailed(type(error).__name__) from error


class DjangoEmail:
    def send(self, to: str, subject: str, body: str) -> str:
        try:
            EmailMessage(subject=subject, body=body, to=[to]).send()
        except OSError as error:
            raise DeliveryFailed(type(error).__name__) from error
        return ""


@cache
def sms_sender() -> Sender:
    return HttpSmsGateway() if settings.LUUKKU_SMS["backend"] == "http" else LocalSms()


def sender_for(channel: str) -> Sender:
    return sms_sender() if channel == "sms" else DjangoEmail()
