"""Browser tests: Playwright driving Debian's chromium (/usr/bin/chromium) against pytest-django's
live server. Playwright's sync API runs an event loop, hence DJANGO_ALLOW_ASYNC_UNSAFE for the ORM."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("LUUKKU_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
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
