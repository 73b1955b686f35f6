"""Directory search latency over 10 000 services, on SQLite (FTS5, the demo) or PostgreSQL (full text +
pg_trgm, production).

Run by hand (not part of the test suite):

    .venv/bin/python bench/directory/search.py --database sqlite --services 10000 --queries 500
    .venv/bin/python bench/directory/search.py --database postgres --services 10000 --queries 500

It creates a fresh database (var/bench-directory.sqlite3, or luukku_bench_directory on 127.0.0.1),
migrates it, seeds the demo organisation and `--services` generated directory services over the eleven
municipalities (the demo seeder's generator), then times `directory.services.search` - the call the page
and the API make - for a mix of queries: words in fi/sv/en, inflected forms, typos, prefixes, filters
(municipality, type, target group, language, open now, step-free), sorted by relevance and by distance
from a municipality centre, first result page with its locations. Prints p50/p95/p99/max in ms.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

WORDS = [
    "fysioterapia",
    "fysioterapiaan",
    "fysiotrapia",
    "fysio",
    "liikuntaneuvonta",
    "liikuntaa ikääntyneille",
    "vesijumppa",
    "vattengymnastik",
    "physiotherapy",
    "perhekahvila",
    "perhekahvilat",
    "family café",
    "muistiluotsi",
    "muistisairaus",
    "kuntosali",
    "kuntosli",
    "päihdeneuvonta",
    "alkoholi",
    "omaishoitajat",
    "nuorisotila",
    "kielikahvila",
    "siivous",
    "ateriapalvelu",
    "hieronta",
    "diakonia",
    "vertaistuki",
    "masennus",
    "selkäkipu",
    "äldre",
    "gym",
]
MUNICIPALITIES = ["109", "694", "061", "165", "082", "086", "433", "834", "169", "103", "981"]


def setup(database: str, keep: bool) -> None:
    if database == "sqlite":
        path = ROOT / "var" / "bench-directory.sqlite3"
        path.parent.mkdir(exist_ok=True)
        if not keep:
            path.unlink(missing_ok=True)
        os.environ["LUUKKU_DATABASE_URL"] = f"sqlite:///{path}"
    elif not keep:
        import psycopg

        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
            connection.execute('DROP DATABASE IF EXISTS "luukku_bench_directory" WITH (FORCE)')
            connection.execute('CREATE DATABASE "luukku_bench_directory"')
    if database == "postgres":
        os.environ["LUUKKU_DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/luukku_bench_directory"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
    os.environ.setdefault("LUUKKU_LOG_LEVEL", "WARNING")
    os.environ.setdefault("LUUKKU_SECURITY_LOG", "none")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(count: int) -> None:
    from luukku.directory.demo import seed_county_services
    from luukku.identity.personas import seed_organisation

    seed_organisation()
    started = time.perf_counter()
    print(seed_county_services(target=count), f"in {time.perf_counter() - started:.0f} s")


def queries(n: int, rng: random.Random):
    from luukku.directory.geo import MUNICIPALITY_CENTRES
    from luukku.directory.services import Query

    for _ in range(n):
        fields = {}
        if rng.random() < 0.8:
            fields["text"] = rng.choice(WORDS)
        if rng.random() < 0.5:
            fields["municipality"] = rng.choice(MUNICIPALITIES)
        if rng.random() < 0.15:
            fields["kind"] = rng.choice(["own", "third_sector", "private"])
        if rng.random() < 0.15:
            fields["target_group"] = rng.choice(["older", "families", "young"])
        if rng.random() < 0.1:
            fields["language"] = "sv"
        if rng.random() < 0.2:
            fields["open_now"] = True
        if rng.random() < 0.2:
            fields["accessible"] = True
        if rng.random() < 0.6:
            fields["home"] = MUNICIPALITY_CENTRES[rng.choice(MUNICIPALITIES)]
            if rng.random() < 0.3:
                fields["sort"] = "distance"
        yield Query(**fields)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="reuse the database a previous run seeded")
    args = parser.parse_args()
    setup(args.database, args.keep)
    if not args.keep:
        seed(args.services)
    from luukku.directory.models import DirectoryService
    from luukku.directory.services import search

    rng = random.Random(7)
    for query in queries(20, rng):  # warm-up: caches, the holiday table, the typo vocabulary
        search(query)
    timings, hits = [], []
    for query in queries(args.queries, rng):
        started = time.perf_counter()
        results = search(query)
        [hit.service.locations.all() for hit in results.hits]
        timings.append((time.perf_counter() - started) * 1000)
        hits.append(results.total)
    timings.sort()

    def pct(p: float) -> float:
        return timings[min(len(timings) - 1, int(p * len(timings)))]

    print(
        f"{args.database}: {DirectoryService.objects.count()} services, {len(timings)} queries, "
        f"median {statistics.median(hits):.0f} hits; "
        f"p50 {pct(0.5):.1f} ms, p95 {pct(0.95):.1f} ms, p99 {pct(0.99):.1f} ms, max {timings[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
