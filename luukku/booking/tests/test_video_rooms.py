import datetime as dt

import pytest

from luukku.booking.models import Appointment, Slot
from luukku.booking.services import video_room_key
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.chat.adapters import LocalVideoRooms
from luukku.testing import resident

pytestmark = pytest.mark.django_db


def _appointment(slot: Slot) -> Appointment:
    Slot.objects.filter(pk=slot.pk).update(booked=slot.booked + 1)
    slot.refresh_from_db()
    return Appointment.objects.create(
        slot=slot, service=slot.service, person=resident(age=40), booked_as=Appointment.BookedAs.SELF
    )


def _url(appointment: Appointment) -> str:
    slot = appointment.slot
    return LocalVideoRooms().room_url(video_room_key(appointment), "x", slot.starts_at, slot.ends_at, False)


def test_everyone_in_a_group_slot_meets_in_one_room():
    group = open_slot(booking_service(appointment_type="video", capacity=8), capacity=8)
    first, second = _appointment(group), _appointment(group)
    assert _url(first) == _url(second)
    other_group = open_slot(group.service, starts_in=dt.timedelta(days=4), capacity=8)
    assert _url(_appointment(other_group)) != _url(first)


def test_a_one_to_one_appointment_has_a_room_of_its_own():
    service = booking_service(appointment_type="video")
    first = _appointment(open_slot(service, capacity=1))
    second = _appointment(open_slot(service, starts_in=dt.timedelta(days=5), capacity=1))
    assert _url(first) != _url(second)
    assert str(first.public_id) not in _url(first)  # the room name does not reveal the appointment
