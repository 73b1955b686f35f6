"""SMART on FHIR Backend Services: client credentials with a signed JWT assertion (RFC 7523), scopes
like `system/Appointment.rs` (SMART v2) or `system/Appointment.read` (v1), bearer tokens for the FHIR
endpoints. The token only narrows: the client acts as its service account, and every read of client
data is still decided (and logged) by the access policy."""

import base64
import datetime as dt
import hashlib
import json
import re
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from .models import SmartClient, SmartToken, UsedAssertion

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ALGORITHMS = ["RS384", "ES384", "RS256", "ES256"]
TOKEN_LIFETIME = dt.timedelta(minutes=5)
MAX_ASSERTION_LIFETIME = dt.timedelta(minutes=5)
_SCOPE = re.compile(r"system/(?P<type>\*|[A-Z][A-Za-z]{1,40})\.(?P<perms>read|write|\*|c?r?u?d?s?)")
INTERACTION_PERMISSION = {"read": "r", "search-type": "s", "create": "c", "delete": "d"}


class SmartError(Exception):
    """An OAuth error: `error` is the RFC 6749 code."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error


def _permissions(perms: str) -> set[str]:
    return {"read": {"r", "s"}, "write": {"c", "u", "d"}, "*": {"c", "r", "u", "d", "s"}}.get(
        perms, set(perms)
    )


def allows(scopes: list[str], resource_type: str, interaction: str) -> bool:
    """Whether any granted scope permits the interaction on the type."""
    needed = INTERACTION_PERMISSION[interaction]
    for scope in scopes:
        match = _SCOPE.fullmatch(scope)
        if match and match["type"] in ("*", resource_type) and needed in _permissions(match["perms"]):
            return True
    return False


def _granted(requested: str, allowed: list[str]) -> list[str]:
    """The requested scopes the client is registered for; SmartError when none of them is."""
    granted = [s for s in requested.split() if s in allowed and _SCOPE.fullmatch(s)]
    if not granted:
        raise SmartError("invalid_scope", "none of the requested scopes is granted to this client")
    return granted


def _verified_claims(client: SmartClient, assertion: str, token_url: str) -> dict:
    try:
        token = jwt.decode(assertion, KeySet.import_key_set(client.jwks), algorithms=ALGORITHMS)
    except (JoseError, ValueError, TypeError) as error:
        raise SmartError("invalid_client", "the assertion's signature does not verify") from error
    claims = token.claims
    now = timezone.now().timestamp()
    expires = claims.get("exp")
    if claims.get("iss") != client.client_id or claims.get("sub") != client.client_id:
        raise SmartError("invalid_client", "iss and sub must be the client_id")
    audience = claims.get("aud")
    if token_url not in (audience if isinstance(audience, list) else [audience]):
        raise SmartError("invalid_client", "aud must be the token endpoint")
    if (
        not isinstance(expires, int | float)
        or not now < expires <= now + MAX_ASSERTION_LIFETIME.total_seconds()
    ):
        raise SmartError("invalid_client", "exp must be within five minutes")
    if not isinstance(claims.get("jti"), str) or not 0 < len(claims["jti"]) <= 200:
        raise SmartError("invalid_client", "jti is required")
    return claims


def issue_token(form: dict, token_url: str) -> dict:
    """The token response for a client-credentials request; SmartError when refused."""
    if form.get("grant_type") != "client_credentials":
        raise SmartError("unsupported_grant_type", "grant_type must be client_credentials")
    if form.get("client_assertion_type") != ASSERTION_TYPE:
        raise SmartError("invalid_request", f"client_assertion_type must be {ASSERTION_TYPE}")
    assertion = form.get("client_assertion", "")
    client_id = _claimed_issuer(assertion)
    client = SmartClient.objects.filter(client_id=client_id, active=True).first() if client_id else None
    if client is None:
        raise SmartError("invalid_client", "unknown client")
    claims = _verified_claims(client, assertion, token_url)
    scopes = _granted(form.get("scope", ""), client.scopes)
    try:
        with transaction.atomic():
            UsedAssertion.objects.create(
                client=client, jti=claims["jti"], expires_at=dt.datetime.fromtimestamp(claims["exp"], dt.UTC)
            )
    except IntegrityError:
        raise SmartError("invalid_client", "the assertion was used already") from None
    UsedAssertion.objects.filter(expires_at__lt=timezone.now()).delete()
    token = secrets.token_urlsafe(32)
    SmartToken.objects.create(
        digest=_digest(token), client=client, scopes=scopes, expires_at=timezone.now() + TOKEN_LIFETIME
    )
    return {
        "access_token": token,
        "token_type": "bearer",
        "expires_in": int(TOKEN_LIFETIME.total_seconds()),
        "scope": " ".join(scopes),
    }


def _claimed_issuer(assertion: str) -> str:
    """The iss an assertion claims, unverified: it only picks the keys that then verify the assertion."""
    try:
        payload = assertion.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, TypeError):
        return ""
    issuer = claims.get("iss") if isinstance(claims, dict) else None
    return issuer if isinstance(issuer, str) and len(issuer) <= 100 else ""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Grant:
    client: SmartClient
    scopes: list[str]


def bearer(request: HttpRequest) -> Grant | None:
    """The grant of the request's bearer token; None without one; SmartError for a bad or expired one."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    kind, _space, token = header.partition(" ")
    if kind.lower() != "bearer" or not token:
        raise SmartError("invalid_request", "use Authorization: Bearer <token>")
    found = (
        SmartToken.objects.select_related("client__user")
        .filter(digest=_digest(token.strip()), expires_at__gt=timezone.now(), client__active=True)
        .first()
    )
    if found is None:
        raise SmartError("invalid_token", "the token is not valid or has expired")
    return Grant(found.client, found.scopes)
