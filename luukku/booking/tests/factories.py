"""Booking's test factories: services, free slots and booked appointments."""

import datetime as dt
import itertools

import factory
from django.utils import timezone

from luukku.booking.models import Appointment, Calendar, Service, Slot
from luukku.identity.models import OrgUnit, Professional, Resident
from luukku.testing import OrgUnitFactory, ProfessionalFactory

_codes = itertools.count(1)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("code",)

    code = factory.LazyFunction(lambda: f"palvelu-{next(_codes)}")
    name = "Sairaanhoitajan vastaanotto"
    unit = factory.SubFactory(OrgUnitFactory)


def booking_service(unit: OrgUnit | None = None, **fields) -> Service:
    return ServiceFactory(unit=unit or OrgUnitFactory(), **fields)


def open_slot(
    service: Service,
    starts_in: dt.timedelta = dt.timedelta(days=3),
    capacity: int | None = None,
    calendar=None,
) -> Slot:
    """A free slot of the service, `starts_in` from now, in a calendar of a professional of its unit."""
    if calendar is None:
        calendar, _created = Calendar.objects.get_or_create(
            professional=ProfessionalFactory(), unit=service.unit
        )
    # 17 s past the minute: never the same instant as a slot generated from a calendar template
    start = (timezone.now() + starts_in).replace(second=17, microsecond=0)
    return Slot.objects.create(
        calendar=calendar,
        service=service,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=service.duration_minutes),
        capacity=capacity or service.capacity,
    )


def booked(person: Resident, service: Service, professional: Professional, days: int = 2) -> Appointment:
    """An appointment of the person with the professional, the slot's counter raised as booking does."""
    calendar, _created = Calendar.objects.get_or_create(professional=professional, unit=service.unit)
    slot = open_slot(service, starts_in=dt.timedelta(days=days), calendar=calendar, capacity=1)
    Slot.objects.filter(pk=slot.pk).update(booked=1)
    return Appointment.objects.create(
        slot=slot, service=service, person=person, booked_as=Appointment.BookedAs.SELF
    )
