"""The task worker is killed (SIGKILL) in the middle of a batch of text messages: a new worker puts the
dead one's claimed task back in the queue and every message is delivered; the SMS operator sees each
message once, except that the one being sent at the moment of the kill may come twice (at least once:
the operator had it, but the worker died before recording it as sent)."""

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from luukku.notify.models import OutboundMessage
from luukku.notify.services import queue_message

from .processes import task_worker, wait_until

pytestmark = pytest.mark.django_db(transaction=True)
MESSAGES = 8


class Gateway(ThreadingHTTPServer):
    """A slow SMS operator on a free port: records each message it accepts."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.lock = threading.Lock()

        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with gateway.lock:
                    gateway.received.append(body["text"])
                time.sleep(1.0)  # the operator takes its time: the kill lands mid-send
                answer = json.dumps({"id": f"op-{len(gateway.received)}"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


def test_a_killed_worker_loses_no_message():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (./run test sets it)")
    gateway = Gateway()
    threading.Thread(target=gateway.serve_forever, daemon=True).start()
    env = {
        "LUUKKU_SMS_BACKEND": "http",
        "LUUKKU_SMS_URL": f"http://127.0.0.1:{gateway.server_address[1]}/send",
        "LUUKKU_SMS_TOKEN": "test",
        "LUUKKU_WORKER_BEAT_SECONDS": "0.3",
        "LUUKKU_WORKER_STALE_SECONDS": "2",
    }
    try:
        with transaction.atomic():
            for number in range(MESSAGES):
                queue_message("sms", "+358401234567", f"viesti {number}", "test")
        with task_worker(**env) as first:
            wait_until(lambda: len(gateway.received) >= 3, 60, first, "the first worker sent nothing")
            first.kill()  # SIGKILL: no chance to tidy up
            first.popen.wait(10)
        assert OutboundMessage.objects.filter(sent_at__isnull=True).exists()
        # The message being sent (almost surely: the operator takes a second): the dead worker's claim
        # would hold it for ever without the heartbeat's recovery.
        assert DBTaskResult.objects.filter(status="RUNNING").count() <= 1

        with task_worker(**env) as second:
            wait_until(
                lambda: not OutboundMessage.objects.filter(sent_at__isnull=True).exists(),
                60,
                second,
                "the second worker did not deliver the rest",
            )
        counts = Counter(gateway.received)
        assert set(counts) == {f"viesti {number}" for number in range(MESSAGES)}
        assert sum(counts.values()) - MESSAGES <= 1, counts  # at most the one in flight, twice
        assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    finally:
        gateway.shutdown()
        gateway.server_close()
