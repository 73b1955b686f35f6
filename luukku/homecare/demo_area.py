"""The demo home-care area as plain data: clients, their plans and nurses over real municipalities of the
demo county (Riihimäki, Hausjärvi, Janakkala, Loppi). Pure and seeded, so the demo seeder and
`bench/routing` see the same day."""

import math
import random
from dataclasses import dataclass

from luukku.directory.geo import MUNICIPALITY_CENTRES

from .adapters import Point
from .optimiser import Job, Worker

MUNICIPALITIES = {"694": 3.0, "086": 7.0, "165": 7.0, "433": 7.0}  # code -> radius of settlement (km)
CLIENT_SHARE = {"694": 0.5, "086": 0.15, "165": 0.2, "433": 0.15}
BASES = {"694": 10, "165": 4, "433": 3, "086": 3}  # nurses per office (the office is the home base)
WINDOWS = ((7 * 60, 9 * 60 + 30), (10 * 60 + 30, 13 * 60), (12 * 60 + 45, 14 * 60 + 15))  # minutes of the day


@dataclass(frozen=True)
class NeedSpec:
    window: tuple[int, int]  # minutes from midnight (earliest, latest start)
    duration: int  # minutes
    tasks: tuple[str, ...]
    skills: tuple[str, ...]
    two_person: bool = False
    remote: bool = False


@dataclass(frozen=True)
class ClientSpec:
    index: int
    municipality: str
    point: Point
    language: str
    needs: tuple[NeedSpec, ...]
    preferred: tuple[int, ...]  # nurse indexes (the responsible nurse and her pair)


@dataclass(frozen=True)
class NurseSpec:
    index: int
    municipality: str
    base: Point
    mode: str
    skills: tuple[str, ...]
    languages: tuple[str, ...]


def _scatter(rng: random.Random, centre: Point, radius_km: float) -> Point:
    distance = radius_km * math.sqrt(rng.random())
    angle = rng.uniform(0, 2 * math.pi)
    lat = centre[0] + distance * math.cos(angle) / 111.32
    lon = centre[1] + distance * math.sin(angle) / (111.32 * math.cos(math.radians(centre[0])))
    return (round(lat, 6), round(lon, 6))


def nurses(seed: int = 21) -> list[NurseSpec]:
    rng = random.Random(seed)
    out = []
    for code, count in BASES.items():
        base = MUNICIPALITY_CENTRES[code]
        for _i in range(count):
            index = len(out)
            mode = "car" if code != "694" or index % 4 else rng.choice(("bike", "walk"))
            skills = ["medication"]
            if index % 2 == 0:
                skills.append("insulin")
            if index % 3 == 0:
                skills.append("wound_care")
            out.append(
                NurseSpec(index, code, base, mode, tuple(skills), ("fi", "sv") if index % 7 == 0 else ("fi",))
            )
    return out


def clients(count: int = 150, seed: int = 21) -> list[ClientSpec]:
    rng = random.Random(seed)
    staff = nurses(seed)
    out = []
    codes = list(CLIENT_SHARE)
    for index in range(count):
        code = rng.choices(codes, weights=[CLIENT_SHARE[c] for c in codes])[0]
        point = _scatter(rng, MUNICIPALITY_CENTRES[code], MUNICIPALITIES[code])
        visits = rng.choices((1, 2, 3), weights=(0.7, 0.25, 0.05))[0]
        needs = []
        for window in sorted(rng.sample(WINDOWS, visits)):
            skills = []
            if rng.random() < 0.55:
                skills.append("medication")
            if rng.random() < 0.12:
                skills.append("insulin")
            if rng.random() < 0.08:
                skills.append("wound_care")
            needs.append(
                NeedSpec(
                    window,
                    rng.choice((15, 20, 20, 25, 30)),
                    tuple(["hygiene", "meal"][: rng.randint(1, 2)] + skills),
                    tuple(skills),
                    two_person=rng.random() < 0.02,
                    remote=rng.random() < 0.05,
                )
            )
        local = [n.index for n in staff if n.municipality == code]
        language = "sv" if rng.random() < 0.03 else "fi"
        out.append(
            ClientSpec(
                index, code, point, language, tuple(needs), tuple(rng.sample(local, min(2, len(local))))
            )
        )
    return out


SHIFT = (7 * 60, 15 * 60)
BREAK = (10 * 60, 13 * 60 + 30, 30)  # earliest start, latest start, minutes


def as_problem(area_clients: list[ClientSpec], staff: list[NurseSpec]) -> tuple[list[Job], list[Worker]]:
    """The day as optimiser input (what `services.problem` builds from the seeded database)."""
    jobs = []
    for client in area_clients:
        for n, need in enumerate(client.needs):
            if need.remote:
                continue
            jobs.append(
                Job(
                    key=f"{client.index}-{n}",
                    point=client.point,
                    early=need.window[0] * 60,
                    late=need.window[1] * 60,
                    duration=need.duration * 60,
                    skills=frozenset(need.skills),
                    language=client.language if client.language != "fi" else "",
                    two_person=need.two_person,
                    familiar=frozenset(str(i) for i in client.preferred),
                )
            )
    workers = [
        Worker(
            key=str(n.index),
            start=n.base,
            mode=n.mode,
            shift_start=SHIFT[0] * 60,
            shift_end=SHIFT[1] * 60,
            skills=frozenset(n.skills),
            languages=frozenset(n.languages),
            break_early=BREAK[0] * 60,
            break_late=BREAK[1] * 60,
            break_duration=BREAK[2] * 60,
        )
        for n in staff
    ]
    return jobs, workers
