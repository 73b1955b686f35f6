"""Every route declares its audience and category: URL patterns, JSON API operations, FHIR
interactions, WebSocket routes. Admin registers configuration only, never client data."""

from django.contrib import admin
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from luukku.api import api
from luukku.chat.routing import websocket_urlpatterns
from luukku.identity.models import Resident
from luukku.web.routes import rule_of

# Framework routes that carry no client data and belong to no app: the admin (checked below by model),
# the language switch, and the API's own schema and documentation pages.
FRAMEWORK = ("admin:", "set_language", "api-1:openapi-json", "api-1:openapi-view")


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", prefix + str(entry.pattern), entry.callback


def all_routes() -> list[tuple[str, str, object]]:
    """(name, pattern, callback) of every URL pattern, every API operation and every WebSocket route."""
    routes = [(name, pattern, callback) for name, pattern, callback in _patterns(get_resolver())]
    routes = [r for r in routes if not r[0].startswith(FRAMEWORK)]
    routes = [r for r in routes if not r[1].startswith("api/")]  # by operation below
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                name = f"api:{'/'.join(operation.methods)} {prefix}{path}"
                routes.append((name, f"api{prefix}{path}", operation.view_func))
    for entry in websocket_urlpatterns:
        routes.append((f"ws:{entry.pattern}", str(entry.pattern), entry.callback))
    return routes


def test_every_route_declares_its_audience_and_category():
    undeclared = [
        f"{name} ({pattern})" for name, pattern, callback in all_routes() if rule_of(callback) is None
    ]
    assert not undeclared, "routes without @route(audience, category): " + ", ".join(undeclared)


def test_the_route_list_reaches_every_kind_of_route():
    names = {name for name, _pattern, _callback in all_routes()}
    assert "desk:client" in names and "fhir:appointment" in names and "access:audit_log" in names
    assert any(name.startswith("api:GET /identity") for name in names)
    assert any(name.startswith("ws:") for name in names)


def _reaches_clients(model: type[models.Model]) -> bool:
    fields = model._meta.get_fields()
    return any(getattr(f, "related_model", None) is Resident for f in fields) or any(
        "hetu" in f.name for f in fields if isinstance(f, models.Field)
    )


def test_admin_configures_and_never_browses_clients(settings):
    """Administrators configure, never browse clients (ARCHITECTURE: access policy). The one exception is
    the demo's stand-in for the Suomi.fi mandate register, registered only when LUUKKU_DEMO is on."""
    from luukku.identity.models import LocalMandate

    registered = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label.startswith(("identity", "booking", "questionnaires", "carepaths"))
        or model.__module__.startswith("luukku.")
    }
    for model, model_admin in registered.items():
        inlines = [inline.model for inline in model_admin.inlines]
        for shown in [model, *inlines]:
            if shown is LocalMandate:
                assert settings.DEMO
                continue
            assert not _reaches_clients(shown), f"{shown.__name__} in the admin reaches client data"


def test_every_logged_read_has_a_label_for_the_resident_and_the_auditor():
    """What a professional read is shown in the reader's language on "who has looked at my data"."""
    import re
    from pathlib import Path

    from luukku.audit.models import WHAT_LABELS

    unlogged = {"listing", "home", "own_data"}  # log=False checks: no professional reads anything
    root = Path(__file__).resolve().parents[2]
    used = set()
    for source in root.rglob("*.py"):
        if "tests" not in source.parts:
            used |= set(re.findall(r'what="([a-z_]+)"', source.read_text()))
    assert {"client_search", "basic_data", "chat"} <= used
    assert not sorted(used - unlogged - set(WHAT_LABELS))
