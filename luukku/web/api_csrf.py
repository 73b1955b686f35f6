"""CSRF for the JSON API. django-ninja exempts its views from Django's CSRF middleware and checks the
token only in its session auth class, so an operation without that auth (booking, for one) accepted a
cross-site `text/plain` POST that carried the session cookie. Here every state-changing call that
carries the session cookie must carry the CSRF token too (the `X-CSRFToken` header, as the API docs
send it); a machine client that authenticates without the session cookie is not affected."""

import json
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.utils import check_csrf

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def uses_session(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def refusal(request: HttpRequest) -> HttpResponse | None:
    """A 403 for a state-changing call with the session cookie but without a valid CSRF token."""
    if request.method in SAFE_METHODS or not uses_session(request):
        return None
    if check_csrf(request) is None:  # Django's own check: token, Origin and Referer
        return None
    detail = _("The request was refused for your security (CSRF). Reload the page and try again.")
    return JsonResponse({"detail": detail}, status=403)


def session_csrf(run: Callable) -> Callable:
    """A ninja "view" decorator: runs before the operation parses its input."""

    @wraps(run)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return refusal(request) or run(request, *args, **kwargs)

    return checked


class SessionSwagger(Swagger):
    """Swagger UI from django-ninja's own static files (no CDN, no inline script), sending the CSRF
    token with "Try it out" calls made in the signed-in session."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings, indent=1), "api": api, "add_csrf": True}
        return render(request, self.template, context)
