"""Health endpoints for the orchestrator and the load balancer (JSON, never cached, no session).

/healthz (liveness): the process answers; touches nothing else, so a database outage does not get every
web process restarted. /readyz (readiness): this process can serve: the database answers, Redis (when
LUUKKU_REDIS_URL is set) answers, and a task worker has beaten its heartbeat within
LUUKKU_WORKER_STALE_SECONDS (otherwise confirmations and reminders would queue up unsent). 503 with the
failing checks otherwise. Neither says anything about clients.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from luukku.web.routes import Audience, route

from . import heartbeat

logger = logging.getLogger(__name__)


@route(Audience.PUBLIC, "none")
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except DatabaseError:
        logger.warning("readiness: the database does not answer", exc_info=True)
        return "fail"


def _redis() -> str:
    url = getattr(settings, "LUUKKU_REDIS_URL", "")
    if not url:
        return "not configured"
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        try:
            client.ping()
        finally:
            client.close()
        return "ok"
    except redis.RedisError:
        logger.warning("readiness: Redis does not answer", exc_info=True)
        return "fail"


def _worker(database: str) -> str:
    if database != "ok":
        return "unknown"
    try:
        return "ok" if heartbeat.worker_alive() else "stale"
    except DatabaseError:
        return "unknown"


@route(Audience.PUBLIC, "none")
@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    database = _database()
    checks = {"database": database, "redis": _redis(), "worker": _worker(database)}
    ready = all(value in ("ok", "not configured") for value in checks.values())
    return JsonResponse({"status": "ok" if ready else "fail", "checks": checks}, status=200 if ready else 503)
