"""`manage.py db_worker`: django_tasks_db's worker, with a heartbeat (see luukku/serving/heartbeat.py)."""

from django_tasks_db.management.commands import db_worker

from luukku.serving.heartbeat import Heartbeat


class Command(db_worker.Command):
    help = "Run a database background worker that beats a heartbeat (for /readyz and task recovery)"

    def handle(self, *args, **options) -> None:
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
