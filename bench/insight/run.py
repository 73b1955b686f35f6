"""Warehouse benchmark: marts full refresh, incremental load and dashboard query latency at scale.

    .venv/bin/python bench/insight/run.py --residents 200000 --events 10000000

The data-vault core is generated straight in DuckDB (pseudonymous keys, the demo county's units,
seasonal days over three years), so the figures are the warehouse's own: building every mart from the
core (the full refresh), appending 1 % new events to the core and rebuilding (the incremental load), and
each dashboard indicator query (p50/p95 over repeated runs with different filters). Extracting from
the operational PostgreSQL is not included (see docs/insight.md).
"""

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
django.setup()

from luukku.insight import indicators, marts, warehouse  # noqa: E402

KINDS = (
    ("identity.signed_in", "web", False, 30),
    ("booking.booked", "web", True, 15),
    ("booking.booked", "phone", True, 6),
    ("chat.started", "chat", True, 6),
    ("assessment.made", "web", True, 5),
    ("assessment.made", "phone", True, 4),
    ("insight.contact_logged", "phone", True, 10),
    ("questionnaire.activated", None, False, 8),
    ("questionnaire.answered", "web", True, 6),
    ("carepath.started", None, False, 2),
)
UNITS = (
    ("kanta-hame", "county", None),
    ("terveyspalvelut", "division", "kanta-hame"),
    ("sosiaalipalvelut", "division", "kanta-hame"),
    ("avosairaanhoito", "result_area", "terveyspalvelut"),
    ("ikaantyneet", "result_area", "sosiaalipalvelut"),
    *((f"terveysasema-{i}", "unit", "avosairaanhoito") for i in range(12)),
    *((f"palveluohjaus-{i}", "unit", "ikaantyneet") for i in range(6)),
)


def generate(con, residents: int, events: int, first_id: int = 1) -> None:
    leaf = [code for code, level, _parent in UNITS if level == "unit"]
    kinds = ", ".join(
        f"('{k}', {('NULL' if c is None else repr(c))}, {str(t).lower()}, {w})" for k, c, t, w in KINDS
    )
    units = ", ".join(f"'{u}'" for u in leaf)
    now = "TIMESTAMP '2026-11-26 00:00:00'"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE kinds AS SELECT * FROM (VALUES {kinds}) t(kind, channel, contact, w)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE kind_pick AS SELECT *, sum(w) OVER (ORDER BY kind, channel) AS upto, sum(w) OVER () AS total FROM kinds"
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE gen AS
        SELECT i AS event_id,
               DATE '2023-11-26' + CAST(floor(random() * 1095) AS INTEGER) AS day,
               'p' || CAST(floor(pow(random(), 2) * {residents}) AS INTEGER) AS person_hk,
               [{units}][1 + CAST(floor(random() * {len(leaf)}) AS INTEGER)] AS unit_code,
               random() * 120 AS r
        FROM range({first_id}, {first_id + events}) t(i)"""
    )
    con.execute(
        f"""INSERT INTO link_event SELECT g.event_id, md5(g.person_hk), NULL, md5(g.unit_code), NULL, {now}, 'bench'
        FROM gen g"""
    )
    con.execute(
        f"""INSERT INTO sat_event SELECT g.event_id, {now}, CAST(g.day AS TIMESTAMP), g.day, k.kind, k.channel,
            k.contact, CASE WHEN k.kind = 'assessment.made' AND g.r < 10 THEN 'hyte' END,
            CASE WHEN k.kind = 'questionnaire.answered' THEN CAST(g.r / 4 AS INTEGER) END
        FROM gen g JOIN kind_pick k ON g.r >= k.upto - k.w AND g.r < k.upto"""
    )


def setup(path: Path, residents: int, events: int) -> None:
    con = warehouse.connect(path)
    warehouse.create_schema(con)
    now = "TIMESTAMP '2026-11-26 00:00:00'"
    con.execute(f"INSERT INTO hub_person SELECT md5('p' || i), {now}, 'bench' FROM range({residents}) t(i)")
    con.execute(
        f"""INSERT INTO sat_person SELECT md5('p' || i), {now}, '', 1930 + i % 90, '109', 'fi', false
        FROM range({residents}) t(i)"""
    )
    for code, level, parent in UNITS:
        con.execute(f"INSERT INTO hub_unit VALUES (md5('{code}'), '{code}', {now}, 'bench')")
        con.execute(
            "INSERT INTO sat_unit VALUES (md5(?), " + now + ", '', ?, ?, '', ?, ?)",
            [code, code, code, level, parent],
        )
    generate(con, residents, events)
    con.close()


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=200_000)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="insight-bench-"))
    path = folder / "warehouse.duckdb"
    print(f"generating {args.residents} residents, {args.events} events in {path}")
    print(f"  generated in {timed(lambda: setup(path, args.residents, args.events)):.1f} s")
    con = warehouse.connect(path)
    print(
        f"full refresh (every mart from the core): {timed(lambda: marts.build(marts.DuckDBEngine(con))):.1f} s"
    )
    new = args.events // 100

    def incremental() -> None:
        generate(con, args.residents, new, first_id=args.events + 1)
        marts.build(marts.DuckDBEngine(con), since=args.events)

    print(f"incremental ({new} new events into the core and the marts): {timed(incremental):.1f} s")
    engine = marts.DuckDBEngine(con)
    today = dt.date(2026, 11, 26)
    variants = [
        indicators.Filters(grain="month", start=indicators.span("month", today)[0]),
        indicators.Filters(grain="quarter", by="channel", unit="terveyspalvelut"),
        indicators.Filters(grain="year", by="age_group", unit="terveysasema-3"),
        indicators.Filters(grain="month", by="result_area", channel="phone"),
    ]
    print("dashboard queries (ms, p50 / p95):")
    page = []
    for indicator in indicators.INDICATORS:
        times = []
        for n in range(args.repeats):
            query = indicators.sql(indicator, variants[n % len(variants)])
            times.append(1000 * timed(lambda q=query: engine.query(q)))
        times.sort()
        p95 = times[max(0, int(0.95 * len(times)) - 1)]
        page.append(statistics.median(times))
        print(f"  {indicator.key:<20} {statistics.median(times):7.1f} / {p95:7.1f}")
    print(f"a whole dashboard page (all {len(page)} tables, medians added): {sum(page):.0f} ms")
    con.close()
    print(f"warehouse file: {path.stat().st_size / 1e6:.0f} MB (delete {folder} when done)")


if __name__ == "__main__":
    main()
