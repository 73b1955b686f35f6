"""Retention job throughput: how fast records past retention are destroyed or archived.

Run by hand (not part of the test suite):

    .venv/bin/python bench/records/retention.py --records 20000

It creates a fresh PostgreSQL database (luukku_bench_records on 127.0.0.1), migrates it, seeds the demo
organisation and personas, creates `--records` inbox threads past their retention (three quarters health
care threads, destroyed; one quarter social care threads, archived as SÄHKE2-style packages by the local
archive adapter into a temporary directory), with one person's threads under a legal hold, then times the
dry run and the retention job. Prints the seconds and records per second of each.
"""

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def setup() -> None:
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute('DROP DATABASE IF EXISTS "luukku_bench_records" WITH (FORCE)')
        connection.execute('CREATE DATABASE "luukku_bench_records"')
    os.environ["LUUKKU_DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/luukku_bench_records"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
    os.environ.setdefault("LUUKKU_LOG_LEVEL", "WARNING")
    os.environ.setdefault("LUUKKU_SECURITY_LOG", "none")
    os.environ["LUUKKU_RECORDS_ARCHIVE_DIR"] = tempfile.mkdtemp(prefix="bench-archive-")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(count: int) -> None:
    from django.utils import timezone

    from luukku.identity.personas import BY_KEY, seed_organisation, seed_personas
    from luukku.identity.services import resident_from_register
    from luukku.inbox.models import Thread
    from luukku.records.demo import seed_officer
    from luukku.records.schedule import seed_schedule
    from luukku.records.services import place_person_hold

    seed_organisation()
    seed_personas()
    seed_schedule()
    seed_officer()
    people = [resident_from_register(BY_KEY[key].hetu) for key in ("lempi", "matti", "aino")]
    old = timezone.make_aware(dt.datetime(2010, 3, 1, 12))
    Thread.objects.bulk_create(
        [
            Thread(
                person=people[i % len(people)],
                key=f"bench:{i}",
                subject="Bench",
                category="social" if i % 4 == 0 else "health",
                created_at=old,
                last_message_at=old,
            )
            for i in range(count)
        ],
        batch_size=2000,
    )
    from django.contrib.auth import get_user_model

    place_person_hold(get_user_model().objects.get(username="arkisto.aila"), people[2], "bench hold")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000)
    args = parser.parse_args()
    setup()
    seed(args.records)
    from luukku.records import services

    today = dt.date(2026, 11, 26)
    start = time.perf_counter()
    rows = services.dry_run(today)
    dry = time.perf_counter() - start
    due = sum(row.due for row in rows if row.record_type.startswith("inbox."))
    start = time.perf_counter()
    run = services.apply_retention(today)
    took = time.perf_counter() - start
    done = {e.record_type: (e.action, e.count) for e in run.entries.all()}
    print(f"records {args.records}, due {due} (held {args.records - due})")
    print(f"dry run: {dry:.2f} s")
    print(f"retention job: {took:.2f} s, {due / took:.0f} records/s; {done}")


if __name__ == "__main__":
    main()
