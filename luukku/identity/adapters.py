"""Strong identification and mandate adapters.

Identification: production speaks OpenID Connect to an identification broker in front of Suomi.fi
e-Identification; the demo uses clearly marked test personas. Mandates: production speaks the
Suomi.fi-valtuudet web API (HPA, person to person); development uses `LocalMandate` rows.
"""

import base64
import datetime as dt
import hashlib
import hmac
import logging
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Protocol
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from .models import LocalMandate

logger = logging.getLogger(__name__)


class IdentificationFailed(Exception):
    """The identification could not be completed; the message is safe to show to the user."""


@dataclass(frozen=True)
class IdentifiedPerson:
    hetu: str
    assurance: str


class OidcIdentification:
    """Authorization code flow with PKCE against the broker; the hetu arrives as an ID token claim."""

    SESSION_NEXT = "luukku_oidc_next"

    def __init__(self, config: dict | None = None) -> None:
        from authlib.integrations.django_client import OAuth

        self.config = config or settings.LUUKKU_OIDC
        self.oauth = OAuth()
        self.client = self.oauth.register(
            name="broker",
            client_id=self.config["client_id"],
            client_secret=self.config["client_secret"],
            server_metadata_url=self.config["server_metadata_url"],
            client_kwargs={"scope": self.config["scope"], "code_challenge_method": "S256"},
        )

    def begin(self, request: HttpRequest, callback_url: str):
        extra = {"acr_values": self.config["acr_values"]} if self.config.get("acr_values") else {}
        return self.client.authorize_redirect(
            request, callback_url, ui_locales=request.LANGUAGE_CODE, **extra
        )

    def complete(self, request: HttpRequest) -> IdentifiedPerson:
        from authlib.common.errors import AuthlibBaseError
        from joserfc.errors import JoseError

        if "error" in request.GET:
            raise IdentificationFailed("cancelled")
        try:
            token = self.client.authorize_access_token(request)
            claims = dict(token.get("userinfo") or {})
            hetu = claims.get(self.config["hetu_claim"])
            if not hetu:
                claims.update(self.client.userinfo(token=token))
                hetu = claims.get(self.config["hetu_claim"])
        except (AuthlibBaseError, JoseError, requests.RequestException, KeyError, ValueError) as error:
            logger.warning("OIDC identification failed: %s", type(error).__name__)
            raise IdentificationFailed("protocol") from error
        if not hetu:
            raise IdentificationFailed("no_hetu")
        return IdentifiedPerson(hetu=str(hetu), assurance=str(claims.get("acr", "")))


@cache
def oidc_identification() -> OidcIdentification:
    return OidcIdentification()


@dataclass(frozen=True)
class MandateRecord:
    principal_hetu: str
    issue: str
    valid_until: dt.date | None


class MandateUnavailable(RuntimeError):
    pass


class MandateService(Protocol):
    def begin(self, request: HttpRequest, agent_hetu: str, callback_url: str) -> str:
        """Where to send the browser so the agent can choose whom they act for."""

    def finish(self, request: HttpRequest, agent_hetu: str) -> list[MandateRecord]:
        """The mandates in force after the browser returns to the callback."""

    def in_force(self, agent_hetu: str, principal_hetu: str) -> bool | None:
        """Whether the source still has a mandate in force; None when it can answer only in a session
        the user starts (then a fetched grant is trusted for `LUUKKU_MANDATE_TTL_SECONDS` at most)."""


class LocalMandateService:
    def begin(self, request: HttpRequest, agent_hetu: str, callback_url: str) -> str:
        return callback_url

    def _in_force(self, agent_hetu: str):
        today = timezone.localdate()
        return LocalMandate.objects.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
            agent_hetu=agent_hetu,
            valid_from__lte=today,
            revoked_at__isnull=True,
        )

    def finish(self, request: HttpRequest, agent_hetu: str) -> list[MandateRecord]:
        return [
            MandateRecord(row.principal_hetu, row.issue, row.valid_until)
            for row in self._in_force(agent_hetu)
        ]

    def in_force(self, agent_hetu: str, principal_hetu: str) -> bool | None:
        return self._in_force(agent_hetu).filter(principal_hetu=principal_hetu).exists()


def valtuudet_checksum_header(client_id: str, api_key: str, path: str, now: dt.datetime) -> str:
    """X-AsiointivaltuudetAuthorization: client id, timestamp and HMAC-SHA256(path + timestamp)."""
    timestamp = now.isoformat(timespec="milliseconds")
    digest = hmac.new(api_key.encode(), (path + timestamp).encode(), hashlib.sha256).digest()
    return f"{client_id} {timestamp} {base64.b64encode(digest).decode()}"


class SuomiFiMandateService:
    """Suomi.fi-valtuudet HPA: register a session, let the user choose, then ask what is allowed."""

    SESSION_KEY = "luukku_valtuudet"

    def __init__(self, config: dict | None = None, session: requests.Session | None = None) -> None:
        self.config = config or settings.LUUKKU_SUOMIFI_MANDATES
        self.http = session or requests.Session()

    def _get(self, path: str, token: str | None = None) -> object:
        headers = {
            "X-AsiointivaltuudetAuthorization": valtuudet_checksum_header(
                self.config["client_id"], self.config["api_key"], path, timezone.now()
            )
        }
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = self.http.get(
                self.config["base_url"] + path, headers=headers, timeout=self.config["timeout"]
            )
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as error:
            raise MandateUnavailable(type(error).__name__) from error

    def begin(self, request: HttpRequest, agent_hetu: str, callback_url: str) -> str:
        request_id = uuid.uuid4().hex
        registered = self._get(
            f"/service/hpa/user/register/{self.config['client_id']}/{agent_hetu}?requestId={request_id}"
        )
        request.session[self.SESSION_KEY] = {
            "session_id": registered["sessionId"],
            "callback": callback_url,
            "request_id": request_id,
        }
        query = urlencode(
            {
                "client_id": self.config["client_id"],
                "response_type": "code",
                "redirect_uri": callback_url,
                "user": registered["userId"],
                "lang": request.LANGUAGE_CODE,
            }
        )
        return f"{self.config['base_url']}/oauth/authorize?{query}"

    def finish(self, request: HttpRequest, agent_hetu: str) -> list[MandateRecord]:
        state = request.session.pop(self.SESSION_KEY, None)
        code = request.GET.get("code")
        if not state or not code:
            return []
        try:
            response = self.http.post(
                self.config["base_url"] + "/oauth/token",
                data={"grant_type": "authorization_code", "code": code, "redirect_uri": state["callback"]},
                auth=(self.config["client_id"], self.config["oauth_secret"]),
                timeout=self.config["timeout"],
            )
            response.raise_for_status()
            token = response.json()["access_token"]
        except (requests.RequestException, KeyError, ValueError) as error:
            raise MandateUnavailable(type(error).__name__) from error
        session_id, request_id = state["session_id"], state["request_id"]
        principals = self._get(f"/service/hpa/api/delegate/{session_id}?requestId={request_id}", token)
        issues = ",".join(self.config["issues"])
        granted = []
        for principal in principals:
            person_id = principal["personId"]
            answer = self._get(
                f"/service/hpa/api/authorization/{session_id}/{person_id}"
                f"?requestId={request_id}&issues={issues}",
                token,
            )
            if answer.get("result") == "ALLOWED":
                # The HPA answer is valid for this session; it is asked again on the next day.
                granted.append(MandateRecord(person_id, issues, timezone.localdate()))
        return granted

    def in_force(self, agent_hetu: str, principal_hetu: str) -> bool | None:
        """HPA answers authorisation questions only inside the session the user opened."""
        return None


@cache
def mandate_service() -> MandateService:
    if settings.LUUKKU_MANDATES == "suomifi":
        return SuomiFiMandateService()
    return LocalMandateService()
