"""Browser tests: Playwright driving Debian's chromium (/usr/bin/chromium) against pytest-django's
live server. Playwright's sync API runs an event loop, hence DJANGO_ALLOW_ASYNC_UNSAFE for the ORM."""

import os
import shutil
import warnings

import pytest

CHROMIUM = os.environ.get("LUUKKU_CHROMIUM", "/usr/bin/chromium")


# Every page of every browser test reports Content-Security-Policy violations twice over: the
# `securitypolicyviolation` DOM event (through a binding, not subject to the page's CSP) and chromium's
# console message. A test with any violation fails at teardown (no inline styles or scripts anywhere).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile || event.documentURI}:${event.lineNumber}`;
  const sample = event.sample ? ` (${event.sample})` : "";
  const what = `${event.effectiveDirective} refused ${event.blockedURI || "inline"}`;
  window.__luukkuCspViolation(`${what} at ${where}${sample}`);
});
"""


def watch_csp(context, violations: list[str]):
    """Record into `violations` every CSP violation in the pages this browser context opens."""
    context.expose_binding(
        "__luukkuCspViolation",
        lambda source, text: violations.append(f"[event] {source['page'].url}: {text}"),
    )
    context.add_init_script(script=CSP_LISTENER)
    context.on(
        "console",
        lambda message: (
            violations.append(f"[console] {message.page.url if message.page else ''}: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return context


class WatchedBrowser:
    """The session's chromium for one test: every context made through it is watched for CSP
    violations (tests that open several contexts call `browser.new_context` themselves)."""

    def __init__(self, browser) -> None:
        self._browser = browser
        self.csp_violations: list[str] = []

    def new_context(self, **options):
        return watch_csp(self._browser.new_context(**options), self.csp_violations)

    def new_page(self, **options):
        return self.new_context(**options).new_page()

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


@pytest.fixture
def browser(chromium):
    watched = WatchedBrowser(chromium)
    yield watched
    assert not watched.csp_violations, "Content-Security-Policy violations:\n" + "\n".join(
        watched.csp_violations
    )


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Debian's chromium is needed at {CHROMIUM}: apt-get install chromium")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    # Playwright starts every launch with a new empty profile of its own.
    with sync_playwright() as playwright:
        args = [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fi-FI", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    yield page
    context.close()


def _fresh_server_process() -> None:
    """Runs in the forked server process. Threads are not copied by fork, so executors made in the test
    process (e.g. by async tests) would accept work that no thread ever runs; channel layers made there
    belong to event loops that do not exist here. Start both afresh."""
    from concurrent.futures import ThreadPoolExecutor

    from asgiref.sync import AsyncToSync, SyncToAsync
    from channels.layers import channel_layers

    SyncToAsync.single_thread_executor = ThreadPoolExecutor(max_workers=1)
    SyncToAsync.context_to_thread_executor.clear()
    AsyncToSync.loop_thread_executors.clear()
    channel_layers.backends.clear()


@pytest.fixture
def asgi_live_server(transactional_db, settings):
    """Daphne serving the ASGI application (HTTP and WebSockets) on the test database, in a child process.

    Connections are closed before the process starts so that none is shared with the child; the test's
    own queries reconnect afterwards. Committed data (transactional_db) is visible to both.
    """
    from functools import partial

    from channels.testing.live import make_application
    from daphne.testing import DaphneProcess
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.db import connections

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    connections.close_all()
    server = DaphneProcess(
        "localhost",
        partial(make_application, static_wrapper=ASGIStaticFilesHandler),
        setup=_fresh_server_process,
    )
    with warnings.catch_warnings():  # fork with threads: _fresh_server_process handles the consequence
        warnings.filterwarnings(
            "ignore", message=".*multi-threaded, use of fork.*", category=DeprecationWarning
        )
        server.start()
    if not server.ready.wait(timeout=30):
        server.terminate()
        pytest.fail("daphne did not start")
    yield f"http://localhost:{server.port.value}"
    server.terminate()
    server.join(timeout=20)
    if server.is_alive():  # an exit handler inherited through fork can hang the child's shutdown
        server.kill()
        server.join()
