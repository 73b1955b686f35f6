"""The HTTP rush around locust: prepare the residents, audit the database afterwards, summarise.

    .venv/bin/python bench/rush/rush.py prepare --residents 20000
    .venv/bin/locust -f bench/rush/locustfile.py Resident --headless -u 200 -r 50 -t 60s \
        --host http://127.0.0.1:8101 --csv var/rush-200 --only-summary
    .venv/bin/python bench/rush/rush.py report var/rush-200 --since "<ISO time the run began>"

`prepare` writes the henkilötunnus of living people aged 66+ of the demo register who have no live flu
booking to var/rush-residents.txt (the locust residents sign in as them, one each). `report` reads
locust's CSV (per page req/s, p50/p95/p99, failures), counts bookings made since --since (bookings/s),
and audits the whole database: slots booked over capacity, slot counters that disagree with the live
appointments, and people with two live bookings in a campaign (all must be 0; exit 1 otherwise).
Runs against LUUKKU_DATABASE_URL (the database `./run serve` serves).
"""

import argparse
import csv
import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
    os.environ.setdefault("LUUKKU_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def prepare(residents: int, out: Path) -> None:
    from django.utils import timezone

    from luukku.booking.models import Appointment
    from luukku.identity.models import Resident
    from luukku.registry.models import RegisterPerson

    today = timezone.localdate()
    booked = set(
        Resident.objects.filter(
            appointments__status=Appointment.Status.BOOKED, appointments__campaign__isnull=False
        ).values_list("hetu", flat=True)
    )
    people = (
        RegisterPerson.objects.filter(
            date_of_death__isnull=True, birth_date__lte=today.replace(year=today.year - 66)
        )
        .order_by("?")
        .values_list("hetu", flat=True)
    )
    chosen = [hetu for hetu in people.iterator() if hetu not in booked][:residents]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(chosen) + "\n")
    print(f"{len(chosen)} residents aged 66+ written to {out}")


def audit() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM booking_slot WHERE booked > capacity")
        over = cursor.fetchone()[0]
        cursor.execute(
            """SELECT count(*) FROM booking_slot s LEFT JOIN (
                   SELECT slot_id, count(*) n FROM booking_appointment
                   WHERE status = 'booked' GROUP BY slot_id
               ) a ON a.slot_id = s.id WHERE s.booked <> coalesce(a.n, 0)"""
        )
        counters = cursor.fetchone()[0]
        cursor.execute(
            """SELECT count(*) FROM (SELECT person_id, campaign_id FROM booking_appointment
               WHERE status = 'booked' AND campaign_id IS NOT NULL AND person_id IS NOT NULL
               GROUP BY 1, 2 HAVING count(*) > 1) d"""
        )
        doubles = cursor.fetchone()[0]
    return {"over-booked slots": over, "slot counters off": counters, "double bookings": doubles}


def report(prefix: str, since: dt.datetime | None, seconds: float | None) -> int:
    from luukku.booking.models import Appointment

    stats = Path(f"{prefix}_stats.csv")
    rows = list(csv.DictReader(stats.open()))
    print(f"{'page':32} {'requests':>8} {'fail':>6} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>7}")
    for row in rows:
        if row["Type"] == "note":
            continue
        print(
            f"{row['Name'][:32]:32} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6} "
            f"{float(row['Max Response Time']):7.0f}"
        )
    notes = {row["Name"]: int(row["Request Count"]) for row in rows if row["Type"] == "note"}
    if notes:
        print("  " + ", ".join(f"{name}: {count}" for name, count in notes.items()))
    if since is not None:
        made = Appointment.objects.filter(created_at__gte=since).count()
        rate = f" = {made / seconds:.2f}/s" if seconds else ""
        print(f"bookings since {since.isoformat()}: {made}{rate}")
    found = audit()
    print("audit: " + ", ".join(f"{name} {count}" for name, count in found.items()))
    return 1 if any(found.values()) else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    prep = commands.add_parser("prepare")
    prep.add_argument("--residents", type=int, default=20000)
    prep.add_argument("--out", type=Path, default=ROOT / "var" / "rush-residents.txt")
    rep = commands.add_parser("report")
    rep.add_argument("prefix", help="locust's --csv prefix")
    rep.add_argument("--since", type=dt.datetime.fromisoformat, help="when the run began (ISO, with zone)")
    rep.add_argument("--seconds", type=float, help="the run's length, for bookings/s")
    commands.add_parser("audit")
    args = parser.parse_args()
    setup_django()
    if args.command == "prepare":
        prepare(args.residents, args.out)
        return 0
    if args.command == "audit":
        found = audit()
        print(found)
        return 1 if any(found.values()) else 0
    return report(args.prefix, args.since, args.seconds)


if __name__ == "__main__":
    sys.exit(main())
