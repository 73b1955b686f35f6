"""The task worker's heartbeat, and what happens to the work of a worker that died.

`manage.py db_worker` (this app's, which wraps django_tasks_db's) starts a thread that upserts the
worker's `WorkerHeartbeat` row every LUUKKU_WORKER_BEAT_SECONDS. A worker that has not beaten for
LUUKKU_WORKER_STALE_SECONDS is taken for dead: /readyz reports it, and every live worker puts the tasks
that the dead one had claimed (status RUNNING, its id last in `worker_ids`) back to READY, so they run
again. django_tasks_db alone would leave them RUNNING for ever: a message whose worker was killed would
never be sent. Tasks are therefore run *at least once*; each of ours is idempotent (e.g.
notify.tasks.deliver_message locks the message and skips one already marked sent).
"""

import datetime as dt
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.utils import timezone

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=settings.LUUKKU_WORKER_STALE_SECONDS)


def beat(worker_id: str) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"beat_at": now, "hostname": socket.gethostname()[:255], "pid": os.getpid()},
        create_defaults={
            "beat_at": now,
            "started_at": now,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def latest_beat() -> dt.datetime | None:
    return WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()


def worker_alive(now: dt.datetime | None = None) -> bool:
    """Has any task worker beaten within LUUKKU_WORKER_STALE_SECONDS?"""
    latest = latest_beat()
    return latest is not None and latest >= (now or timezone.now()) - stale_after()


def recover_orphaned_tasks(now: dt.datetime | None = None) -> int:
    """Put back to READY the tasks claimed by workers that stopped beating; returns how many."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(beat_at__gte=now - stale_after()).values_list("worker_id", flat=True)
    )
    recovered = 0
    with transaction.atomic():
        running = DBTaskResult.objects.running().filter(started_at__lt=now - stale_after())
        for task in running.select_for_update(skip_locked=True):
            if task.worker_ids and task.worker_ids[-1] in alive:
                continue  # a long task of a live worker
            task.status = "READY"
            task.save(update_fields=["status"])
            recovered += 1
    if recovered:
        logger.warning("put %d task(s) of stopped workers back to the queue", recovered)
    # Rows of workers long gone (a day) are history nobody reads.
    WorkerHeartbeat.objects.filter(beat_at__lt=now - dt.timedelta(days=1)).delete()
    return recovered


class Heartbeat(threading.Thread):
    """Beats for one worker process until stopped; recovers orphaned tasks on each beat."""

    def __init__(self, worker_id: str, every: float | None = None) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.every = every if every is not None else settings.LUUKKU_WORKER_BEAT_SECONDS
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                close_old_connections()
                beat(self.worker_id)
                recover_orphaned_tasks()
            except DatabaseError:
                logger.exception("task worker heartbeat failed")
            finally:
                connection.close()  # this thread's own connection (back to the pool, if one)
            self.stopped.wait(self.every)

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            logger.warning("could not remove the heartbeat of a stopping worker")
