"""The database connection drops in the middle of a booking (PostgreSQL terminates the backend after the
slot's counter was raised): the resident gets 503 "nothing was saved, try again" in their language, and
nothing of the booking remains: no appointment, the slot's counter as it was, no message queued."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from luukku.booking import services
from luukku.booking.demo import seed_booking
from luukku.booking.models import Appointment, Slot
from luukku.notify.models import OutboundMessage
from luukku.testing import sign_in_persona as sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_connection_dropped_mid_booking_leaves_no_half_booking(personas, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (./run test sets it)")
    seed_booking(weeks=1)
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    lempi = sign_in(client, "lempi")
    flu_slots = Slot.objects.filter(service__code="influenssarokotus-65-rmk", booked=0)
    slot = flu_slots.order_by("-starts_at").first()
    record_event = services.record_event

    def drop_then_record(*args, **kwargs):
        # Another session ends ours, as a PostgreSQL restart or a network cut would.
        import psycopg

        db = connection.settings_dict
        pid = connection.connection.info.backend_pid
        with psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"],
            dbname=db["NAME"],
            password=db.get("PASSWORD") or None,
            autocommit=True,
        ) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])
        return record_event(*args, **kwargs)

    monkeypatch.setattr(services, "record_event", drop_then_record)
    messages_before = OutboundMessage.objects.count()
    response = client.post(
        reverse("booking:confirm", args=[slot.pk]), {"phone": "040 123 4567"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    with translation.override("fi"):  # the resident's own language, whatever the browser asks
        assert _("Luukku could not complete your request") in response.content.decode()

    connection.close()  # the test's own connection was the one terminated
    assert not Appointment.objects.filter(person=lempi).exists()
    assert Slot.objects.get(pk=slot.pk).booked == 0
    assert OutboundMessage.objects.count() == messages_before

    monkeypatch.setattr(services, "record_event", record_event)
    again = client.post(reverse("booking:confirm", args=[slot.pk]), {"phone": "040 123 4567"})
    assert again.status_code == 302  # trying again books it
    assert Appointment.objects.filter(person=lempi, slot=slot).count() == 1
    assert Slot.objects.get(pk=slot.pk).booked == 1
