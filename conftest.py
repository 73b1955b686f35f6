import pytest
from hypothesis import HealthCheck, settings

# On a fresh clone Hypothesis first builds its Unicode tables, which counts against the first text
# example's generation time; input generation timing is not what these tests check. No deadline
# either: a loaded CI machine is slower per example, the properties are the same.
settings.register_profile("luukku", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile("luukku")


@pytest.fixture(autouse=True)
def _fast_and_finnish(settings):
    settings.LANGUAGE_CODE = "fi"
    # PBKDF2's deliberate slowness protects real passwords; test users need none of it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def personas(db):
    """The demo organisation, its professionals and the test personas (with their register data)."""
    from luukku.identity.personas import seed_organisation, seed_personas

    seed_organisation()
    seed_personas()
