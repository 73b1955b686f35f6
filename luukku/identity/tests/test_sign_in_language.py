"""A resident's registered language is the interface language after sign-in, unless they chose one."""

import pytest
from django.conf import settings
from django.urls import reverse

from luukku.identity import services

pytestmark = pytest.mark.django_db


def test_language_at_sign_in_rule():
    assert services.language_at_sign_in("sv", None) == "sv"
    assert services.language_at_sign_in("fi", None) == "fi"
    assert services.language_at_sign_in("sv", "en") is None  # the visitor's own choice stays
    assert services.language_at_sign_in("sv", "xx") == "sv"  # a cookie of no offered language is no choice
    assert services.language_at_sign_in("ru", None) is None  # not offered: keep the current one


def test_sofia_gets_swedish_at_sign_in(client, personas):
    answer = client.post(reverse("identity:login"), {"persona": "sofia"})
    assert answer.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    home = client.get(answer["Location"]).content.decode()
    assert '<html lang="sv">' in home and "Min sida" in home


def test_an_explicit_choice_before_sign_in_is_kept(client, personas):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    answer = client.post(reverse("identity:login"), {"persona": "sofia"})
    assert settings.LANGUAGE_COOKIE_NAME not in answer.cookies
    assert '<html lang="en">' in client.get(answer["Location"]).content.decode()
