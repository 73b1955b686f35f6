"""Production settings: with LUUKKU_DEMO=0 Django's deployment check finds nothing to warn about, and
the settings refuse to start without a secret key. Settings are read once at start-up, so the check
runs in a child process and the other tests execute luukku/settings.py afresh under another
environment."""

import importlib.util
import os
import secrets
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def _production_env(**extra: str) -> dict[str, str]:
    # Not this test run's own LUUKKU_*/DJANGO_* variables (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LUUKKU_", "DJANGO_"))}
    env.update(
        {
            "LUUKKU_DEMO": "0",
            "LUUKKU_DEBUG": "0",
            "LUUKKU_ALLOWED_HOSTS": "luukku.omahame.example",
            "LUUKKU_DATABASE_URL": os.environ.get("LUUKKU_DATABASE_URL", "sqlite:///:memory:"),
            "DJANGO_SETTINGS_MODULE": "luukku.settings",
        }
    )
    env.update(extra)
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(MANAGE), *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_production():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        env=_production_env(LUUKKU_SECRET_KEY=secrets.token_urlsafe(50)),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_the_demo_would_not_pass_the_deployment_check():
    """The check can fail: the demo's settings (no HTTPS, no HSTS) are what it warns about."""
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env(LUUKKU_DEMO="1"))
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # SECURE_HSTS_SECONDS
    assert "security.W008" in result.stderr + result.stdout  # SECURE_SSL_REDIRECT


def _settings_module(monkeypatch, **env: str) -> ModuleType:
    """luukku/settings.py executed afresh (as a separate module) under `env`."""
    for key in [k for k in os.environ if k.startswith("LUUKKU_")]:
        monkeypatch.delenv(key)
    for key, value in {**_production_env(), **env}.items():
        monkeypatch.setenv(key, value)
    spec = importlib.util.spec_from_file_location(
        "luukku_settings_under_test", Path(settings.BASE_DIR) / "luukku" / "settings.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    with pytest.raises(RuntimeError, match="LUUKKU_SECRET_KEY must be set"):
        _settings_module(monkeypatch)


def test_https_settings_have_safe_defaults_and_are_configurable(monkeypatch):
    key = secrets.token_urlsafe(50)
    production = _settings_module(monkeypatch, LUUKKU_SECRET_KEY=key)
    assert production.SECURE_SSL_REDIRECT is True
    assert production.SECURE_HSTS_SECONDS == 365 * 24 * 3600
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    changed = _settings_module(
        monkeypatch,
        LUUKKU_SECRET_KEY=key,
        LUUKKU_SSL_REDIRECT="0",
        LUUKKU_HSTS_SECONDS="600",
        LUUKKU_PROXY_SSL_HEADER="X-Scheme",
    )
    assert (changed.SECURE_SSL_REDIRECT, changed.SECURE_HSTS_SECONDS) == (False, 600)
    assert changed.SECURE_PROXY_SSL_HEADER == ("HTTP_X_SCHEME", "https")
    assert (
        _settings_module(
            monkeypatch, LUUKKU_SECRET_KEY=key, LUUKKU_PROXY_SSL_HEADER=""
        ).SECURE_PROXY_SSL_HEADER
        is None
    )
    demo = _settings_module(monkeypatch, LUUKKU_DEMO="1")
    assert (demo.SECURE_SSL_REDIRECT, demo.SECURE_HSTS_SECONDS, demo.SECURE_PROXY_SSL_HEADER) == (
        False,
        0,
        None,
    )
