"""The cap on requests in flight: over it a request waits its turn, and one that waits in vain (or finds
the line full) gets 503 with Retry-After and a page in its language, never a 500."""

import asyncio
import threading

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext as _

from luukku.serving.middleware import InFlightLimitMiddleware


@pytest.fixture
def capped(settings):
    settings.LUUKKU_MAX_IN_FLIGHT = 1
    settings.LUUKKU_MAX_QUEUED = 5
    settings.LUUKKU_QUEUE_SECONDS = 0.2
    settings.LUUKKU_BUSY_RETRY_SECONDS = 7


def _busy_text(language: str) -> str:
    with translation.override(language):
        return _("Luukku has a lot of users right now")


def test_a_request_over_the_cap_waits_then_gets_503_in_its_language(capped):
    entered, release = threading.Event(), threading.Event()

    def slow_view(request):
        entered.set()
        release.wait(10)
        return HttpResponse("done")

    middleware = InFlightLimitMiddleware(slow_view)
    first: list[HttpResponse] = []
    holder = threading.Thread(target=lambda: first.append(middleware(RequestFactory().get("/ajanvaraus/"))))
    holder.start()
    try:
        assert entered.wait(10)
        refused = middleware(RequestFactory().get("/ajanvaraus/", HTTP_ACCEPT_LANGUAGE="en"))
    finally:
        release.set()
        holder.join(10)
    assert refused.status_code == 503
    assert refused["Retry-After"] == "7"
    assert _busy_text("en") in refused.content.decode()
    assert first[0].status_code == 200  # the one in flight was served
    # The slot is free again: the next request is served.
    assert middleware(RequestFactory().get("/ajanvaraus/")).status_code == 200


def test_a_waiting_request_is_served_when_a_place_frees_in_time(capped, settings):
    settings.LUUKKU_QUEUE_SECONDS = 10
    entered, release = threading.Event(), threading.Event()
    calls = []

    def view(request):
        calls.append(request.path)
        if len(calls) == 1:
            entered.set()
            release.wait(10)
        return HttpResponse("done")

    middleware = InFlightLimitMiddleware(view)
    holder = threading.Thread(target=lambda: middleware(RequestFactory().get("/a/")))
    holder.start()
    assert entered.wait(10)
    threading.Timer(0.1, release.set).start()
    response = middleware(RequestFactory().get("/b/"))
    holder.join(10)
    assert response.status_code == 200 and calls == ["/a/", "/b/"]


def test_a_full_line_is_refused_at_once_and_health_checks_skip_it(capped, settings):
    settings.LUUKKU_MAX_QUEUED = 0
    entered, release = threading.Event(), threading.Event()

    def view(request):
        if request.path == "/hold/":
            entered.set()
            release.wait(10)
        return HttpResponse("ok")

    middleware = InFlightLimitMiddleware(view)
    holder = threading.Thread(target=lambda: middleware(RequestFactory().get("/hold/")))
    holder.start()
    try:
        assert entered.wait(10)
        assert middleware(RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="sv")).status_code == 503
        assert middleware(RequestFactory().get("/healthz")).status_code == 200
        assert middleware(RequestFactory().get("/static/web/luukku.css")).status_code == 200
        api = middleware(RequestFactory().get("/api/booking/services"))
        assert api.status_code == 503 and api["Content-Type"] == "application/json"
    finally:
        release.set()
        holder.join(10)


async def test_the_cap_holds_on_the_event_loop(capped):
    """Under the ASGI server the middleware runs on the event loop: the second request waits for the
    first (no thread, no database connection taken) and is refused when its wait runs out."""
    release = asyncio.Event()

    async def view(request):
        await release.wait()
        return HttpResponse("done")

    middleware = InFlightLimitMiddleware(view)
    first = asyncio.create_task(middleware(RequestFactory().get("/ajanvaraus/")))
    await asyncio.sleep(0)
    refused = await middleware(RequestFactory().get("/ajanvaraus/", HTTP_ACCEPT_LANGUAGE="fi"))
    release.set()
    assert (await first).status_code == 200
    assert refused.status_code == 503 and refused["Retry-After"] == "7"
    assert _busy_text("fi") in refused.content.decode()
    assert (await middleware(RequestFactory().get("/ajanvaraus/"))).status_code == 200


def test_no_cap_no_middleware(settings):
    from django.core.exceptions import MiddlewareNotUsed

    settings.LUUKKU_MAX_IN_FLIGHT = 0
    with pytest.raises(MiddlewareNotUsed):
        InFlightLimitMiddleware(lambda request: HttpResponse())


def test_pooled_connections_go_back_when_the_view_is_done_even_if_the_client_left(monkeypatch):
    """Django returns them on request_finished, which a client that disconnected mid-request skips."""
    from luukku.serving import middleware

    given_back = []

    class Pooled:
        def close_if_unusable_or_obsolete(self):
            given_back.append(self)

    pooled = Pooled()
    monkeypatch.setattr(middleware.connections, "all", lambda initialized_only=False: [pooled])
    monkeypatch.setattr(middleware, "pooled", lambda: True)

    def failing_view(request):
        raise RuntimeError("the view failed")

    with pytest.raises(RuntimeError):
        middleware.ReturnConnectionsMiddleware(failing_view)(RequestFactory().get("/"))
    assert given_back == [pooled]
    assert middleware.ReturnConnectionsMiddleware(lambda r: HttpResponse())(RequestFactory().get("/"))
    assert given_back == [pooled, pooled]


def test_without_a_pool_connections_are_left_to_django():
    """The test settings have no pool (as the demo): Django's own handling stays."""
    from django.core.exceptions import MiddlewareNotUsed

    from luukku.serving.middleware import ReturnConnectionsMiddleware, pooled

    assert not pooled()
    with pytest.raises(MiddlewareNotUsed):
        ReturnConnectionsMiddleware(lambda request: HttpResponse())
