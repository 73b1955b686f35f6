import pytest


@pytest.fixture(autouse=True)
def _fast_and_finnish(settings):
    settings.LANGUAGE_CODE = "fi"
    # PBKDF2's deliberate slowness protects real passwords; test users need none of it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
