"""The inbox's outbox under a real failure: the task worker is killed (SIGKILL) in the middle of a batch
of notices, and two notices lost their task altogether (the process died between the commit and the
enqueue). `manage.py inbox_sweep` and a new worker then deliver every notice: each resident gets their
"new message in Luukku" text, at most the one being sent at the moment of the kill twice, and every
printed or electronic letter is handed to Suomi.fi Messages."""

import subprocess
import sys
import threading
from collections import Counter

import pytest
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from luukku.inbox import services
from luukku.inbox.models import Notice, Preferences, SuomiFiDispatch
from luukku.notify.models import OutboundMessage
from luukku.serving.tests import processes
from luukku.serving.tests import test_worker_dies as operator
from luukku.testing import resident_user

pytestmark = pytest.mark.django_db(transaction=True)
RESIDENTS = 6


def test_a_killed_worker_and_lost_tasks_lose_no_notice_and_no_letter():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (./run test sets it)")
    gateway = operator.Gateway()
    threading.Thread(target=gateway.serve_forever, daemon=True).start()
    env = {
        "LUUKKU_SMS_BACKEND": "http",
        "LUUKKU_SMS_URL": f"http://127.0.0.1:{gateway.server_address[1]}/send",
        "LUUKKU_SMS_TOKEN": "test",
        "LUUKKU_WORKER_BEAT_SECONDS": "0.3",
        "LUUKKU_WORKER_STALE_SECONDS": "2",
    }
    try:
        phones = {}
        with transaction.atomic():
            for number in range(RESIDENTS):
                person = resident_user(age=40)
                phones[person.pk] = f"+35840100000{number}"
                Preferences.objects.create(
                    person=person, phone=phones[person.pk], quiet_from=None, quiet_until=None
                )
                services.deliver(
                    person,
                    key=f"test:{number}",
                    subject="Päätös",
                    body="Päätös on tehty.",
                    category="social",
                    letter=number % 2 == 0,
                )
        assert Notice.objects.count() == RESIDENTS
        lost = list(
            DBTaskResult.objects.filter(task_path="luukku.inbox.tasks.send_notice").values_list(
                "pk", flat=True
            )
        )[:2]
        DBTaskResult.objects.filter(pk__in=lost).delete()  # died between the commit and the enqueue

        with processes.task_worker(**env) as first:
            processes.wait_until(
                lambda: len(gateway.received) >= 2, 60, first, "the first worker sent nothing"
            )
            first.kill()
            first.popen.wait(10)
        assert Notice.objects.filter(sent_at__isnull=True).exists() or (
            OutboundMessage.objects.filter(sent_at__isnull=True).exists()
        )

        sweep = subprocess.run(  # noqa: S603 - our own program with fixed arguments
            [sys.executable, str(processes.ROOT / "manage.py"), "inbox_sweep"],
            env=processes.environment(**env),
            cwd=processes.ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert sweep.returncode == 0, sweep.stderr
        with processes.task_worker(**env) as second:
            processes.wait_until(
                lambda: (
                    not OutboundMessage.objects.filter(sent_at__isnull=True).exists()
                    and not Notice.objects.filter(sent_at__isnull=True).exists()
                    and not SuomiFiDispatch.objects.filter(status=SuomiFiDispatch.Status.QUEUED).exists()
                ),
                90,
                second,
                "the second worker did not deliver the rest",
            )
        texts = Counter(OutboundMessage.objects.filter(kind="inbox.notice").values_list("to", flat=True))
        assert set(texts) == set(phones.values()) and set(texts.values()) == {1}  # one notice each
        received = len(gateway.received)
        assert RESIDENTS <= received <= RESIDENTS + 1, gateway.received  # at most the one in flight twice
        assert SuomiFiDispatch.objects.count() == RESIDENTS // 2
    finally:
        gateway.shutdown()
        gateway.server_close()
