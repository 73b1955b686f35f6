"""Strong identification and mandate adapters.

Identification: production speaks OpenID Connect to an identification broker in front of Suomi.fi
e-Identification; the demo uses clearly marked test personas. Professionals sign in through the
county's own OpenID provider when it is configured (demo password accounts otherwise). Mandates:
production speaks the Suomi.fi-valtuudet web API (HPA, person to person); development uses
`LocalMandate` rows.
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


@dataclass(frozen=True)
class IdentifiedProfessional:
    subject: str
    employee_number: str


class OidcClient:
    """Authorization code flow against an OpenID provider (authlib): PKCE (S256), state and nonce, and
    an ID token whose signature is verified against the provider's JWKS, its issuer, audience, expiry
    and nonce checked. An answer without a verified ID token is refused."""

    name = "oidc"

    def __init__(self, config: dict) -> None:
        from authlib.integrations.django_client import OAuth

        self.config = config
        self.oauth = OAuth()
        self.client = self.oauth.register(
            name=self.name,
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

    def verified_claims(self, request: HttpRequest, wanted: str) -> dict:
        """The verified ID token's claims; the userinfo endpoint's too when `wanted` is not among them."""
        from authlib.common.errors import AuthlibBaseError
        from joserfc.errors import JoseError

        if "error" in request.GET:
            raise IdentificationFailed("cancelled")
        try:
            token = self.client.authorize_access_token(request)
            if not token.get("userinfo"):
                raise ValueError("no verified ID token")
            claims = dict(token["userinfo"])
            if not claims.get(wanted):
                userinfo = dict(self.client.userinfo(token=token))
                if userinfo.get("sub") != claims.get("sub"):
                    raise ValueError("userinfo is about someone else")
                claims.update({key: value for key, value in userinfo.items() if key not in claims})
        except (AuthlibBaseError, JoseError, requests.RequestException, KeyError, ValueError) as error:
            logger.warning("OIDC sign-in failed: %s", type(error).__name__)
            raise IdentificationFailed("protocol") from error
        acceptable = self.config.get("acr_values", "").split()
        if acceptable and claims.get("acr") not in acceptable:
            logger.warning("OIDC sign-in at assurance level %r refused", claims.get("acr"))
            raise IdentificationFailed("assurance")
        return claims


class OidcIdentification(OidcClient):
    """Residents: the identification broker in front of Suomi.fi; the hetu arrives as a claim, at the
    assurance level the service asked for (acr_values)."""

    name = "broker"

    def __init__(self, config: dict | None = None) -> None:
        super().__init__(config or settings.LUUKKU_OIDC)

    def complete(self, request: HttpRequest) -> IdentifiedPerson:
        claims = self.verified_claims(request, self.config["hetu_claim"])
        hetu = claims.get(self.config["hetu_claim"])
        if not hetu:
            raise IdentificationFailed("no_hetu")
        return IdentifiedPerson(hetu=str(hetu), assurance=str(claims.get("acr", "")))


@cache
def oidc_identification() -> OidcIdentification:
    return OidcIdentification()


class ProfessionalOidc(OidcClient):
    """Professionals: the county's own OpenID provider; the stable subject and the employee number."""

    name = "county"

    def __init__(self, config: dict | None = None) -> None:
        super().__init__(config or settings.LUUKKU_PROFESSIONAL_OIDC)

    def complete(self, request: HttpRequest) -> IdentifiedProfessional:
        employee_claim = self.config.get("employee_claim") or "employee_id"
        claims = self.verified_claims(request, employee_claim)
        subject = claims.get(self.config.get("subject_claim") or "sub")
        if not subject:
            raise IdentificationFailed("protocol")
        employee_number = str(claims.get(employee_claim) or "")
        return IdentifiedProfessional(subject=str(subject), employee_number=employee_number)


def professional_oidc_enabled() -> bool:
    return bool(settings.LUUKKU_PROFESSIONAL_OIDC.get("server_metadata_url"))


@cache
def professional_oidc() -> ProfessionalOidc:
    return ProfessionalOidc()


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
