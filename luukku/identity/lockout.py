"""Password sign-in lockouts (django-axes) for professionals and the admin.

After AXES_FAILURE_LIMIT failed attempts for one username from one client address, that username is
refused from that address until AXES_COOLOFF_TIME has passed since the last failure; attempts during
the lockout do not prolong it, and a successful sign-in clears the count. The username and the
address are counted together, so an attacker elsewhere cannot lock a nurse out of her own sign-in.
The person is told on the sign-in form (HTTP 429, Retry-After) how many minutes to wait.

Axes keeps the attempts in the database (`axes.AccessAttempt`): shared by every server process, kept
over restarts, on PostgreSQL and SQLite alike. An administrator lifts a lockout in the admin
(*Access attempts*) or with `manage.py axes_reset_username <username>`.

Axes 8.3.1's own middleware passes the credentials where the response belongs when it runs under
ASGI, so `LockoutMiddleware` (sync; Django adapts it) does its job here and settings silence axes.W002.
"""

import datetime as dt
import math
from collections.abc import Callable

from asgiref.sync import sync_to_async
from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext


class LockoutBackend(AxesStandaloneBackend):
    """First of AUTHENTICATION_BACKENDS: refuses a locked-out username and address before any password
    is checked. A call without a request (a management command, the test client's login()) has no
    address to count and is not limited; every sign-in over HTTP passes its request.

    It signs nobody in and keeps no session (no get_user), so a session is never bound to it.
    """

    def authenticate(self, request: HttpRequest | None, username=None, password=None, **kwargs) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    async def aauthenticate(self, request: HttpRequest | None, **credentials) -> None:
        return await sync_to_async(self.authenticate)(request, **credentials)


def retry_after(request: HttpRequest, username: str | None) -> dt.timedelta | None:
    """How long until `username` may try again from this request's address; None when not locked."""
    cool_off = get_cool_off(request)
    if not username or cool_off is None:
        return None
    attempts = AccessAttempt.objects.filter(username=username, ip_address=get_client_ip_address(request))
    failures = sum(attempts.values_list("failures_since_start", flat=True))
    last = attempts.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
    if last is None or failures < settings.AXES_FAILURE_LIMIT:
        return None
    left = last + cool_off - timezone.now()
    return left if left > dt.timedelta(0) else None


def lockout_message(left: dt.timedelta) -> str:
    minutes = max(1, math.ceil(left.total_seconds() / 60))
    return ngettext(
        "Too many failed sign-in attempts. Signing in with this username is blocked here for "
        "%(minutes)d minute. Try again after that, or ask an administrator to lift the block.",
        "Too many failed sign-in attempts. Signing in with this username is blocked here for "
        "%(minutes)d minutes. Try again after that, or ask an administrator to lift the block.",
        minutes,
    ) % {"minutes": minutes}


class LockoutAwareMixin:
    """For an AuthenticationForm: a locked-out sign-in is told so, with the minutes to wait, instead of
    "wrong username or password"."""

    request: HttpRequest | None

    def clean(self) -> dict:
        try:
            return super().clean()
        except forms.ValidationError:
            request = self.request
            if request is None or not getattr(request, "axes_locked_out", False):
                raise
            left = retry_after(request, self.cleaned_data.get("username"))
            if left is None:
                raise
            request.luukku_lockout_seconds = max(1, math.ceil(left.total_seconds()))
            raise forms.ValidationError(lockout_message(left), code="locked_out") from None


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The answer to a locked-out sign-in: the form that already says so, or a page that does (429)."""
    seconds = getattr(request, "luukku_lockout_seconds", None)
    if seconds is not None and isinstance(original_response, HttpResponse):
        response = original_response
    else:
        username = (credentials or {}).get("username") or request.POST.get("username")
        left = retry_after(request, username) or get_cool_off(request) or dt.timedelta(minutes=1)
        seconds = max(1, math.ceil(left.total_seconds()))
        response = render(request, "identity/locked_out.html", {"message": lockout_message(left)})
    response.status_code = settings.AXES_HTTP_RESPONSE_CODE
    response["Retry-After"] = str(seconds)
    return response


class LockoutMiddleware:
    """Turns the response to a locked-out sign-in into `lockout_response` (last in MIDDLEWARE)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.AXES_ENABLED and getattr(request, "axes_locked_out", False):
            response = lockout_response(request, response, getattr(request, "axes_credentials", None))
        return response
