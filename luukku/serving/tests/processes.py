"""Real server and worker processes for the tests: a free port, wait until it answers, always stopped
(the whole process group, SIGKILL if SIGTERM is not enough), and its output shown when it fails."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The URL of the database this test runs on (pytest-django's test database)."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LUUKKU_", "DJANGO_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "luukku.settings",
            "LUUKKU_DATABASE_URL": database_url(),
            "LUUKKU_DEMO": "1",
            "LUUKKU_LOG_FORMAT": "json",
            "LUUKKU_SECURITY_LOG": "none",
            "PYTHONUNBUFFERED": "1",
            "LUUKKU_GRACEFUL_TIMEOUT": "2",
        }
    )
    env.update(extra)
    return env


class Process:
    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.log = tempfile.NamedTemporaryFile("w+", prefix="luukku-test-", suffix=".log")  # noqa: SIM115
        self.popen = subprocess.Popen(  # noqa: S603 - our own programs with fixed arguments
            argv, env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.kill(signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill(signal.SIGKILL)
                self.popen.wait(timeout=10)
        self.kill(signal.SIGKILL)  # anything the group left behind
        self.log.close()


def get(port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": "localhost", **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def wait_until(condition, timeout: float, process: Process, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            code = process.popen.returncode
            raise AssertionError(f"{what}: the process exited ({code}):\n{process.output()}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            if condition():
                return
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {timeout} s:\n{process.output()}")


@contextlib.contextmanager
def web_server(workers: int = 1, **env: str) -> Iterator[tuple[Process, int]]:
    """gunicorn with uvicorn workers, as `./run serve` starts it, on a free port; tried on another port
    should another program take the one found free before gunicorn binds it."""
    for _attempt in range(3):
        port = free_port()
        server = Process(
            [
                str(VENV_BIN / "gunicorn"),
                "-c",
                "python:luukku.serving.gunicorn_conf",
                "luukku.asgi:application",
            ],
            environment(LUUKKU_BIND=f"127.0.0.1:{port}", LUUKKU_WEB_WORKERS=str(workers), **env),
        )
        try:
            wait_until(lambda p=port: get(p, "/healthz")[0] == 200, 60, server, "the server did not answer")
        except AssertionError:
            output = server.output()
            server.stop()
            if "Address already in use" in output:
                continue
            raise
        try:
            yield server, port
        finally:
            server.stop()
        return
    raise AssertionError("no free port for the server")


@contextlib.contextmanager
def task_worker(**env: str) -> Iterator[Process]:
    worker = Process(
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--interval", "0.1", "--no-startup-delay"],
        environment(**env),
    )
    try:
        yield worker
    finally:
        worker.stop()
