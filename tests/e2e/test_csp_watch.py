"""The CSP watch of every browser test (conftest.watch_csp) does see violations: a page served with
the site's kind of policy and an inline style and script is reported through both channels. Also:
the API docs render under the site's own CSP, from the project's static files."""

import pytest

pytestmark = [pytest.mark.e2e]

POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"
PAGE = """<!doctype html><html><head><title>x</title><style>body { color: red }</style></head>
<body><p style="color: blue">inline</p><script>document.title = "ran"</script></body></html>"""


def test_the_watch_reports_inline_styles_and_scripts(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route(
            "http://csp.invalid/",
            lambda route: route.fulfill(
                body=PAGE, content_type="text/html", headers={"Content-Security-Policy": POLICY}
            ),
        )
        page.goto("http://csp.invalid/")
        page.wait_for_function("() => true")
        page.wait_for_timeout(200)  # the violation reports are asynchronous
        assert page.title() == "x"  # the inline script did not run
    finally:
        context.close()
    found = list(browser.csp_violations)
    browser.csp_violations.clear()  # expected here: do not fail this test's teardown
    events = [v for v in found if v.startswith("[event]")]
    console = [v for v in found if v.startswith("[console]")]
    assert any("style-src" in v for v in events) and any("script-src" in v for v in events), found
    assert any("style" in v for v in console) and any("script" in v for v in console), found
