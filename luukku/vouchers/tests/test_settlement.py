"""Monthly settlement: totals reconcile exactly to the events (integer cents), nothing is settled or paid
twice, corrections are adjustments next month; the pain.001 batch validates against its XSD."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from lxml import etree

from luukku.audit.models import Event
from luukku.testing import resident_user
from luukku.vouchers import payments, services
from luukku.vouchers.models import Adjustment, ClientShare, PaymentBatch, ServiceEvent, Settlement

from .factories import VoucherServiceFactory, in_use, provider, social_worker

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
LAST_MONTH_END = TODAY.replace(day=1) - dt.timedelta(days=1)
LAST_MONTH = (LAST_MONTH_END.year, LAST_MONTH_END.month)


def world(clients: int = 3, seed: int = 7):
    """Two providers, a few clients each, random events in last month (some over the amount, held)."""
    rng = random.Random(seed)
    service = VoucherServiceFactory(fixed_value_cents=3137)
    firms = [provider({service: 4289}), provider({service: 3050})]
    start = LAST_MONTH_END.replace(day=1) - dt.timedelta(days=60)
    used = []
    for i in range(clients * 2):
        voucher, staff = in_use(resident_user(age=70 + i), service, firms[i % 2], start=start, units="12")
        for _n in range(rng.randint(1, 6)):
            day = LAST_MONTH_END.replace(day=rng.randint(1, LAST_MONTH_END.day))
            services.record_service(
                staff, voucher, day, Decimal(rng.choice(["0.25", "1", "1.5", "2.75", "3"]))
            )
        used.append((voucher, staff))
    return firms, used


def test_a_month_settles_once_and_reconciles_to_the_cent(personas):
    world()
    approved = ServiceEvent.objects.filter(status="approved")
    held = ServiceEvent.objects.filter(status="held").count()
    settlements = services.settle_month(*LAST_MONTH)
    assert len(settlements) == 2
    for settlement in settlements:
        mine = approved.filter(provider=settlement.provider)
        assert settlement.county_cents == mine.aggregate(s=Sum("county_cents"))["s"]
        assert settlement.client_cents == mine.aggregate(s=Sum("client_cents"))["s"]
        assert settlement.event_count == mine.count()
        shares = ClientShare.objects.filter(settlement=settlement)
        assert sum(s.county_cents for s in shares) == settlement.county_cents
        assert sum(s.client_cents for s in shares) == settlement.client_cents
    assert ServiceEvent.objects.filter(status="held", settlement=None).count() == held  # held ones wait
    # running again changes nothing
    again = services.settle_month(*LAST_MONTH)
    assert [s.pk for s in again] == [s.pk for s in settlements]
    assert Settlement.objects.count() == 2
    settled = Event.objects.filter(kind="vouchers.settled")
    assert settled.count() == ClientShare.objects.count()
    assert sum(e.data["cents"] for e in settled) == sum(s.county_cents for s in settlements)
    assert all("name" not in str(e.data) for e in settled)


def test_the_running_month_cannot_be_settled(personas):
    with pytest.raises(ValidationError):
        services.settle_month(TODAY.year, TODAY.month)


def test_corrections_and_late_approvals_go_to_the_next_month(personas):
    _firms, used = world(clients=1)
    voucher, staff = used[0]
    held = services.record_service(staff, voucher, LAST_MONTH_END, Decimal("13"))  # over the 12 h granted
    assert held.status == "held"
    first = {s.provider_id: s for s in services.settle_month(*LAST_MONTH)}
    event = ServiceEvent.objects.filter(voucher=voucher, status="approved").first()
    # a correction of a settled event: an adjustment, the event itself is untouched
    adjustment = services.correct_event(staff, event, event.units + Decimal("1"), "Yksi tunti puuttui")
    assert adjustment.units == Decimal("1") and adjustment.county_cents == 3137
    assert adjustment.client_cents == voucher.price_cents - 3137
    event.refresh_from_db()
    assert event.settlement_id == first[event.provider_id].pk
    # correcting back to the original cancels the adjustment; the same value again changes nothing
    back = services.correct_event(staff, event, event.units, "Korjaus perutaan")
    assert back.county_cents == -3137
    assert services.correct_event(staff, event, event.units, "Ei muutosta") is None
    # the held event approved after its month was settled goes to the next month's settlement
    services.review_event(social_worker(), held, approve=True)
    held.refresh_from_db()
    following = TODAY.replace(day=28) + dt.timedelta(days=10)
    mine = {s.provider_id: s for s in services.settle_month(TODAY.year, TODAY.month, today=following)}[
        voucher.provider_id
    ]
    assert mine.county_cents == held.county_cents + 3137 - 3137
    assert mine.client_cents == held.client_cents
    assert list(mine.events.all()) == [held]
    assert Adjustment.objects.filter(settlement=mine).count() == 2
    # over both months, what the county pays equals the approved events plus the adjustments
    total = Settlement.objects.aggregate(s=Sum("county_cents"))["s"]
    expected = ServiceEvent.objects.filter(status="approved").aggregate(s=Sum("county_cents"))["s"]
    assert total == expected + Adjustment.objects.aggregate(s=Sum("county_cents"))["s"]
    assert ServiceEvent.objects.filter(status="approved", settlement=None).count() == 0


def test_the_payment_batch_validates_against_the_pain001_schema_and_is_made_once(personas):
    world(clients=2)
    settlements = services.settle_month(*LAST_MONTH)
    batch = payments.make_batch(*LAST_MONTH, execution=TODAY)
    assert payments.make_batch(*LAST_MONTH).pk == batch.pk
    assert PaymentBatch.objects.count() == 1
    payments.validate(batch.xml.encode())
    ns = {"p": payments.NS}
    doc = etree.fromstring(batch.xml.encode())
    amounts = [Decimal(a) for a in doc.xpath("//p:CdtTrfTxInf/p:Amt/p:InstdAmt/text()", namespaces=ns)]
    assert sum(amounts) * 100 == sum(s.county_cents for s in settlements) == batch.total_cents
    assert (
        doc.xpath("string(//p:GrpHdr/p:CtrlSum)", namespaces=ns) == f"{Decimal(batch.total_cents) / 100:.2f}"
    )
    ibans = set(doc.xpath("//p:CdtrAcct/p:Id/p:IBAN/text()", namespaces=ns))
    assert ibans == {s.provider.iban for s in settlements}
    rows = batch.csv.strip().splitlines()
    assert len(rows) == 1 + len(settlements) and rows[0].startswith("settlement;business_id")
    assert sum(int(r.split(";")[7]) for r in rows[1:]) == batch.total_cents


def test_a_broken_document_fails_validation():
    bad = b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>'
    with pytest.raises(payments.InvalidBatch):
        payments.validate(bad)


def test_nothing_to_pay_makes_no_batch(personas):
    with pytest.raises(ValidationError):
        payments.make_batch(2020, 1)
