import pytest
from hypothesis import HealthCheck, settings

# On a fresh clone Hypothesis first builds its Unicode tables, which counts against the first text
# example's generation time; input generation timing is not what these tests check. No deadline
# either: a loaded CI machine is slower per example, the properties are the same.
settings.register_profile("luukku", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile("luukku")


# PBKDF2's deliberate slowness protects real passwords; test users need none of it.
TEST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_and_finnish(settings):
    settings.LANGUAGE_CODE = "fi"
    settings.PASSWORD_HASHERS = TEST_HASHERS
    # Throttles count in the cache (process memory in tests): each test starts with none used.
    from django.core.cache import cache

    cache.clear()


def _seed_county() -> None:
    from django.test import override_settings

    from luukku.demo.registry import test_county

    with override_settings(PASSWORD_HASHERS=TEST_HASHERS):  # the session seed runs before any test
        for seeder in test_county():
            seeder.run()


def _county_seeded() -> bool:
    from luukku.identity.models import MaturityAssessment, OrgUnit

    # The organisation is seeded first and the personas' maturity assessment among the people.
    return OrgUnit.objects.exists() and MaturityAssessment.objects.exists()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The shared test county (the demo seeders below SCHEDULES: organisation, personas, questionnaire
    catalogue, assessment rules, chat queues, care-path templates, service chains) is seeded once per test
    database: every test that runs in a transaction (pytest-django runs those first) sees it and rolls its
    own changes back."""
    with django_db_blocker.unblock():
        _seed_county()


@pytest.fixture
def personas(db):
    """The shared test county: the demo organisation, its professionals, the test personas (with their
    register data) and the content the apps seed. Seeded once per session; a transactional test's flush
    empties the database, so it is seeded again after one."""
    if not _county_seeded():
        _seed_county()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run last (after pytest-django's ordering): Playwright's sync API keeps its event loop
    running in the main thread for the rest of the session, where pytest-asyncio could no longer run an
    async test ("Runner.run() cannot be called from a running event loop")."""
    browser = [item for item in items if "tests/e2e/" in item.nodeid]
    others = [item for item in items if "tests/e2e/" not in item.nodeid]
    items[:] = others + browser
