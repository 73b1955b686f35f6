"""Monthly voucher settlement at scale on PostgreSQL: settle a month of many service events and make
its pain.001 batch (validated against the XSD).

Run by hand (not part of the test suite):

    .venv/bin/python bench/vouchers/settle.py --providers 40 --clients 5000 --events 100000

It creates a fresh database (default luukku_bench_vouchers on 127.0.0.1), the demo organisation and
personas, one voucher service, the providers, the clients with accepted vouchers, and the events of last
month (bulk-inserted, their shares computed by rules.split). Then it times `services.settle_month` (every
provider's settlement, client shares and audit events), a second run (idempotent: nothing new), and
`payments.make_batch` (XML built with lxml and validated against pain.001.001.03), and checks that the
settled cents equal the events' cents exactly.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--providers", type=int, default=40)
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--database", default="luukku_bench_vouchers")
    args = parser.parse_args()
    os.environ["LUUKKU_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
        conn.execute(f'CREATE DATABASE "{args.database}"')
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Sum
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from luukku.identity.models import Resident
    from luukku.identity.personas import seed_organisation
    from luukku.vouchers import fakes, payments, rules, services
    from luukku.vouchers.models import Offer, Provider, ServiceEvent, Settlement, Voucher, VoucherService

    seed_organisation()
    rng = random.Random(569)
    worker = get_user_model().objects.get(username="palveluohjaaja.paula")
    service = VoucherService.objects.create(
        code="kotihoito", name="Kotihoito", unit="hours", price_ceiling_cents=4500, fixed_value_cents=3200
    )
    providers = []
    for n in range(args.providers):
        iban, bic = fakes.iban(n)
        provider = Provider.objects.create(
            name=f"Hoiva {n} Oy", business_id=fakes.business_id(n), iban=iban, bic=bic, status="approved"
        )
        Offer.objects.create(
            provider=provider, service=service, price_cents=rng.randint(3300, 4500), capacity=10**6
        )
        providers.append(provider)
    staff = get_user_model().objects.create(username="bench-staff")
    today = timezone.localdate()
    last_end = today.replace(day=1) - dt.timedelta(days=1)
    start = last_end.replace(day=1)
    people = Resident.objects.bulk_create(
        Resident(hetu=f"B{n:010d}", first_names="Bench", last_name=str(n), birth_date=dt.date(1940, 1, 1))
        for n in range(args.clients)
    )
    vouchers = []
    for person in people:
        provider = rng.choice(providers)
        vouchers.append(
            Voucher(
                person=person,
                service=service,
                status="accepted",
                decided_by=worker,
                valid_from=start,
                valid_until=start + dt.timedelta(days=365),
                units_per_month=Decimal(1000),
                value_cents=3200,
                provider=provider,
                price_cents=provider.offers.get().price_cents,
            )
        )
    Voucher.objects.bulk_create(vouchers, batch_size=2000)
    events = []
    for _n in range(args.events):
        voucher = rng.choice(vouchers)
        units = Decimal(rng.choice(["0.25", "1", "1.5", "2", "3.75"]))
        county, client = rules.split(units, voucher.price_cents, voucher.value_cents)
        events.append(
            ServiceEvent(
                voucher=voucher,
                provider_id=voucher.provider_id,
                day=start + dt.timedelta(days=rng.randint(0, last_end.day - 1)),
                units=units,
                county_cents=county,
                client_cents=client,
                status="approved",
                recorded_by=staff,
            )
        )
    ServiceEvent.objects.bulk_create(events, batch_size=5000)
    expected = ServiceEvent.objects.aggregate(s=Sum("county_cents"))["s"]
    print(f"{args.providers} providers, {args.clients} clients, {args.events} events, {connection.vendor}")

    began, cpu = time.perf_counter(), time.process_time()
    settled = services.settle_month(start.year, start.month)
    first, first_cpu = time.perf_counter() - began, time.process_time() - cpu
    began = time.perf_counter()
    services.settle_month(start.year, start.month)
    second = time.perf_counter() - began
    began = time.perf_counter()
    batch = payments.make_batch(start.year, start.month)
    third = time.perf_counter() - began
    total = Settlement.objects.aggregate(s=Sum("county_cents"))["s"]
    assert total == expected == batch.total_cents, (total, expected, batch.total_cents)
    print(f"settle_month: {first:.2f} s wall, {first_cpu:.2f} s Python CPU, for {len(settled)} settlements")
    print(f"settle_month again (nothing new): {second:.3f} s")
    print(f"make_batch (pain.001 built and validated, {len(settled)} transfers): {third:.3f} s")
    print(f"reconciled: {total} cents settled = {expected} cents of events = batch total")


if __name__ == "__main__":
    main()
