"""Factories of the lowest apps (registry, identity) shared by every app's tests (factory_boy); each
higher app keeps its own in `<app>/tests/factories.py`."""

import datetime as dt
import itertools

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from luukku.identity.models import (
    LocalMandate,
    MandateGrant,
    OrgUnit,
    Professional,
    Resident,
    Role,
    RoleAssignment,
)
from luukku.identity.services import sync_resident
from luukku.registry.adapters import LocalPopulationRegister
from luukku.registry.demo_county import shift_years
from luukku.registry.hetu import build
from luukku.registry.models import Guardianship, RegisterPerson

_individual = itertools.count(2)


def birth_date_for_age(age: int, days_past_birthday: int = 30) -> dt.date:
    return shift_years(timezone.localdate(), -age) - dt.timedelta(days=days_past_birthday)


def _next_hetu(person: "RegisterPerson") -> str:
    number = next(_individual) % 898 + 2
    if (number % 2 == 1) != (person.sex == "male"):
        number = number + 1 if number < 899 else number - 1
    return build(person.birth_date, number)


class RegisterPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegisterPerson
        django_get_or_create = ("hetu",)

    class Params:
        age = 40

    first_names = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    sex = factory.Iterator(["female", "male"])
    birth_date = factory.LazyAttribute(lambda o: birth_date_for_age(o.age))
    hetu = factory.LazyAttribute(_next_hetu)
    municipality_code = "109"
    street_address = "Linnankatu 1"
    postal_code = "13100"
    post_office = "HÄMEENLINNA"


class GuardianshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guardianship

    guardian = factory.SubFactory(RegisterPersonFactory)
    child = factory.SubFactory(RegisterPersonFactory, age=8)
    valid_from = factory.LazyAttribute(lambda o: o.child.birth_date)


def resident(**kwargs) -> Resident:
    """A register person mirrored as a Resident (as sign-in or a professional's look-up would do)."""
    person = RegisterPersonFactory(**kwargs)
    return sync_resident(LocalPopulationRegister().person(person.hetu))


def resident_user(**kwargs) -> Resident:
    """A resident who has signed in at least once (has a user account)."""
    person = resident(**kwargs)
    person.user = get_user_model().objects.create(
        username=f"resident-{person.public_id}", first_name=person.calling_name, last_name=person.last_name
    )
    person.save(update_fields=["user"])
    return person


def child_of(*guardians: Resident, age: int, **kwargs) -> Resident:
    child = resident(age=age, last_name=guardians[0].last_name, **kwargs)
    for guardian in guardians:
        GuardianshipFactory(
            guardian=RegisterPerson.objects.get(hetu=guardian.hetu),
            child=RegisterPerson.objects.get(hetu=child.hetu),
        )
    return child


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Terveysasema {n}")
    level = OrgUnit.Level.UNIT
    municipality_codes = factory.LazyFunction(lambda: ["109"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"pro{n}")
    first_name = "Hanna"
    last_name = factory.Sequence(lambda n: f"Hoitaja{n}")
    password = factory.django.Password("oikein-hyva-salasana")


class ProfessionalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Professional

    user = factory.SubFactory(UserFactory)
    title = "sairaanhoitaja"


def professional(role: str = Role.NURSE, unit: OrgUnit | None = None, **kwargs) -> Professional:
    pro = ProfessionalFactory(**kwargs)
    RoleAssignment.objects.create(
        professional=pro, role=role, unit=unit or OrgUnitFactory(), valid_from=dt.date(2020, 1, 1)
    )
    return pro


def mandate(agent: Resident, principal: Resident, valid_until: dt.date | None = None) -> MandateGrant:
    """A mandate in force at the source (the local Suomi.fi-valtuudet stand-in) and fetched by Luukku."""
    LocalMandate.objects.create(
        principal_hetu=principal.hetu,
        agent_hetu=agent.hetu,
        valid_from=timezone.localdate() - dt.timedelta(days=30),
        valid_until=valid_until,
    )
    return MandateGrant.objects.create(
        agent=agent, principal=principal, issue="sote-asiointi", valid_until=valid_until
    )


def sign_in_persona(client, key: str) -> Resident:
    """Sign a test persona in through the demo identification page, as a resident would."""
    from django.urls import reverse

    from luukku.identity.personas import BY_KEY

    response = client.post(reverse("identity:login"), {"persona": key})
    assert response.status_code == 302, response.content.decode()[:500]
    return Resident.objects.get(hetu=BY_KEY[key].hetu)
