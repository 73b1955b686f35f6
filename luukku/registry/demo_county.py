"""Deterministic generator of a demo county's population register (households, ages, guardianships).

The shape follows Kanta-Häme: eleven municipalities, about 172 000 residents, an ageing population
(roughly a quarter over 65), families with one to four children, a Swedish-speaking minority and a
few persons with address non-disclosure. Same seed and reference day, same county.
"""

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import transaction

from . import hetu as hetu_module
from .models import Guardianship, RegisterPerson
from .municipalities import KANTA_HAME, Municipality

FULL_SIZE = sum(m.population for m in KANTA_HAME)

MALE_NAMES = (
    "Juhani",
    "Johannes",
    "Mikael",
    "Matti",
    "Antero",
    "Tapani",
    "Kalevi",
    "Olavi",
    "Onni",
    "Eino",
    "Väinö",
    "Elias",
    "Leo",
    "Oliver",
    "Eetu",
    "Aleksi",
    "Ville",
    "Jari",
    "Timo",
    "Pekka",
    "Veikko",
    "Toivo",
    "Lauri",
    "Mikko",
    "Antti",
    "Juho",
    "Niilo",
    "Akseli",
    "Kasper",
    "Hannu",
)
FEMALE_NAMES = (
    "Maria",
    "Helena",
    "Johanna",
    "Anneli",
    "Kaarina",
    "Marjatta",
    "Aino",
    "Sofia",
    "Ella",
    "Olivia",
    "Aada",
    "Lilja",
    "Emma",
    "Venla",
    "Eevi",
    "Pirjo",
    "Tuula",
    "Sari",
    "Anna",
    "Liisa",
    "Lempi",
    "Elina",
    "Minna",
    "Katja",
    "Hanna",
    "Laura",
    "Iida",
    "Siiri",
    "Helmi",
    "Kerttu",
)
SV_MALE_NAMES = ("Erik", "Johan", "Karl", "Anders", "Henrik", "Axel")
SV_FEMALE_NAMES = ("Ingrid", "Linnea", "Astrid", "Karin", "Ebba", "Maja")
SURNAMES = (
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Lehtinen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Heikkilä",
    "Kinnunen",
    "Salonen",
    "Turunen",
    "Salo",
    "Laitinen",
    "Tuominen",
    "Rantanen",
    "Karjalainen",
    "Jokinen",
    "Mattila",
    "Savolainen",
    "Lahtinen",
    "Ahonen",
    "Hakala",
    "Rautio",
)
SV_SURNAMES = ("Lindqvist", "Johansson", "Nyström", "Lindholm", "Blomqvist", "Sjöberg")

# (weight, kind) of household types
HOUSEHOLDS = (
    (18, "single"),
    (14, "couple"),
    (24, "family"),
    (6, "single_parent"),
    (12, "elderly_single"),
    (10, "elderly_couple"),
    (10, "young_single"),
    (6, "family_with_adult_child"),
)


@dataclass
class _Person:
    first_names: str
    last_name: str
    birth_date: dt.date
    sex: str
    mother_tongue: str
    date_of_death: dt.date | None = None
    hetu: str = ""
    children: list["_Person"] = field(default_factory=list)


@dataclass
class CountySummary:
    persons: int
    guardianships: int
    deceased: int
    by_municipality: dict[str, int]


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (or earlier); 29 February becomes 1 March in common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def end_of_custody(birth_date: dt.date) -> dt.date:
    """Custody ends when the child comes of age (hetu.anniversary, Act 150/1930 § 3): the day before the
    18th birthday is its last day."""
    return hetu_module.anniversary(birth_date, 18) - dt.timedelta(days=1)


class _Generator:
    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.used: set[str] = set()

    def birth_date(self, min_age: int, max_age: int) -> dt.date:
        oldest = shift_years(self.today, -max_age - 1) + dt.timedelta(days=1)
        youngest = shift_years(self.today, -min_age)
        span = (youngest - oldest).days
        return oldest + dt.timedelta(days=self.rng.randint(0, max(span, 0)))

    def person(
        self, min_age: int, max_age: int, last_name: str, swedish: bool, sex: str | None = None
    ) -> _Person:
        sex = sex or self.rng.choice(("male", "female"))
        names = (
            (SV_MALE_NAMES if swedish else MALE_NAMES)
            if sex == "male"
            else (SV_FEMALE_NAMES if swedish else FEMALE_NAMES)
        )
        first = self.rng.choice(names)
        second = self.rng.choice(names)
        first_names = first if first == second or self.rng.random() < 0.3 else f"{first} {second}"
        return _Person(
            first_names, last_name, self.birth_date(min_age, max_age), sex, "sv" if swedish else "fi"
        )

    def surname(self, swedish: bool) -> str:
        return self.rng.choice(SV_SURNAMES if swedish else SURNAMES)

    def household(self) -> list[_Person]:
        kind = self.rng.choices([k for _w, k in HOUSEHOLDS], weights=[w for w, _k in HOUSEHOLDS])[0]
        swedish = self.rng.random() < 0.01
        name = self.surname(swedish)
        if kind == "single":
            return [self.person(25, 64, name, swedish)]
        if kind == "young_single":
            return [self.person(18, 29, name, swedish)]
        if kind == "couple":
            return [self.person(25, 64, name, swedish, "female"), self.person(25, 64, name, swedish, "male")]
        if kind in {"elderly_single", "elderly_couple"}:
            people = [self.person(65, 98, name, swedish, "female")]
            if kind == "elderly_couple":
                people.append(self.person(65, 95, name, swedish, "male"))
            for elder in people:
                if self.rng.random() < 0.03:
                    elder.date_of_death = self.today - dt.timedelta(days=self.rng.randint(1, 700))
            return people
        single = kind == "single_parent"
        parents = [self.person(24, 52, name, swedish, "female")]
        if not single:
            parents.append(self.person(24, 55, name, swedish, "male"))
        youngest_parent = max(p.birth_date for p in parents)
        max_child_age = min(
            24 if kind == "family_with_adult_child" else 17,
            hetu_module.age_on(youngest_parent, self.today) - 18,
        )
        min_child_age = 18 if kind == "family_with_adult_child" else 0
        if max_child_age < min_child_age:
            return parents
        count = 1 if kind == "family_with_adult_child" else self.rng.choices((1, 2, 3, 4), (35, 40, 18, 7))[0]
        children = [self.person(min_child_age, max_child_age, name, swedish) for _ in range(count)]
        for parent in parents:
            parent.children = children
        return parents + children

    def assign_hetu(self, person: _Person) -> None:
        person.hetu = hetu_module.generate(person.birth_date, person.sex, self.rng, self.used)


def _municipality_targets(size: int) -> list[tuple[Municipality, int]]:
    """Split `size` in proportion to population (largest remainder), so the parts add up exactly."""
    shares = [m.population * size / FULL_SIZE for m in KANTA_HAME]
    targets = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: shares[i] - targets[i], reverse=True)
    for i in by_remainder[: size - sum(targets)]:
        targets[i] += 1
    return [(m, n) for m, n in zip(KANTA_HAME, targets, strict=True) if n > 0]


def _households(generator: _Generator, size: int) -> Iterator[tuple[Municipality, list[_Person]]]:
    for municipality, target in _municipality_targets(size):
        made = 0
        while made < target:
            people = generator.household()[: target - made]
            made += len(people)
            yield municipality, people


def generate_county(
    size: int,
    seed: int = 2026,
    today: dt.date | None = None,
    batch: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> CountySummary:
    """Write `size` generated residents and their guardianships into the local population register."""
    today = today or dt.date.today()
    generator = _Generator(seed, today)
    generator.used.update(RegisterPerson.objects.values_list("hetu", flat=True))
    persons: list[tuple[_Person, RegisterPerson]] = []
    summary = CountySummary(0, 0, 0, {})

    def flush() -> None:
        with transaction.atomic():
            RegisterPerson.objects.bulk_create([row for _p, row in persons], batch_size=1000)
            by_hetu = {p.hetu: row for p, row in persons}
            links = []
            for person, row in persons:
                for child in person.children:
                    child_row = by_hetu.get(child.hetu)
                    if child_row is None:
                        continue
                    links.append(
                        Guardianship(
                            guardian=row,
                            child=child_row,
                            valid_from=child.birth_date,
                            valid_until=end_of_custody(child.birth_date),
                        )
                    )
            Guardianship.objects.bulk_create(links, batch_size=2000)
        summary.guardianships += len(links)
        if progress:
            progress(len(persons))
        persons.clear()

    for municipality, people in _households(generator, size):
        postal_code, post_office = generator.rng.choice(municipality.postal_areas)
        street = f"{generator.rng.choice(municipality.streets)} {generator.rng.randint(1, 120)}"
        if generator.rng.random() < 0.4:
            street += f" {generator.rng.choice('ABCDEF')} {generator.rng.randint(1, 40)}"
        protected = generator.rng.random() < 0.002
        for person in people:
            generator.assign_hetu(person)
        for person in people:
            persons.append(
                (
                    person,
                    RegisterPerson(
                        hetu=person.hetu,
                        first_names=person.first_names,
                        last_name=person.last_name,
                        birth_date=person.birth_date,
                        sex=person.sex,
                        date_of_death=person.date_of_death,
                        municipality_code=municipality.code,
                        street_address=street,
                        postal_code=postal_code,
                        post_office=post_office,
                        mother_tongue=person.mother_tongue,
                        address_protected=protected,
                    ),
                )
            )
            summary.persons += 1
            summary.deceased += person.date_of_death is not None
            summary.by_municipality[municipality.code] = summary.by_municipality.get(municipality.code, 0) + 1
        if len(persons) >= batch:
            flush()
    if persons:
        flush()
    return summary
