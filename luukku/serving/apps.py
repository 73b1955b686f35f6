from django.apps import AppConfig


class ServingConfig(AppConfig):
    """Production serving: health endpoints, the task worker's heartbeat, request ids and JSON access logs,
    the cap on requests in flight. Listed before django_tasks_db so that its `db_worker` (with the
    heartbeat) is the one `manage.py db_worker` runs."""

    name = "luukku.serving"
    label = "serving"
