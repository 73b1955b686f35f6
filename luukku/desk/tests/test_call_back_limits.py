"""Call-back requests need no sign-in: limited per client address and per phone number, and the
person is told on the form how long to wait (HTTP 429, Retry-After)."""

import pytest
from django.urls import reverse

from luukku.desk.models import WorkItem
from luukku.testing import OrgUnitFactory, resident_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return OrgUnitFactory(level="unit", name="Hämeenlinnan terveysasema")


def ask(client, unit, phone: str, address: str = "198.51.100.7"):
    data = {"unit": unit.pk, "topic": "Reseptin uusiminen", "name": "Sanna", "phone": phone}
    return client.post(reverse("desk:call_back"), data, REMOTE_ADDR=address)


def test_five_anonymous_requests_from_one_address_in_ten_minutes(client, unit):
    client.cookies["django_language"] = "en"
    for n in range(5):
        assert ask(client, unit, f"040 100 000{n}").status_code == 302
    refused = ask(client, unit, "040 100 0009")
    assert refused.status_code == 429 and 9 * 60 < int(refused["Retry-After"]) <= 10 * 60
    page = refused.content.decode()
    assert "Too many requests in a short time. Try again in 10 minutes." in page
    assert "Reseptin uusiminen" in page  # the form keeps what was typed
    assert WorkItem.objects.filter(kind="call_back").count() == 5
    assert ask(client, unit, "040 100 0009", address="203.0.113.5").status_code == 302


def test_three_requests_an_hour_for_one_number(client, unit):
    for n in range(3):
        assert ask(client, unit, "040 200 0000", address=f"198.51.100.{n + 1}").status_code == 302
    refused = ask(client, unit, "0402000000", address="198.51.100.9")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 50 * 60
    assert WorkItem.objects.filter(kind="call_back").count() == 3


def test_a_signed_in_resident_is_not_counted_by_address(client, unit):
    person = resident_user(age=40)
    client.force_login(person.user, backend="luukku.identity.backends.ResidentSessionBackend")
    for n in range(6):
        assert ask(client, unit, f"040 300 000{n}").status_code == 302
    assert WorkItem.objects.filter(kind="call_back", client=person).count() == 6
