"""The pages and the API: the resident compares and chooses, the provider accepts and records, the county
grants, reviews, settles and downloads the batch; bad input is a 4xx with the form's errors."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from luukku.testing import resident_user
from luukku.vouchers import services
from luukku.vouchers.models import PaymentBatch, Provider, ServiceEvent, Voucher, VoucherService

from .factories import provider, social_worker, staff_of

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_grant_choose_accept_record_settle_and_pay_through_the_pages(personas):
    person = resident_user(age=81)
    worker = social_worker()
    county = signed_in(worker)
    home = VoucherService.objects.get(code="kotihoito-palveluseteli")  # test county: income-related
    url = reverse("vouchers:client", args=[person.public_id])
    assert county.get(url).status_code == 200
    bad = county.post(url, {"action": "grant", "service": home.code, "valid_from": "2026-13-01"})
    assert bad.status_code == 400
    start = (dt.date.today().replace(day=1) - dt.timedelta(days=40)).replace(day=1)
    done = county.post(
        url,
        {
            "action": "grant",
            "service": home.code,
            "valid_from": start.isoformat(),
            "units_per_month": "10",
            "household_size": "1",
            "monthly_income": "1500.00",
        },
    )
    assert done.status_code == 302
    voucher = Voucher.objects.get(person=person)
    assert voucher.value_cents == 3000 and voucher.monthly_income_cents == 150000

    resident = signed_in(person.user)
    page = resident.get(reverse("vouchers:voucher", args=[voucher.public_id]) + "?sort=quality")
    assert page.status_code == 200 and b"data-choices" in page.content
    firm = Provider.objects.get(name="Hoivapalvelu Tuulia Oy")  # serves Hämeenlinna
    chosen = resident.post(
        reverse("vouchers:voucher", args=[voucher.public_id]),
        {"action": "choose", "provider": str(firm.public_id)},
    )
    assert chosen.status_code == 302
    staff = signed_in(firm.staff.first().user)
    assert (
        staff.post(
            reverse("vouchers:provider"), {"action": "accept", "voucher": str(voucher.public_id)}
        ).status_code
        == 302
    )
    day = start + dt.timedelta(days=3)
    recorded = staff.post(
        reverse("vouchers:provider"),
        {"action": "record", "voucher": str(voucher.public_id), "day": day.isoformat(), "units": "2"},
    )
    assert recorded.status_code == 302
    event = ServiceEvent.objects.get(voucher=voucher)
    assert (event.county_cents, event.client_cents) == (6000, 1800)  # 2 h at 39.00 € with 30.00 €
    bad = staff.post(
        reverse("vouchers:provider"), {"action": "record", "voucher": str(voucher.public_id), "units": "x"}
    )
    assert bad.status_code == 400
    month = f"{day.year}-{day.month:02d}"
    assert county.post(reverse("vouchers:desk"), {"action": "settle", "month": "2026-99"}).status_code == 400
    assert county.post(reverse("vouchers:desk"), {"action": "settle", "month": month}).status_code == 302
    assert county.post(reverse("vouchers:desk"), {"action": "batch", "month": month}).status_code == 302
    batch = PaymentBatch.objects.get(year=day.year, month=day.month)
    xml = county.get(reverse("vouchers:batch_file", args=[batch.pk, "xml"]))
    assert xml.status_code == 200 and b"pain.001.001.03" in xml.content
    assert "attachment" in xml["Content-Disposition"]
    with translation.override("en"):
        mine = resident.get(reverse("vouchers:voucher", args=[voucher.public_id]), HTTP_ACCEPT_LANGUAGE="en")
    assert mine.status_code == 200


def test_the_api_lists_vouchers_and_compares_providers(personas):
    person = resident_user(age=81)
    service = VoucherService.objects.get(code="fysioterapia-palveluseteli")
    voucher = services.grant(
        social_worker(), person, service, valid_from=dt.date.today(), units_per_month=Decimal(6)
    )
    client = signed_in(person.user)
    listed = client.get("/api/vouchers/").json()
    assert [v["id"] for v in listed] == [str(voucher.public_id)] and listed[0]["value_cents"] == 5000
    rows = client.get(f"/api/vouchers/{voucher.public_id}/providers").json()
    assert rows and all(r["own_share_cents_per_month"] == max(0, r["price_cents"] - 5000) * 6 for r in rows)
    stranger = signed_in(resident_user(age=30).user)
    assert stranger.get(f"/api/vouchers/{voucher.public_id}/providers").status_code == 403


def test_a_provider_applies_on_the_page_and_the_county_approves(personas):
    applicant = staff_of(provider())  # any organisation account
    client = signed_in(applicant)
    url = reverse("vouchers:application")
    assert client.get(url).status_code == 200
    refused = client.post(url, {"action": "apply", "business_id": "1234567-8", "iban": "FI00"})
    assert refused.status_code == 400
    service = VoucherService.objects.get(code="kotihoito-palveluseteli")
    done = client.post(
        url,
        {
            "action": "apply",
            "name": "Testihoiva Oy",
            "business_id": "26174164",
            "iban": "FI21 1234 5600 0007 85",
            "email": "testi@example.fi",
            "description": "Kotihoitoa",
            "service": service.code,
            "price": "40.00",
            "capacity": "5",
            "languages": ["fi"],
            "areas": ["109"],
            "registered": "on",
            "insured": "on",
            "tax_certificate": "on",
            "self_monitoring_plan": "on",
        },
    )
    assert done.status_code == 302
    firm = Provider.objects.get(business_id="2617416-4")
    county = signed_in(social_worker())
    approve = county.post(
        reverse("vouchers:providers"), {"action": "approve", "provider": str(firm.public_id), "reason": "OK"}
    )
    assert approve.status_code == 302
    firm.refresh_from_db()
    assert firm.status == Provider.Status.APPROVED and firm.iban == "FI2112345600000785"
