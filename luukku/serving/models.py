from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    """A task worker (`manage.py db_worker`) says it is alive: one row per worker, beaten every few
    seconds. /readyz fails when no worker has beaten lately; tasks a silent worker had claimed are run
    again (heartbeat.recover_orphaned_tasks)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    beat_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} @ {self.hostname}:{self.pid}"
