"""/healthz and /readyz in process; the same against real server processes is in test_server.py."""

import datetime as dt
import json
import logging

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from luukku.serving import heartbeat
from luukku.serving.logs import JsonFormatter, request_id
from luukku.serving.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_is_ready_with_a_fresh_worker_heartbeat(client):
    heartbeat.beat("worker-1")
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "not configured", "worker": "ok"},
    }


def test_readyz_fails_when_no_worker_has_beaten_lately(client, settings):
    settings.LUUKKU_WORKER_STALE_SECONDS = 60
    assert client.get("/readyz").status_code == 503  # no worker at all
    heartbeat.beat("worker-1")
    WorkerHeartbeat.objects.update(beat_at=timezone.now() - dt.timedelta(seconds=61))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "stale"


def test_readyz_fails_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import OperationalError

    from luukku.serving import views

    class Unreachable:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(views, "connection", Unreachable())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "fail", "redis": "not configured", "worker": "unknown"}


def test_readyz_checks_redis_when_configured(client, settings):
    heartbeat.beat("worker-1")
    settings.LUUKKU_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["redis"] == "fail"


def _task(worker: str, started: dt.datetime, status: str = "RUNNING") -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="luukku.notify.tasks.deliver_message",
        backend_name="default",
        run_after=timezone.now(),
        started_at=started,
        worker_ids=[worker],
    )


def test_tasks_of_a_worker_that_stopped_beating_run_again(settings):
    settings.LUUKKU_WORKER_STALE_SECONDS = 60
    now = timezone.now()
    long_ago = now - dt.timedelta(minutes=5)
    heartbeat.beat("alive")
    heartbeat.beat("dead")
    WorkerHeartbeat.objects.filter(worker_id="dead").update(beat_at=long_ago)
    orphan, never_beat, long_task, just_started, done = (
        _task("dead", long_ago),
        _task("gone-without-heartbeat", long_ago),
        _task("alive", long_ago),
        _task("dead", now),
        _task("dead", long_ago, status="SUCCESSFUL"),
    )
    assert heartbeat.recover_orphaned_tasks() == 2
    status = {t: DBTaskResult.objects.get(pk=t.pk).status for t in (orphan, never_beat, long_task, done)}
    assert status == {orphan: "READY", never_beat: "READY", long_task: "RUNNING", done: "SUCCESSFUL"}
    assert DBTaskResult.objects.get(pk=just_started.pk).status == "RUNNING"  # not yet past the grace


def test_json_log_lines_carry_the_request_id():
    token = request_id.set("abc-123")
    try:
        record = logging.LogRecord("luukku.http", logging.INFO, __file__, 1, "GET %s", ("/x",), None)
        record.status = 200
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id.reset(token)
    assert line["request_id"] == "abc-123" and line["message"] == "GET /x" and line["status"] == 200
    assert line["level"] == "INFO" and line["ts"].endswith("+00:00")


def test_a_request_id_is_given_or_kept(client):
    generated = client.get("/healthz")["X-Request-ID"]
    assert len(generated) == 32
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-42.a_b")["X-Request-ID"] == "lb-42.a_b"
    assert client.get("/healthz", HTTP_X_REQUEST_ID="bad id\n")["X-Request-ID"] != "bad id\n"
