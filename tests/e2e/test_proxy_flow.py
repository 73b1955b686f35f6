import pytest
from axe_playwright_python.sync_playwright import Axe

from luukku.identity.personas import seed_organisation, seed_personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def assert_accessible(page) -> None:
    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
            }
        },
    )
    assert results.violations_count == 0, results.generate_report()


def test_guardian_signs_in_switches_to_child_and_sees_childs_page(page):
    seed_organisation()
    seed_personas()
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Tunnistaudu").click()
    assert page.get_by_role("heading", name="Testitunnistautuminen").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Kirjaudu: Aino Maria Testinen").click()

    page.wait_for_url("**/oma/")
    assert page.get_by_role("heading", name="Oma sivu").is_visible()
    assert page.get_by_text("Aino Maria Testinen").first.is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Kenen asioita hoidan?").click()
    assert_accessible(page)
    page.get_by_role("button", name="Eetu Olavi Testinen").click()

    page.wait_for_url("**/oma/")
    assert page.get_by_text("Hoidat henkilön Eetu Olavi Testinen asioita.").is_visible()
    assert page.get_by_role("link", name="Hoidat: Eetu Olavi Testinen").is_visible()
    assert page.locator("h1").inner_text().endswith("Eetu Olavi Testinen")
    assert_accessible(page)

    page.get_by_role("link", name="Kuka on katsonut tietojani").click()
    assert page.get_by_text("Yksikään ammattilainen ei ole vielä katsonut tietoja.").is_visible()
    assert_accessible(page)


def test_invalid_code_error_is_announced_and_accessible(page):
    page.goto("/tunnistautuminen/")
    page.get_by_label("Henkilötunnus").fill("131052-308X")
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    assert page.get_by_role("alert").get_by_text("tarkistusmerkki", exact=False).is_visible()
    assert_accessible(page)
