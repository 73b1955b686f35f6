"""Suomi.fi Messages (Suomi.fi-viestit): letters to the national e-mailbox, printed mail for the rest.

One interface (`MessagesService`), a local implementation that behaves like the service for the demo
and the tests (active mailboxes, printed-letter fallback, failures, duplicates answered by the
external id, delivery events), and a production adapter for the service's REST interface.

What the production adapter assumes of the REST interface (version 1, `https://api.messages.suomi.fi`,
test environment `https://api.messages-qa.suomi.fi`; read from the public OpenAPI document's model
names as other public sector systems use them, NOT verified against the service here):
- `POST /v1/token` with `{"username", "password"}` of the organisation's system account answers an
  access token (the field has been `access_token`; both spellings are accepted) used as a bearer token;
- `POST /v1/files` (multipart, part `file`, `application/pdf`) answers `{"fileId"}`;
- `POST /v1/messages` with `externalId` (our message id: the service answers 409 to a second message
  with the same id, which makes a retry safe), `recipient.id` (henkilötunnus), `sender.serviceId`,
  `electronic` (`title`, `body`, `files`, `visibility: "Recipient only"`) and `paperMail` (printing
  and enveloping service, addresses) answers `{"messageId"}`: the service itself chooses the printed
  letter when the recipient has no active mailbox (multichannel);
- `GET /v1/events?continuationToken=…` lists delivery events (electronic message received, read,
  paper mail sent) with a continuation token.
Paper mail needs a contract with the printing service (Posti Messaging) and its credentials; they and
the system account come from `LUUKKU_SUOMIFI_MESSAGES`.
"""

import datetime as dt
import itertools
import threading
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

import requests
from django.conf import settings
from django.utils import timezone


class DeliveryFailed(RuntimeError):
    """The service could not take the letter now; the caller retries later."""


@dataclass(frozen=True)
class Letter:
    external_id: str  # our message's public id: the service's idempotency key
    recipient_id: str  # henkilötunnus (only ever sent to the service, never logged)
    recipient_name: str
    title: str
    body: str
    pdf: bytes
    file_name: str
    address: dict = field(default_factory=dict)  # name, streetAddress, zipCode, city, countryCode


@dataclass(frozen=True)
class Outcome:
    provider_id: str
    paper: bool  # no active mailbox: the service prints and posts it


@dataclass(frozen=True)
class DeliveryEvent:
    provider_id: str
    status: str  # "received" (in the mailbox), "read", "paper" (printed letter posted)


class MessagesService(Protocol):
    def send(self, letter: Letter) -> Outcome: ...

    def events(self, since: str = "") -> tuple[list[DeliveryEvent], str]:
        """Delivery events after the continuation token; returns them and the next token."""


class LocalMessagesService:
    """Development and tests: behaves like the service without a network.

    A recipient whose henkilötunnus is in `active_mailboxes` gets the letter electronically, anyone else
    on paper; without a list, adults under 75 have a mailbox (so in the demo Matti reads his letters in
    Suomi.fi and 82-year-old Lempi gets hers printed).
    `fail_next` makes the next calls fail (the service being down); a second letter with the same
    external id answers with the first one's id, as the service's 409 does. Electronic letters
    are "received" at the next events call and "read" at the one after; printed ones are "paper".
    """

    def __init__(self, active_mailboxes: set[str] | None = None) -> None:
        self.active_mailboxes = set(active_mailboxes) if active_mailboxes is not None else None
        self.fail_next = 0
        self.sent: dict[str, tuple[str, Letter, bool]] = {}
        self._events: list[DeliveryEvent] = []
        self._states: dict[str, str] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def send(self, letter: Letter) -> Outcome:
        with self._lock:
            if self.fail_next:
                self.fail_next -= 1
                raise DeliveryFailed("503 Service Unavailable")
            if not letter.pdf.startswith(b"%PDF"):
                raise DeliveryFailed("400 the attachment is not a PDF")
            if letter.external_id in self.sent:
                provider_id, _letter, paper = self.sent[letter.external_id]
                return Outcome(provider_id, paper)
            provider_id = str(next(self._ids))
            paper = not self.has_mailbox(letter.recipient_id)
            self.sent[letter.external_id] = (provider_id, letter, paper)
            self._states[provider_id] = "sent"
            if paper:
                self._events.append(DeliveryEvent(provider_id, "paper"))
            return Outcome(provider_id, paper)

    def has_mailbox(self, hetu: str) -> bool:
        if self.active_mailboxes is not None:
            return hetu in self.active_mailboxes
        from luukku.registry.hetu import age_on, parse

        return 18 <= age_on(parse(hetu).birth_date, timezone.localdate()) < 75

    def events(self, since: str = "") -> tuple[list[DeliveryEvent], str]:
        with self._lock:
            for provider_id, state in list(self._states.items()):
                following = {"sent": "received", "received": "read"}.get(state)
                if following and not self.sent_on_paper(provider_id):
                    self._states[provider_id] = following
                    self._events.append(DeliveryEvent(provider_id, following))
            start = int(since or 0)
            return self._events[start:], str(len(self._events))

    def sent_on_paper(self, provider_id: str) -> bool:
        return any(pid == provider_id and paper for pid, _letter, paper in self.sent.values())


class SuomiFiMessagesRest:
    """Production: the REST interface of Suomi.fi Messages (see the module's docstring)."""

    EVENT_STATUS = {
        "Electronic message read": "read",
        "Electronic message received": "received",
        "Paper mail sent": "paper",
    }

    def __init__(self, config: dict | None = None, session: requests.Session | None = None) -> None:
        self.config = config or settings.LUUKKU_SUOMIFI_MESSAGES
        self.http = session or requests.Session()
        self._token: tuple[str, dt.datetime] | None = None

    def _url(self, path: str) -> str:
        return self.config["url"].rstrip("/") + path

    def _bearer(self) -> dict:
        if self._token is None or self._token[1] <= timezone.now():
            response = self._call(
                "post",
                "/v1/token",
                authenticate=False,
                json={"username": self.config["username"], "password": self.config["password"]},
            )
            body = response.json()
            token = body.get("access_token") or body.get("accessToken")
            if not token:
                raise DeliveryFailed("no access token")
            self._token = (token, timezone.now() + dt.timedelta(minutes=5))
        return {"Authorization": f"Bearer {self._token[0]}"}

    def _call(self, method: str, path: str, authenticate: bool = True, **kwargs) -> requests.Response:
        headers = {"Accept": "application/json", **(self._bearer() if authenticate else {})}
        try:
            response = self.http.request(
                method, self._url(path), headers=headers, timeout=self.config["timeout"], **kwargs
            )
        except requests.RequestException as error:
            raise DeliveryFailed(type(error).__name__) from error
        if response.status_code == 401 and authenticate:
            self._token = None
        if response.status_code >= 400 and response.status_code != 409:
            raise DeliveryFailed(f"{response.status_code} {path}")
        return response

    def send(self, letter: Letter) -> Outcome:
        upload = self._call(
            "post", "/v1/files", files={"file": (letter.file_name, letter.pdf, "application/pdf")}
        )
        file_id = upload.json().get("fileId")
        files = [{"fileId": file_id}]
        body = {
            "externalId": letter.external_id,
            "recipient": {"id": letter.recipient_id},
            "sender": {"serviceId": self.config["service_id"]},
            "electronic": {
                "title": letter.title[:100],
                "body": letter.body,
                "files": files,
                "visibility": "Recipient only",
            },
            "paperMail": {
                "createCoverPage": True,
                "files": files,
                "printingAndEnvelopingService": {
                    "postiMessaging": {
                        "contactDetails": {"email": self.config["paper_contact_email"]},
                        "username": self.config["paper_username"],
                        "password": self.config["paper_password"],
                    }
                },
                "recipient": {"address": letter.address},
                "sender": {"address": self.config["sender_address"]},
            },
        }
        response = self._call("post", "/v1/messages", json=body)
        answer = response.json() if response.content else {}
        provider_id = str(answer.get("messageId", ""))
        # Whether it went on paper is told by a later event ("Paper mail sent").
        return Outcome(provider_id, paper=False)

    def events(self, since: str = "") -> tuple[list[DeliveryEvent], str]:
        params = {"continuationToken": since} if since else {}
        body = self._call("get", "/v1/events", params=params).json()
        found = []
        for event in body.get("events", []):
            status = self.EVENT_STATUS.get(event.get("type", ""))
            message_id = (event.get("metadata") or {}).get("messageId")
            if status and message_id is not None:
                found.append(DeliveryEvent(str(message_id), status))
        return found, body.get("continuationToken", since)


@cache
def messages_service() -> MessagesService:
    config = settings.LUUKKU_SUOMIFI_MESSAGES
    if config["backend"] == "rest":
        return SuomiFiMessagesRest(config)
    return LocalMessagesService()
