"""Vaccination-campaign rush on PostgreSQL: many clients book the same popular slots at once.

Run by hand (not part of the test suite):

    .venv/bin/python bench/booking/rush.py --clients 32 --seconds 20

It creates a fresh database (default luukku_bench on 127.0.0.1), a campaign with group slots and
residents, then lets the clients book through `booking.services.book` - the same transaction the web
and API use - for the given time. It reports bookings/s, latency percentiles and refusals, then audits
the database: over-booked slots, slot counters that disagree with the live appointments, and persons
with two live bookings in the campaign (all must be 0). With --pgbench it also runs pgbench's built-in
simple-update script for the same time and client count, as a yardstick of the machine.
"""

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def setup_django(database_url: str) -> None:
    os.environ["LUUKKU_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
    os.environ.setdefault("LUUKKU_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def recreate_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def seed(residents: int, slots: int, capacity: int):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from luukku.booking.models import Calendar, Campaign, Service, Slot
    from luukku.identity.models import OrgUnit, Professional, Resident
    from luukku.registry.demo_county import shift_years
    from luukku.registry.hetu import build

    call_command("migrate", verbosity=0)
    unit = OrgUnit.objects.create(code="bench", name="Rokotuspiste", level="unit", municipality_codes=["109"])
    campaign = Campaign.objects.create(
        code="flu", name="Influenssa", starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2027, 3, 31)
    )
    service = Service.objects.create(
        code="flu",
        name="Influenssarokotus",
        unit=unit,
        duration_minutes=5,
        capacity=capacity,
        min_age=65,
        campaign=campaign,
        cancellation_deadline_hours=2,
    )
    user_model = get_user_model()
    nurse = Professional.objects.create(user=user_model.objects.create(username="nurse"))
    calendar = Calendar.objects.create(professional=nurse, unit=unit)
    start = (timezone.now() + dt.timedelta(days=1)).replace(second=0, microsecond=0)
    Slot.objects.bulk_create(
        [
            Slot(
                calendar=calendar,
                service=service,
                starts_at=start + dt.timedelta(minutes=5 * i),
                ends_at=start + dt.timedelta(minutes=5 * i + 5),
                capacity=capacity,
            )
            for i in range(slots)
        ]
    )
    users = user_model.objects.bulk_create(
        [user_model(username=f"r{i}") for i in range(residents)], batch_size=2000
    )
    today = timezone.localdate()
    people = []
    for i, user in enumerate(users):
        born = shift_years(today, -(66 + i % 30)) - dt.timedelta(days=i % 300)
        people.append(
            Resident(
                hetu=build(born, 2 + i % 898),
                first_names="Testi",
                last_name=f"Asukas{i}",
                birth_date=born,
                municipality_code="109",
                user=user,
            )
        )
    Resident.objects.bulk_create(people, batch_size=2000, ignore_conflicts=True)
    return service, list(Resident.objects.select_related("user").order_by("pk"))


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=1000)[int(share * 1000) - 1] if len(values) > 1 else values[0]


def rush(
    service, residents, clients: int, seconds: float, hot_share: float
) -> tuple[Counter, list[float], float]:
    from django.db import connection

    from luukku.booking.models import Slot
    from luukku.booking.services import BookingRefused, book, booker_for

    slot_ids = list(Slot.objects.filter(service=service).order_by("starts_at").values_list("pk", flat=True))
    hot = slot_ids[: max(1, len(slot_ids) // 20)]  # everyone wants the first morning
    outcomes: Counter = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)
    deadline = [0.0]

    def client(number: int) -> None:
        rng = random.Random(number)
        local: Counter = Counter()
        local_latencies = []
        barrier.wait()
        while time.perf_counter() < deadline[0]:
            person = rng.choice(residents)
            slot_id = rng.choice(hot) if rng.random() < hot_share else rng.choice(slot_ids)
            began = time.perf_counter()
            try:
                book(Slot.objects.select_related("service").get(pk=slot_id), booker_for(person.user, person))
                local["booked"] += 1
            except BookingRefused as refused:
                local[refused.code] += 1
            local_latencies.append(time.perf_counter() - began)
        connection.close()
        with lock:
            outcomes.update(local)
            latencies.extend(local_latencies)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    deadline[0] = time.perf_counter() + seconds + 1
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return outcomes, latencies, time.perf_counter() - started


def audit(service) -> dict[str, int]:
    from django.db.models import Count, F, Q

    from luukku.booking.models import Appointment, Slot

    live = Q(appointments__status="booked")
    slots = Slot.objects.filter(service=service).annotate(live=Count("appointments", filter=live))
    doubles = (
        Appointment.objects.filter(campaign=service.campaign, status="booked")
        .values("person")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    return {
        "over-booked slots": Slot.objects.filter(service=service, booked__gt=F("capacity")).count(),
        "counters disagreeing with appointments": slots.exclude(booked=F("live")).count(),
        "persons booked twice in the campaign": doubles,
    }


def pgbench(admin_url: str, clients: int, seconds: int) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute('DROP DATABASE IF EXISTS "luukku_pgbench" WITH (FORCE)')
        connection.execute('CREATE DATABASE "luukku_pgbench"')
    executable = shutil.which("pgbench")
    if executable is None:
        return "pgbench is not installed (Debian package postgresql-client)"
    base = [executable, "-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(  # noqa: S603 - fixed arguments of our own
        [*base, "-i", "-q", "-s", "10", "luukku_pgbench"], check=True, capture_output=True
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments of our own
        [
            *base,
            "-b",
            "simple-update",
            "-c",
            str(clients),
            "-j",
            "2",
            "-T",
            str(seconds),
            "luukku_pgbench",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return next(line for line in result.stdout.splitlines() if line.startswith("tps"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument(
        "--slots", type=int, default=1_500, help="5-minute slots (about 2 weeks of one point)"
    )
    parser.add_argument("--capacity", type=int, default=3)
    parser.add_argument(
        "--hot-share", type=float, default=0.7, help="share of attempts at the first 5%% of slots"
    )
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="luukku_bench")
    parser.add_argument("--pgbench", action="store_true")
    args = parser.parse_args()

    recreate_database(f"{args.server}/postgres", args.database)
    setup_django(f"{args.server}/{args.database}")
    service, residents = seed(args.residents, args.slots, args.capacity)
    outcomes, latencies, elapsed = rush(service, residents, args.clients, args.seconds, args.hot_share)
    attempts = sum(outcomes.values())
    print(
        f"clients {args.clients}, {elapsed:.1f} s, {args.slots} slots x {args.capacity} places, "
        f"{len(residents)} residents"
    )
    print(
        f"attempts {attempts} ({attempts / elapsed:.0f}/s), bookings {outcomes['booked']} "
        f"({outcomes['booked'] / elapsed:.0f}/s)"
    )
    print(
        "latency ms: p50 {:.1f}, p95 {:.1f}, p99 {:.1f}".format(
            *(1000 * percentile(latencies, p) for p in (0.5, 0.95, 0.99))
        )
    )
    print("outcomes:", dict(outcomes.most_common()))
    problems = audit(service)
    for name, count in problems.items():
        print(f"{name}: {count}")
    if args.pgbench:
        print(
            "pgbench simple-update, same clients and time:",
            pgbench(f"{args.server}/postgres", args.clients, int(args.seconds)),
        )
    sys.exit(1 if any(problems.values()) else 0)


if __name__ == "__main__":
    main()
