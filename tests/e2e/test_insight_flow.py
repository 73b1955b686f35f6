"""A unit manager opens the knowledge-management dashboard: the charts render from our own vega files
under the CSP (no eval: vega-interpreter), every chart has its table, the filters work and a table
downloads as CSV. Run in English (the msgids)."""

import pytest

from luukku.identity.personas import seed_organisation, seed_personas
from luukku.insight import warehouse
from luukku.insight.tests import scenario

from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_manager_reads_the_indicators_as_charts_and_tables(browser, live_server, settings, tmp_path):
    settings.LUUKKU_WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    seed_organisation()
    seed_personas()
    from luukku.chat.demo import seed_queues

    seed_queues()
    scenario.build()
    warehouse.load()
    context = browser.new_context(base_url=live_server.url, locale="en-GB", accept_downloads=True)
    try:
        page = context.new_page()
        page.goto("/ammattilainen/")
        page.get_by_label("Username").fill("esihenkilo.eija")
        page.get_by_label("Password").fill("demo-salasana-2026")
        page.get_by_role("button", name="Sign in").click()
        page.goto("/ammattilainen/tietojohtaminen/")
        page.get_by_label("Period", exact=True).select_option("year")
        page.get_by_label("Single period").fill("2026")
        page.get_by_role("button", name="Show").click()
        chats = page.locator('[data-indicator="chats_video"]')
        chats.locator("[data-chart] canvas").wait_for()  # vega-embed drew the chart
        assert chats.get_by_role("table").locator("tbody tr").count() == 1
        assert page.locator("[data-chart] canvas").count() == page.locator("[data-chart]").count() >= 3
        assert_accessible(page)
        with page.expect_download() as download:
            chats.get_by_role("link", name="Download CSV").click()
        assert download.value.suggested_filename == "chats_video-year.csv"
    finally:
        context.close()
