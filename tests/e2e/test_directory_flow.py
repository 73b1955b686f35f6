"""A resident finds a service in the directory (list and map), opens it, and the map works offline."""

from urllib.parse import urlsplit

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from luukku.directory.demo import seed_test_services
from luukku.identity.personas import seed_organisation, seed_personas

from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1024, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def test_resident_searches_filters_and_opens_a_service(english_page, live_server):
    page = english_page
    seed_organisation()
    seed_personas()
    seed_test_services()
    own_host = urlsplit(live_server.url).netloc
    elsewhere = []
    page.on(
        "request",
        lambda request: urlsplit(request.url).netloc not in (own_host, "") and elsewhere.append(request.url),
    )

    with translation.override("en"):
        page.goto("/palvelut/")
        assert page.get_by_role("heading", name=_("Find services"), level=1).is_visible()
        assert_accessible(page)
        page.get_by_label(_("Search words")).fill("fysiotrapia")  # a typo
        page.get_by_label(_("Municipality")).select_option("109")
        page.get_by_role("button", name=_("Search")).click()
        page.wait_for_url("**haku=fysiotrapia**")
        results = page.locator("#directory-list li")
        assert results.count() == 1
        assert page.locator(".leaflet-marker-icon").count() == 1  # Leaflet from our own static files
        assert_accessible(page)

        # Keyboard: the marker is focusable and its popup links to the service.
        page.locator(".leaflet-marker-icon").focus()
        page.keyboard.press("Enter")
        popup_link = page.locator(".leaflet-popup-content a")
        popup_link.wait_for()
        assert popup_link.inner_text() == "Physiotherapy – Hämeenlinna"  # the English name in English

        results.first.get_by_role("link").click()
        assert page.get_by_role("heading", name="Physiotherapy", level=1, exact=False).is_visible()
        assert page.get_by_role("table").get_by_text(_("Opening hours")).is_visible()
        assert page.get_by_text(_("Step-free access"), exact=False).first.is_visible()
        assert_accessible(page)
    assert not elsewhere, f"third-party requests: {elsewhere}"
