"""`./run serve`'s processes for real: gunicorn with uvicorn workers on the test database, the task
worker beside it. Health, readiness (with and without the worker, with the database unreachable), the
request id in the JSON access log, the chat's WebSocket through Channels, and a web process killed
while the other goes on serving and gunicorn starts a new one."""

import asyncio
import json
import os
import signal
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext as _

from .processes import free_port, get, task_worker, wait_until, web_server

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("production serving runs on PostgreSQL (./run test sets it)")


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


async def _knock(port: int) -> int:
    import websockets

    url = f"ws://127.0.0.1:{port}/ws/chat/{uuid.uuid4()}/"
    try:
        async with websockets.connect(url, origin="http://localhost", open_timeout=10):
            return 101
    except websockets.InvalidStatus as refused:
        return refused.response.status_code


def test_health_readiness_the_access_log_and_the_chat_websocket():
    with web_server(LUUKKU_DB_POOL_MAX_SIZE="4", LUUKKU_MAX_IN_FLIGHT="4") as (server, port):
        status, headers, body = get(port, "/healthz", {"X-Request-ID": "probe-1"})
        assert status == 200 and json.loads(body) == {"status": "ok"}
        assert headers["x-request-id"] == "probe-1"
        status, _headers, body = get(port, "/readyz")
        assert status == 503 and json.loads(body)["checks"]["worker"] == "stale"  # no task worker yet
        with task_worker(LUUKKU_WORKER_BEAT_SECONDS="0.5") as worker:
            wait_until(lambda: get(port, "/readyz")[0] == 200, 30, worker, "/readyz did not become ready")
        wait_until(lambda: '"request_id": "probe-1"' in server.output(), 10, server, "no access log line")
        line = next(json.loads(x) for x in server.output().splitlines() if '"request_id": "probe-1"' in x)
        assert line["logger"] == "luukku.http" and line["path"] == "/healthz" and line["status"] == 200
        # The chat consumer looked the conversation up and refused an unknown one: Channels answered,
        # over the ASGI server's WebSocket support (a server without it would answer 404 or 400).
        assert asyncio.run(_knock(port)) == 403


def test_a_killed_web_process_is_replaced_and_the_other_goes_on_serving():
    with web_server(workers=2) as (server, port):
        wait_until(lambda: len(_children(server.popen.pid)) == 2, 30, server, "two workers")
        first = _children(server.popen.pid)
        victim = min(first)
        os.kill(victim, signal.SIGKILL)
        statuses = [get(port, "/healthz")[0] for _ in range(20)]
        assert statuses == [200] * 20
        replaced = lambda: len(_children(server.popen.pid) - {victim}) == 2  # noqa: E731
        wait_until(replaced, 30, server, "a new worker was not started")


def test_with_the_database_unreachable_pages_answer_503_try_again_and_readyz_fails():
    nowhere = f"postgres://postgres@127.0.0.1:{free_port()}/luukku"
    with web_server(LUUKKU_DATABASE_URL=nowhere, LUUKKU_DB_POOL_MAX_SIZE="2", LUUKKU_DB_POOL_TIMEOUT="1") as (
        _server,
        port,
    ):
        assert get(port, "/healthz")[0] == 200  # alive: restarting it would not bring the database back
        status, _headers, body = get(port, "/readyz")
        assert status == 503 and json.loads(body)["checks"]["database"] == "fail"
        status, headers, body = get(port, "/ajanvaraus/", {"Accept-Language": "en"})
        assert status == 503 and int(headers["retry-after"]) > 0
        with translation.override("en"):
            assert _("Luukku could not complete your request") in body.decode()
