"""Settlement raced from separate PostgreSQL connections: each provider-month is settled once and no
event is in two settlements; the payment batch is made once."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.db.models import Sum

from luukku.vouchers import payments, services
from luukku.vouchers.models import PaymentBatch, ServiceEvent, Settlement

from .test_settlement import LAST_MONTH, world

pytestmark = pytest.mark.django_db(transaction=True)


def race(calls: list) -> Counter:
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            return call()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_simultaneous_settlements_pay_each_event_once(personas):
    assert connection.vendor == "postgresql", "the race needs PostgreSQL"
    world(clients=2)
    expected = ServiceEvent.objects.filter(status="approved").aggregate(s=Sum("county_cents"))["s"]
    results = race([lambda: services.settle_month(*LAST_MONTH) for _ in range(6)])
    assert {tuple(sorted(s.pk for s in r)) for r in results} == {
        tuple(sorted(Settlement.objects.values_list("pk", flat=True)))
    }
    assert Settlement.objects.count() == 2
    assert Settlement.objects.aggregate(s=Sum("county_cents"))["s"] == expected
    assert not ServiceEvent.objects.filter(status="approved", settlement=None).exists()
    batches = race([lambda: payments.make_batch(*LAST_MONTH) for _ in range(4)])
    assert len({b.pk for b in batches}) == 1 and PaymentBatch.objects.count() == 1
    assert PaymentBatch.objects.get().total_cents == expected
