"""Throttles: how often one caller may do something that costs others (an anonymous form that puts work
in a unit's queue, a text message to a number someone typed in).

A `Limit` allows `count` hits per `window` for one key (a client address, a phone number). The window
opens at the first hit and is counted in Django's cache: Redis when LUUKKU_REDIS_URL is set (shared by
every server process), else the process's memory (the one-process demo). `hit()` counts atomically and
raises `Throttled` once over the limit, with the seconds until the window closes (HTTP Retry-After) and
a message in the user's language; `refund()` gives a hit back when the action did not happen after all.
Keys are keyed hashes: phone numbers and addresses never appear in the cache in the clear.

`LUUKKU_THROTTLES = {scope: (count, seconds)}` overrides a limit's defaults (e.g. in a test).
"""

import datetime as dt
import hashlib
import hmac
import ipaddress
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import ngettext_lazy

TOO_MANY = ngettext_lazy(
    "Too many requests in a short time. Try again in %(minutes)d minute.",
    "Too many requests in a short time. Try again in %(minutes)d minutes.",
    "minutes",
)


@dataclass(frozen=True)
class Limit:
    scope: str  # what is counted, e.g. "desk.call_back.address"
    count: int
    window: dt.timedelta
    message: Promise = field(default=TOO_MANY, compare=False)  # takes %(minutes)d

    def in_force(self) -> tuple[int, int]:
        """(count, window in seconds), LUUKKU_THROTTLES overriding the defaults."""
        count, seconds = getattr(settings, "LUUKKU_THROTTLES", {}).get(
            self.scope, (self.count, self.window.total_seconds())
        )
        return int(count), max(1, int(seconds))


class Throttled(Exception):
    """Over a limit; `retry_after` seconds until the caller may try again."""

    def __init__(self, limit: Limit, retry_after: int) -> None:
        super().__init__(limit.scope)
        self.limit = limit
        self.retry_after = max(1, retry_after)

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))

    @property
    def message(self) -> str:
        """What to tell the user, with the minutes to wait, in the active language."""
        return self.limit.message % {"minutes": self.minutes}


_observers: list[Callable[[Throttled, HttpRequest | None], None]] = []


def observe(observer: Callable[[Throttled, HttpRequest | None], None]) -> None:
    """Be told of every refusal (the security log registers here from its AppConfig.ready())."""
    if observer not in _observers:
        _observers.append(observer)


def _cache():
    return caches[getattr(settings, "LUUKKU_THROTTLE_CACHE", "default")]


def _cache_key(scope: str, key: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}\0{key}".encode(), hashlib.sha256)
    return f"throttle:{scope}:{digest.hexdigest()[:32]}"


def hit(limit: Limit, key: str, request: HttpRequest | None = None) -> None:
    """Count one attempt for `key`; raises Throttled if it goes over the limit (and counts nothing)."""
    count, seconds = limit.in_force()
    cache, base, now = _cache(), _cache_key(limit.scope, key), time.time()
    cache.add(f"{base}:until", now + seconds, timeout=seconds)  # the first hit opens the window
    if cache.add(base, 1, timeout=seconds):
        used = 1
    else:
        try:
            used = cache.incr(base)
        except ValueError:  # the window closed between add() and incr()
            cache.set(base, 1, timeout=seconds)
            used = 1
    if used > count:
        cache.decr(base)  # a refused attempt does not use up the next window's share
        until = cache.get(f"{base}:until") or now + seconds
        refusal = Throttled(limit, math.ceil(until - now))
        for observer in _observers:
            observer(refusal, request)
        raise refusal


def refund(limit: Limit, key: str) -> None:
    """Give back a hit whose action did not happen (e.g. the booking was refused for another reason)."""
    try:
        if _cache().decr(_cache_key(limit.scope, key)) < 0:
            _cache().delete(_cache_key(limit.scope, key))
    except ValueError:  # the window has closed already
        pass


def reset(limit: Limit, key: str) -> None:
    base = _cache_key(limit.scope, key)
    _cache().delete_many([base, f"{base}:until"])


# --- Who is calling ------------------------------------------------------------------------------


def client_address(request: HttpRequest) -> str:
    """The caller's IP address.

    REMOTE_ADDR, unless LUUKKU_PROXY_COUNT says how many reverse proxies of our own stand in front:
    then the address the outermost of them saw, read from X-Forwarded-For counting from the right
    (entries further left are the client's to forge). Something that is not an address gives REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "LUUKKU_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote


def address_key(request: HttpRequest) -> str:
    """The throttle key of the caller's address; an IPv6 caller is counted by its /64 network, which
    one household or device normally holds whole."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def with_retry_after(response: HttpResponse, refusal: Throttled) -> HttpResponse:
    """A page answering a throttled request: 429 with Retry-After (RFC 6585 § 4, RFC 9110 § 10.2.3)."""
    response.status_code = 429
    response["Retry-After"] = str(refusal.retry_after)
    return response
