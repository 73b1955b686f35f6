"""/api/docs renders Swagger UI from the project's own static files under the site's CSP (the page
fixture fails the test on any CSP violation), and its "Try it out" calls carry the CSRF token."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_from_own_static_files(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto("/api/docs")

    # Swagger UI renders the title from the schema it fetches: wait for it (is_visible() would not).
    page.locator(".swagger-ui .info .title").filter(has_text="Luukku API").wait_for()
    page.get_by_text("/api/booking/appointments", exact=True).first.wait_for()
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
    assert any(url.endswith("/static/ninja/swagger-ui-bundle.js") for url in requested)
    assert page.locator("body").get_attribute("data-csrf-token")
