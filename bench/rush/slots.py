"""Slot search over a county's year: the first free times of a service, with and without the index of
open slots (booking.Slot's `slot_free_by_service`). Run by hand:

    .venv/bin/python bench/rush/slots.py --slots 1000000 --calendars 200 --services 20

Creates a fresh database (default luukku_bench_slots), 200 calendars in 11 units and 20 services, a
year of slots (1 000 000), and books the first `--full-weeks` weeks full (a rush: the near times go
first, so the first free ones are weeks away). Then times `booking.services.free_slots(service, today)`
(the times page's query) for the first 20 free times of random services over the year ahead:
p50/p95/p99 with the partial index, and again with only the plain (service, starts_at) index.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--admin-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="luukku_bench_slots")
    parser.add_argument("--slots", type=int, default=1_000_000)
    parser.add_argument("--calendars", type=int, default=200)
    parser.add_argument("--services", type=int, default=20)
    parser.add_argument("--full-weeks", type=int, default=3)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="time the database a previous run made")
    args = parser.parse_args()

    import psycopg

    if not args.reuse:
        with psycopg.connect(args.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{args.database}"')
    os.environ["LUUKKU_DATABASE_URL"] = args.admin_url.rsplit("/", 1)[0] + "/" + args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
    os.environ.setdefault("LUUKKU_LOG_LEVEL", "WARNING")
    import django

    django.setup()

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from luukku.booking.models import Calendar, Service
    from luukku.identity.models import OrgUnit, Professional

    if args.reuse:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS slot_free_by_service ON booking_slot (service_id, starts_at)"
                " WHERE (NOT blocked AND booked < capacity)"
            )
        services = list(Service.objects.all())
        return measure(args, services)
    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    units = [
        OrgUnit.objects.create(
            code=f"u{i}", name=f"Yksikkö {i}", level="unit", municipality_codes=[f"{100 + i}"]
        )
        for i in range(11)
    ]
    services = [
        Service.objects.create(code=f"s{i}", name=f"Palvelu {i}", unit=units[i % 11], duration_minutes=15)
        for i in range(args.services)
    ]
    user_model = get_user_model()
    calendars = []
    for i in range(args.calendars):
        professional = Professional.objects.create(user=user_model.objects.create(username=f"p{i}"))
        calendars.append(Calendar.objects.create(professional=professional, unit=units[i % 11]))
    per_calendar = args.slots // args.calendars
    first = timezone.now().replace(minute=0, second=0, microsecond=0)
    with connection.cursor() as cursor:
        for number, calendar in enumerate(calendars):
            service = services[number % len(services)]
            # 32 fifteen-minute slots a day, 8:00-16:00, every day of the year
            cursor.execute(
                """INSERT INTO booking_slot
                       (calendar_id, service_id, starts_at, ends_at, capacity, booked, blocked)
                   SELECT %s, %s, t, t + interval '15 minutes', 1,
                          CASE WHEN t < %s + make_interval(weeks => %s) THEN 1 ELSE 0 END, false
                   FROM (SELECT %s::timestamptz + (n / 32) * interval '1 day'
                                + (n %% 32) * interval '15 minutes' t
                         FROM generate_series(0, %s - 1) n) g""",
                [calendar.pk, service.pk, first, args.full_weeks, first, per_calendar],
            )
        cursor.execute("ANALYZE booking_slot")
        cursor.execute("SELECT count(*), count(*) FILTER (WHERE booked < capacity) FROM booking_slot")
        total, free = cursor.fetchone()
    print(
        f"{total} slots ({free} free) in {len(calendars)} calendars, {len(services)} services; "
        f"set up in {time.perf_counter() - began:.0f} s"
    )

    measure(args, services)


def measure(args, services) -> None:
    import random

    from django.db import connection
    from django.utils import timezone

    from luukku.booking.services import free_slots

    def timed(label: str) -> None:
        rng = random.Random(7)
        latencies = []
        for _ in range(args.queries):
            service = rng.choice(services)
            start = time.perf_counter()
            first = list(free_slots(service, timezone.localdate(), days=365)[:20])
            assert first, "no free time in a year"
            latencies.append((time.perf_counter() - start) * 1000)
        q = statistics.quantiles(latencies, n=100)
        print(
            f"{label}: p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, p99 {q[98]:.1f} ms, {args.queries} searches",
            flush=True,
        )

    timed("with slot_free_by_service")
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX slot_free_by_service")
        cursor.execute("ANALYZE booking_slot")
    timed("plain (service, starts_at)")


if __name__ == "__main__":
    main()
