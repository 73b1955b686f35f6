import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command

from luukku.registry import hetu
from luukku.registry.adapters import LocalPopulationRegister
from luukku.registry.demo_county import end_of_custody, generate_county
from luukku.registry.models import Guardianship, RegisterPerson

TODAY = dt.date(2026, 11, 23)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_register():
    """The generator is checked on an empty register, without the shared test county's personas."""
    Guardianship.objects.all().delete()
    RegisterPerson.objects.all().delete()


def _snapshot() -> list[tuple]:
    return list(
        RegisterPerson.objects.order_by("hetu").values_list("hetu", "first_names", "municipality_code")
    )


def test_same_seed_gives_same_county():
    generate_county(600, seed=7, today=TODAY)
    first = _snapshot()
    RegisterPerson.objects.all().delete()
    generate_county(600, seed=7, today=TODAY)
    assert _snapshot() == first
    RegisterPerson.objects.all().delete()
    generate_county(600, seed=8, today=TODAY)
    assert _snapshot() != first


def test_county_is_plausible():
    summary = generate_county(3000, seed=1, today=TODAY, batch=700)
    people = list(RegisterPerson.objects.all())
    assert summary.persons == len(people) == 3000
    assert all(hetu.parse(p.hetu).birth_date == p.birth_date for p in people)
    assert all(hetu.parse(p.hetu).sex == p.sex for p in people)
    by_municipality = Counter(p.municipality_code for p in people)
    assert by_municipality.most_common(1)[0][0] == "109"  # Hämeenlinna is the largest
    assert 0.32 < by_municipality["109"] / 3000 < 0.47
    ages = [hetu.age_on(p.birth_date, TODAY) for p in people]
    assert sum(a < 18 for a in ages) > 300
    assert sum(a >= 65 for a in ages) > 400
    assert summary.deceased == sum(p.date_of_death is not None for p in people) > 0


def test_every_minor_has_an_adult_guardian_in_force():
    generate_county(1500, seed=3, today=TODAY)
    register = LocalPopulationRegister()
    minors = [p for p in RegisterPerson.objects.all() if hetu.age_on(p.birth_date, TODAY) < 18]
    assert minors
    for minor in minors:
        guardians = register.guardians(minor.hetu, TODAY)
        assert 1 <= len(guardians) <= 2
        assert all(hetu.age_on(g.birth_date, TODAY) >= 18 for g in guardians)


def test_custody_ends_at_majority():
    generate_county(1500, seed=4, today=TODAY)
    links = Guardianship.objects.select_related("child")
    assert all(link.valid_until == end_of_custody(link.child.birth_date) for link in links)
    assert end_of_custody(dt.date(2008, 2, 29)) == dt.date(2026, 2, 27)  # of age on 28 February


def test_command_writes_county_and_adds_to_existing():
    call_command("generate_demo_county", size=200, seed=5, today=TODAY, no_progress=True)
    call_command("generate_demo_county", size=100, seed=5, today=TODAY, no_progress=True)
    assert RegisterPerson.objects.count() == 300
    assert RegisterPerson.objects.values("hetu").distinct().count() == 300
