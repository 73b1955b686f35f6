"""Every route declares who it is for and which category of client data it reaches.

`@route(audience, category)` on a view (HTML, JSON API operation, FHIR interaction) or on a
WebSocket consumer class. The permission-matrix test walks every URL pattern, API operation,
WebSocket route and admin registration and fails for any that is not declared; it then runs its
actors against each declared route. The declaration documents; the decision is still `decide()`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.db import models

V = TypeVar("V", bound=Callable)


class Audience(models.TextChoices):
    PUBLIC = "public"  # anyone, signed in or not; no client data (or only the caller's own)
    RESIDENT = "resident"  # a signed-in resident, for themselves or those they act for
    RESIDENT_OR_ANONYMOUS = "resident_or_anonymous"  # e.g. an anonymous chat held by its browser
    PROFESSIONAL = "professional"  # client work through decide()
    RESIDENT_OR_PROFESSIONAL = "resident_or_professional"  # the client's own data, or client work
    AUDITOR = "auditor"  # the access log only
    ADMINISTRATOR = "administrator"  # configuration only, never clients
    INTEGRATION = "integration"  # a system of the county with its own credential (e.g. SCIM), no session


# Categories a route may declare beyond access.categories.Category: "none" (no personal data),
# "own" (only the caller's own or proxied data, by the proxy rules), "access_log", "config".
ROUTE_CATEGORIES = {"none", "own", "basic", "health", "social", "confidential_minor", "access_log", "config"}


@dataclass(frozen=True)
class RouteRule:
    audience: str
    category: str


def route(audience: str, category: str) -> Callable[[V], V]:
    if audience not in Audience.values or category not in ROUTE_CATEGORIES:
        raise ValueError(f"unknown audience or category: {audience!r}, {category!r}")

    def declare(view: V) -> V:
        view.access_route = RouteRule(audience, category)
        return view

    return declare


def rule_of(callback: object) -> RouteRule | None:
    """The declaration of a URL callback, a ninja operation or a consumer application."""
    for candidate in (
        callback,
        getattr(callback, "view_class", None),
        getattr(callback, "consumer_class", None),
    ):
        rule = getattr(candidate, "access_route", None)
        if rule is not None:
            return rule
    return None
