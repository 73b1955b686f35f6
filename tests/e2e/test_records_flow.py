"""The records officer reads today's dry run, places a legal hold on a client's records and lifts it;
a visitor reads a privacy notice from the link every page's footer carries.

Run in English (the msgids), so the test does not depend on the translations being merged."""

import pytest

from luukku.identity.personas import seed_organisation, seed_personas
from luukku.records.demo import seed_officer, seed_schedule

from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_officer_holds_and_lifts_and_a_visitor_reads_a_privacy_notice(browser, live_server):
    seed_organisation()
    seed_personas()
    seed_schedule()
    seed_officer()
    from luukku.identity.personas import BY_KEY
    from luukku.identity.services import resident_from_register

    resident_from_register(BY_KEY["lempi"].hetu)
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    try:
        visitor = context.new_page()
        visitor.goto("/palaute/")
        visitor.get_by_role("button", name="English").click()
        visitor.get_by_role("link", name="Privacy notices").click()
        visitor.get_by_role("link", name="Social welfare client register").click()
        assert visitor.get_by_role("heading", name="How long the data is kept").is_visible()
        assert visitor.get_by_role("rowheader", name="Services for older people").is_visible()
        assert_accessible(visitor)

        officer = context.new_page()
        officer.goto("/ammattilainen/")
        officer.get_by_label("Username").fill("arkisto.aila")
        officer.get_by_label("Password").fill("demo-salasana-2026")
        officer.get_by_role("button", name="Sign in").click()
        officer.goto("/ammattilainen/arkistointi/")
        assert officer.get_by_role("heading", name="Dry run: what would go today").is_visible()
        assert_accessible(officer)
        officer.get_by_role("button", name="Place the hold").first.click()  # empty: the errors show
        assert officer.get_by_role("alert").is_visible()
        officer.get_by_label("Client's personal identity code").fill(BY_KEY["lempi"].hetu)
        officer.get_by_label("Reason for the hold").first.fill("Patient injury claim PVK 1/2026")
        officer.get_by_role("button", name="Place the hold").first.click()
        assert officer.get_by_text("The legal hold is in force.").is_visible()
        assert officer.get_by_text("Patient injury claim PVK 1/2026").is_visible()
        assert_accessible(officer)
        officer.get_by_label("Why the hold is lifted").fill("The claim was settled")
        officer.get_by_role("button", name="Lift the hold").click()
        assert officer.get_by_text("The legal hold was lifted.").is_visible()
        assert officer.get_by_text("No legal holds are in force.").is_visible()
    finally:
        context.close()
