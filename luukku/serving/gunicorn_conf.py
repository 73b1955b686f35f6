"""gunicorn settings for production (`./run serve`, the container):
`gunicorn -c python:luukku.serving.gunicorn_conf luukku.asgi:application`.
Each setting can be changed through its LUUKKU_* variable.

gunicorn is the process manager (forks the workers, restarts one that dies or hangs past `timeout`,
recycles them after `max_requests`, graceful reloads on HUP); each worker is a uvicorn event loop
serving HTTP and the chat's WebSockets (Channels) for `luukku.asgi:application`.
"""

import os

bind = os.environ.get("LUUKKU_BIND", "127.0.0.1:8000").split(",")
# CPU-bound Python under one GIL per process: about one worker per core (LUUKKU_WEB_WORKERS).
workers = int(os.environ.get("LUUKKU_WEB_WORKERS") or os.cpu_count() or 2)
worker_class = "luukku.serving.worker.Worker"
timeout = int(os.environ.get("LUUKKU_WORKER_TIMEOUT", "60"))  # a worker silent this long is restarted
# On SIGTERM (or a restart) requests in flight have this long to finish.
graceful_timeout = int(os.environ.get("LUUKKU_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
backlog = 2048
# Recycle a worker now and then (memory growth); the jitter keeps them from restarting together.
max_requests = int(os.environ.get("LUUKKU_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = None  # the application writes the access log as JSON (luukku.serving.middleware)
errorlog = "-"
proc_name = "luukku"
# gunicorn 27's runtime control socket sits at one path per user (~/.gunicorn/gunicorn.ctl), which two
# servers on one machine would share; `kill -HUP/-TERM` on the master does what Luukku needs.
control_socket_disable = True
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "luukku.serving.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
