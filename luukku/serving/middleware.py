"""The outermost middleware of a production process.

RequestLogMiddleware: gives each request an id (the X-Request-ID our proxy sent, when well formed, or a
new one), returns it in X-Request-ID and writes one JSON access-log line per request (logger
`luukku.http`: method, path without the query, status, duration, client address).

InFlightLimitMiddleware: at most LUUKKU_MAX_IN_FLIGHT requests of this process run at once; the rest
wait in line (first come, first served) up to LUUKKU_QUEUE_SECONDS, and at most LUUKKU_MAX_QUEUED of them
wait. One that cannot be served in time gets 503 with Retry-After and a page in the user's language
instead of piling threads and database connections onto the process until PostgreSQL refuses
connections and everyone gets 500s. Health checks and static files skip the line. Off when
LUUKKU_MAX_IN_FLIGHT is 0 (the demo's runserver).

ReturnConnectionsMiddleware: with the connection pool, gives the request's database connections back to
the pool as soon as the view and the middleware below are done, in the thread that ran them. Django
gives them back on `request_finished`, but when the client goes away mid-request (a reload in a rush)
Django's ASGI handler cancels the request and that signal fails in asgiref ("CurrentThreadExecutor
already quit"): each such request would keep one pooled connection for ever, and the process would
end up answering 503 to everyone.
"""

import asyncio
import contextvars
import logging
import re
import threading
import time
import uuid
import weakref
from collections.abc import Callable

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections
from django.http import HttpRequest, HttpResponse

from luukku.web.throttle import client_address
from luukku.web.unavailable import busy_response

from .logs import request_id

access_log = logging.getLogger("luukku.http")
_WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestLogMiddleware:
    async_capable = True
    sync_capable = True

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def _begin(self, request: HttpRequest) -> tuple[float, contextvars.Token]:
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if _WELL_FORMED_ID.fullmatch(given) else uuid.uuid4().hex
        return time.perf_counter(), request_id.set(request.request_id)

    def _end(
        self, request: HttpRequest, response: HttpResponse, began: float, token: contextvars.Token | None
    ) -> HttpResponse:
        response["X-Request-ID"] = request.request_id
        access_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - began) * 1000, 1),
                "client": client_address(request),
            },
        )
        if token is not None:
            request_id.reset(token)
        return response

    def __call__(self, request: HttpRequest):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        began, token = self._begin(request)
        return self._end(request, self.get_response(request), began, token)

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        began, _token = self._begin(request)
        # Not reset: each ASGI request runs in a context of its own, and Django's handler logs a
        # 4xx/5xx (django.request) after the middleware returns, which should carry the id too.
        return self._end(request, await self.get_response(request), began, None)


def _exempt(path: str) -> bool:
    return path in ("/healthz", "/readyz") or path.startswith(settings.STATIC_URL)


class InFlightLimitMiddleware:
    async_capable = True
    sync_capable = True

    def __init__(self, get_response: Callable) -> None:
        self.limit = int(getattr(settings, "LUUKKU_MAX_IN_FLIGHT", 0) or 0)
        if self.limit <= 0:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.max_queued = int(settings.LUUKKU_MAX_QUEUED)
        self.wait = float(settings.LUUKKU_QUEUE_SECONDS)
        self.waiting = 0
        # One semaphore per event loop (a server process has one; the async test client makes several).
        self._loops: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._threads = threading.BoundedSemaphore(self.limit)  # when called synchronously (tests, WSGI)
        self._lock = threading.Lock()
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        if _exempt(request.path):
            return self.get_response(request)
        if not self._threads.acquire(blocking=False):
            with self._lock:
                if self.waiting >= self.max_queued:
                    return busy_response(request)
                self.waiting += 1
            try:
                admitted = self._threads.acquire(timeout=self.wait)
            finally:
                with self._lock:
                    self.waiting -= 1
            if not admitted:
                return busy_response(request)
        try:
            return self.get_response(request)
        finally:
            self._threads.release()

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        if _exempt(request.path):
            return await self.get_response(request)
        loop = asyncio.get_running_loop()
        semaphore = self._loops.get(loop)
        if semaphore is None:
            semaphore = self._loops[loop] = asyncio.Semaphore(self.limit)
        if semaphore.locked():
            if self.waiting >= self.max_queued:
                return busy_response(request)
            self.waiting += 1
            try:
                await asyncio.wait_for(semaphore.acquire(), timeout=self.wait)
            except TimeoutError:
                return busy_response(request)
            finally:
                self.waiting -= 1
        else:
            await semaphore.acquire()
        try:
            return await self.get_response(request)
        finally:
            semaphore.release()


def pooled() -> bool:
    """Does any database use a connection pool (LUUKKU_DB_POOL_MAX_SIZE)?"""
    return any("pool" in db.get("OPTIONS", {}) for db in settings.DATABASES.values())


class ReturnConnectionsMiddleware:
    sync_capable = True
    async_capable = False  # must run in the thread of the view, where its connections live

    def __init__(self, get_response: Callable) -> None:
        if not pooled():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            for connection in connections.all(initialized_only=True):
                connection.close_if_unusable_or_obsolete()  # CONN_MAX_AGE is 0 with the pool: given back
