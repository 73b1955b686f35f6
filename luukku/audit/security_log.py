"""The security event log for the county's SIEM: one JSON line per event, ECS field names.

Sign-ins and failed sign-ins, sign-outs, lockouts, refused access decisions, privilege changes, admin
actions, exports and throttled requests are written to the `luukku.security` logger, whose handler
LUUKKU_SECURITY_LOG chooses (see `handler_for`). It lives in `audit` beside the access log and the
event log (ARCHITECTURE: audit holds the access, security and event logs), low enough that identity,
access and consent write to it without importing one another.

What is never written: henkilötunnus, passwords, names of residents, health or social data, phone
numbers. People appear by pseudonymous ids: a user's database id and username (a resident's username
is `resident-<public_id>`), a client's `public_id`. Lines pass `scrub()` last, which blanks anything
shaped like a henkilötunnus whatever a caller passed in.

Event shape (ECS 8): `@timestamp`, `event.{kind, category, type, action, outcome, reason, dataset}`,
`user.{id, name}`, `user.target.{id, name}`, `source.ip`, `user_agent.original`,
`http.request.method`, and Luukku's own fields under `luukku.*` (the route, the client, the access
decision, the role change...). The request is taken from the middleware's context when not passed.
"""

import contextvars
import datetime as dt
import json
import logging
import logging.handlers
import re
import socket
import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from luukku.web.throttle import client_address

LOGGER_NAME = "luukku.security"
ECS_VERSION = "8.11.0"
logger = logging.getLogger(LOGGER_NAME)

_current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "luukku_security_request", default=None
)

# Henkilötunnus: DDMMYY, century sign, individual number, check character (Population Information Act).
_HETU = re.compile(r"(?<![0-9A-Z])\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y](?![0-9A-Z])", re.IGNORECASE)


class SecurityContextMiddleware:
    """Makes the current request known to events emitted from signal receivers and services."""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_request() -> HttpRequest | None:
    return _current_request.get()


# --- Writing events --------------------------------------------------------------------------------


def _user_fields(user) -> dict:
    if user is None or not getattr(user, "is_authenticated", False):
        return {}
    return {"id": str(user.pk), "name": user.get_username()}


def scrub(value: Any) -> Any:
    """The value with anything shaped like a henkilötunnus blanked, recursively."""
    if isinstance(value, str):
        return _HETU.sub("[redacted]", value)
    if isinstance(value, dict):
        return {key: scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    return value


def emit(
    action: str,
    *,
    category: list[str],
    type: list[str],
    outcome: str,
    kind: str = "event",
    reason: str = "",
    user=None,
    target=None,
    request: HttpRequest | None = None,
    **luukku: Any,
) -> dict:
    """Write one security event; returns the document written.

    `user` is who acted (default: the request's signed-in user), `target` whom a privilege change
    concerns, `luukku` Luukku's own fields (pseudonymous ids and codes only).
    """
    request = request if request is not None else current_request()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    now = dt.datetime.now(dt.UTC)
    document: dict[str, Any] = {
        "@timestamp": now.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "ecs": {"version": ECS_VERSION},
        "event": {
            "kind": kind,
            "category": category,
            "type": type,
            "action": action,
            "outcome": outcome,
            "dataset": "luukku.security",
            "module": "luukku",
        },
        "service": {"name": "luukku"},
    }
    if reason:
        document["event"]["reason"] = reason
    user_fields = _user_fields(user)
    target_fields = _user_fields(target)
    if target_fields:
        user_fields["target"] = target_fields
    if user_fields:
        document["user"] = user_fields
    if request is not None:
        address = client_address(request)
        if address:
            document["source"] = {"ip": address}
        agent = request.META.get("HTTP_USER_AGENT", "")
        if agent:
            document["user_agent"] = {"original": agent[:512]}
        if request.method:
            document["http"] = {"request": {"method": request.method}}
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name:
            luukku.setdefault("route", match.view_name)
    luukku = {key: value for key, value in luukku.items() if value is not None}
    if luukku:
        document["luukku"] = luukku
    document = scrub(document)
    logger.info(action, extra={"ecs": document})
    return document


# --- The sink ----------------------------------------------------------------------------------------


class EcsJsonFormatter(logging.Formatter):
    """One compact JSON object per line; a record logged without `ecs` gets a minimal document."""

    def format(self, record: logging.LogRecord) -> str:
        document = getattr(record, "ecs", None)
        if document is None:
            document = {
                "@timestamp": dt.datetime.fromtimestamp(record.created, dt.UTC)
                .isoformat(timespec="milliseconds")
                .replace("+00:00", "Z"),
                "ecs": {"version": ECS_VERSION},
                "event": {"kind": "event", "dataset": "luukku.security"},
                "message": scrub(record.getMessage()),
            }
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=str)


def handler_for(spec: str) -> logging.Handler:
    """The logging handler for a LUUKKU_SECURITY_LOG value.

    - `stderr` (default) or `stdout`: the process's stream (a container's log collector takes it);
    - `file:/var/log/luukku/security.jsonl`: a file, reopened when logrotate moves it;
    - `syslog:host:port` (UDP), `syslog+tcp:host:port`, `syslog:/dev/log`: syslog, facility authpriv;
    - `none`: nothing is written.
    """
    spec = (spec or "stderr").strip()
    kind, _sep, target = spec.partition(":")
    handler: logging.Handler
    if spec == "stderr":
        handler = logging.StreamHandler(sys.stderr)
    elif spec == "stdout":
        handler = logging.StreamHandler(sys.stdout)
    elif spec == "none":
        handler = logging.NullHandler()
    elif kind == "file" and target:
        handler = logging.handlers.WatchedFileHandler(target, encoding="utf-8")
    elif kind in {"syslog", "syslog+tcp"} and target:
        if target.startswith("/"):
            address: str | tuple[str, int] = target
        else:
            host, _sep, port = target.rpartition(":")
            if not host or not port.isascii() or not port.isdigit():
                raise ValueError(f"LUUKKU_SECURITY_LOG: syslog needs host:port, got {target!r}")
            address = (host.strip("[]"), int(port))
        handler = logging.handlers.SysLogHandler(
            address=address,
            facility=logging.handlers.SysLogHandler.LOG_AUTHPRIV,
            socktype=socket.SOCK_STREAM if kind == "syslog+tcp" else socket.SOCK_DGRAM,
        )
        handler.ident = "luukku: "
        if kind == "syslog+tcp":
            handler.append_nul = False
    else:
        raise ValueError(f"LUUKKU_SECURITY_LOG: unknown sink {spec!r}")
    handler.setFormatter(EcsJsonFormatter())
    return handler


def configure(spec: str | None = None) -> logging.Handler:
    """Point the security logger at the sink `spec` (default: settings.LUUKKU_SECURITY_LOG)."""
    handler = handler_for(spec if spec is not None else getattr(settings, "LUUKKU_SECURITY_LOG", "stderr"))
    for old in [h for h in logger.handlers if getattr(h, "luukku_security_sink", False)]:
        logger.removeHandler(old)
        old.close()
    handler.luukku_security_sink = True
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the SIEM's stream only: not mixed into the application log
    return handler


# --- The events Luukku writes ----------------------------------------------------------------------


def sign_in(
    outcome: str, *, method: str, user=None, reason: str = "", request: HttpRequest | None = None, **fields
) -> dict:
    """A sign-in (`outcome` success or failure); `method` e.g. password, suomifi-oidc, test-persona."""
    return emit(
        "sign-in",
        category=["authentication", "session"] if outcome == "success" else ["authentication"],
        type=["start"],
        outcome=outcome,
        reason=reason,
        user=user,
        request=request,
        method=method,
        **fields,
    )


def sign_out(user, request: HttpRequest | None = None) -> dict:
    return emit(
        "sign-out",
        category=["authentication", "session"],
        type=["end"],
        outcome="success",
        user=user,
        request=request,
        user_kind=user_kind(user),
    )


def locked_out(request: HttpRequest | None, *, user=None, failures: int | None, **fields) -> dict:
    """Password sign-in refused for a while for one username at one address (django-axes)."""
    return emit(
        "sign-in-lockout",
        category=["authentication"],
        type=["info", "denied"],
        outcome="failure",
        reason="too_many_failures",
        user=user,
        request=request,
        method="password",
        failures=failures,
        **fields,
    )


def access_refused(actor, client, **decision: object) -> dict:
    """The access policy refused `actor` the client's data; `decision` carries codes only (what, category,
    action, purpose, basis, role), never the service event: which services a client uses is health or
    social data."""
    return emit(
        "access-refused",
        category=["database"],
        type=["access", "denied"],
        outcome="failure",
        reason=str(decision.get("basis", "")),
        user=actor,
        client={"id": str(client.public_id)},
        access={key: str(value) for key, value in decision.items() if value not in (None, "")},
        user_kind=user_kind(actor),
    )


def privilege_changed(action: str, target, types: list[str], **changes: object) -> dict:
    """A professional's roles or the account's staff/superuser/active flags, groups or permissions
    changed; `target` is whose, the request's user (if any) who changed them."""
    return emit(action, category=["iam"], type=types, outcome="success", target=target, changes=changes)


def admin_action(user, flag: str, content_type: str, object_id: str) -> dict:
    """An action in the Django admin (its LogEntry): addition, change or deletion of a configuration
    object; the object's text is left out (it may hold a name)."""
    return emit(
        f"admin-{flag}",
        category=["configuration"],
        type={"addition": ["creation"], "deletion": ["deletion"]}.get(flag, ["change"]),
        outcome="success",
        user=user,
        admin={"content_type": content_type, "object_id": object_id},
    )


def exported(user, client, *, export: str, file_format: str) -> dict:
    """Personal data left Luukku as a file or a page of everything (own-data export, log exports)."""
    return emit(
        "data-export",
        category=["database"],
        type=["access"],
        outcome="success",
        user=user,
        client={"id": str(client.public_id)} if client is not None else None,
        export={"kind": export, "format": file_format},
        user_kind=user_kind(user),
    )


def throttled(scope: str, retry_after: int, request: HttpRequest | None = None) -> dict:
    return emit(
        "rate-limited",
        category=["web"],
        type=["denied"],
        outcome="failure",
        reason="rate_limit",
        request=request,
        throttle={"scope": scope, "retry_after_seconds": retry_after},
    )


def user_kind(user) -> str:
    """resident, professional, admin or anonymous: what kind of account acted."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    if getattr(user, "resident", None) is not None:
        return "resident"
    if getattr(user, "professional", None) is not None:
        return "professional"
    return "admin" if user.is_staff or user.is_superuser else "other"
