"""The pages of a vaccination rush make a bounded number of database queries, whatever the data: front,
service list, a service's times and the confirm page, as an anonymous visitor and as Lempi (82)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luukku.booking.demo import seed_booking
from luukku.booking.models import Slot
from luukku.booking.tests.factories import open_slot
from luukku.testing import sign_in_persona as sign_in

pytestmark = pytest.mark.django_db

FLU = "influenssarokotus-65-rmk"


@pytest.fixture
def demo(personas):
    seed_booking(weeks=2)


def _free_flu_slot() -> Slot:
    return Slot.objects.filter(service__code=FLU, booked=0, blocked=False).order_by("-starts_at").first()


def test_anonymous_hot_pages(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        assert client.get("/").status_code == 200
    client.get(reverse("booking:services"))  # the service list is cached for everyone after one look
    with django_assert_max_num_queries(0):
        assert client.get(reverse("booking:services")).status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(reverse("booking:times", args=[FLU])).status_code == 200


def test_signed_in_hot_pages(client, demo, django_assert_max_num_queries):
    sign_in(client, "lempi")
    client.get(reverse("booking:services"))  # the service list is cached for everyone after one look
    # Session, user, resident, professional; the person's campaign bookings; the session saved (3); the
    # unread messages in the menu (inbox: its boxes and the professional check of the policy, 4).
    with django_assert_max_num_queries(12):
        assert client.get(reverse("booking:services")).status_code == 200
    with django_assert_max_num_queries(14):
        response = client.get(reverse("booking:times", args=[FLU]))
    assert response.status_code == 200 and b'class="slot"' in response.content
    slot = _free_flu_slot()
    with django_assert_max_num_queries(13):
        assert client.get(reverse("booking:confirm", args=[slot.pk])).status_code == 200


def test_the_times_page_queries_do_not_grow_with_the_slots(client, demo, django_assert_num_queries):
    """Two weeks of slots or five more of them: the same number of queries (no query per slot)."""
    sign_in(client, "lempi")
    url = reverse("booking:times", args=[FLU])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    service = _free_flu_slot().service
    for hours in range(5):
        open_slot(service, starts_in=dt.timedelta(days=1, hours=hours))
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url)
