"""Decisions through the access policy into the inbox, the client's choice, the provider's acceptance,
service events with their deviations, providers' application and review."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from luukku.access.policy import AccessDenied
from luukku.audit.models import AccessLogEntry, Event
from luukku.directory.geo import MUNICIPALITY_CENTRES, distance_km
from luukku.identity.models import Role
from luukku.inbox.models import Message
from luukku.testing import OrgUnitFactory, UserFactory, child_of, mandate, professional, resident_user
from luukku.vouchers import services
from luukku.vouchers.models import Provider, ServiceEvent, Voucher

from .factories import (
    VoucherServiceFactory,
    granted,
    in_use,
    income_service,
    provider,
    social_worker,
    staff_of,
)

pytestmark = pytest.mark.django_db


def test_a_social_worker_grants_an_income_related_voucher_into_the_inbox(personas):
    person = resident_user(age=80)
    service = income_service()
    worker = social_worker()
    voucher = granted(
        person, service, worker, start=dt.date(2026, 1, 15), household_size=2, monthly_income_cents=250000
    )
    assert voucher.value_cents == 3200 and voucher.status == Voucher.Status.GRANTED
    assert voucher.valid_until == dt.date(2026, 7, 14)  # six months
    assert (voucher.household_size, voucher.monthly_income_cents) == (2, 250000)
    message = Message.objects.get(thread__person=person, kind=Message.Kind.DECISION)
    assert message.letter and message.thread.category == "social"
    assert ": 10 " in message.body and "32,00 €" in message.body and "14.07.2026" in message.body
    event = Event.objects.get(kind="vouchers.granted", subject=person)
    assert event.data["cents"] == 3200 and event.data["units"] == "10"
    assert person.last_name not in str(event.data) and person.hetu not in str(event.data)
    assert AccessLogEntry.objects.filter(actor=worker, subject=person, what="voucher", allowed=True).exists()


def test_an_income_voucher_needs_the_income_and_a_nurse_cannot_grant(personas):
    person = resident_user(age=80)
    with pytest.raises(ValidationError):
        granted(person, income_service())
    nurse = professional(Role.NURSE, unit=OrgUnitFactory()).user
    with pytest.raises(AccessDenied):
        granted(person, VoucherServiceFactory(), nurse)
    assert not Voucher.objects.filter(person=person).exists()


def test_a_rejection_states_its_reasons(personas):
    person = resident_user(age=80)
    service = VoucherServiceFactory()
    with pytest.raises(ValidationError):
        services.reject(social_worker(), person, service, "  ")
    voucher = services.reject(social_worker(), person, service, "Palvelutarve ei täyty.")
    assert voucher.status == Voucher.Status.REJECTED
    assert "Palvelutarve ei täyty." in Message.objects.get(thread__person=person).body
    assert Event.objects.filter(kind="vouchers.rejected", subject=person).exists()


def test_comparison_shows_own_share_distance_languages_places_and_quality(personas):
    person = resident_user(age=80)
    service = VoucherServiceFactory()
    provider({service: 3000}, name="Halpa Oy", quality=60, languages=" fi sv ")
    dear = provider({service: 4500}, name="Kallis Oy", quality=95, latitude=60.74, longitude=24.77)
    provider({service: 3500}, name="Muualla Oy", areas=" 061 ")  # not in Hämeenlinna
    provider({service: 3500}, name="Hakija Oy", status=Provider.Status.APPLIED)
    voucher = granted(person, service)  # 10 h a month at 30.00 €
    rows = services.compare(voucher)
    assert [c.offer.provider.name for c in rows] == ["Halpa Oy", "Kallis Oy"]
    assert [c.own_share_cents for c in rows] == [0, 15000]
    # from Hämeenlinna's centre to the provider (the client's address is never read)
    assert rows[1].distance_km == round(distance_km(MUNICIPALITY_CENTRES["109"], (60.74, 24.77)), 1) > 30
    assert rows[0].distance_km < 1
    assert [c.offer.provider.name for c in services.compare(voucher, "quality")] == ["Kallis Oy", "Halpa Oy"]
    assert rows[0].free_places == 5 and rows[0].quality == 60
    with translation.override("en"):
        assert services.compare(voucher)[0].languages == ["Finnish", "Swedish"]
    assert dear.quality == 95


def test_the_client_or_a_proxy_chooses_the_provider_accepts(personas):
    service = VoucherServiceFactory()
    firm = provider({service: 4000})
    staff = staff_of(firm)
    # a mandate holder chooses for an older person
    principal = resident_user(age=85)
    agent = resident_user(age=55)
    mandate(agent, principal)
    voucher = granted(principal, service)
    services.choose(agent.user, voucher, firm)
    assert Event.objects.get(kind="vouchers.chosen", subject=principal).data["by_proxy"] is True
    # a stranger cannot
    with pytest.raises(PermissionDenied):
        services.choose(resident_user(age=40).user, voucher, firm)
    # a professional does not choose for the client
    with pytest.raises(PermissionDenied):
        services.choose(social_worker(), voucher, firm)
    # another provider's staff cannot accept
    with pytest.raises(PermissionDenied):
        services.accept(staff_of(provider({service: 4000})), voucher)
    accepted = services.accept(staff, voucher)
    assert accepted.status == Voucher.Status.ACCEPTED and accepted.price_cents == 4000
    assert AccessLogEntry.objects.filter(actor=staff, subject=principal, basis="voucher_provider").exists()
    with pytest.raises(services.VoucherRefused):
        services.choose(principal.user, voucher, firm)  # no changes after acceptance


def test_a_guardian_chooses_for_a_child_and_full_or_suspended_providers_are_refused(personas):
    service = VoucherServiceFactory()
    parent = resident_user(age=40)
    child = child_of(parent, age=8)
    full = provider({service: 4000})
    full.offers.update(capacity=0)
    suspended = provider({service: 4000}, status=Provider.Status.SUSPENDED)
    voucher = granted(child, service)
    with pytest.raises(services.VoucherRefused):
        services.choose(parent.user, voucher, full)
    with pytest.raises(services.VoucherRefused):
        services.choose(parent.user, voucher, suspended)
    ok = provider({service: 4000})
    assert services.choose(parent.user, voucher, ok).status == Voucher.Status.CHOSEN


def test_service_events_are_priced_and_deviations_held(personas):
    person = resident_user(age=80)
    service = VoucherServiceFactory()  # fixed 30.00 € an hour
    firm = provider({service: 4200})
    start = dt.date.today().replace(day=1) - dt.timedelta(days=40)
    voucher, staff = in_use(person, service, firm, start=start, units="4")
    day = dt.date.today().replace(day=1)
    first = services.record_service(staff, voucher, day, Decimal("2.5"))
    assert (first.county_cents, first.client_cents, first.status) == (
        7500,
        3000,
        ServiceEvent.Status.APPROVED,
    )
    second = services.record_service(staff, voucher, day, Decimal("1.5"))
    assert second.status == ServiceEvent.Status.APPROVED  # exactly the granted 4 hours
    third = services.record_service(staff, voucher, day, Decimal("0.25"))
    assert third.over_amount and third.status == ServiceEvent.Status.HELD
    before = services.record_service(staff, voucher, start - dt.timedelta(days=1), Decimal("1"))
    assert before.outside_validity and not before.over_amount and before.status == ServiceEvent.Status.HELD
    with pytest.raises(ValidationError):
        services.record_service(staff, voucher, dt.date.today() + dt.timedelta(days=1), Decimal("1"))
    with pytest.raises(ValidationError):
        services.record_service(staff, voucher, day, Decimal("0"))
    with pytest.raises(PermissionDenied):
        services.record_service(UserFactory(), voucher, day, Decimal("1"))
    recorded = Event.objects.filter(kind="vouchers.service_recorded", subject=person)
    assert recorded.count() == 4 and recorded.filter(data__over_amount=True).count() == 1
    worker = social_worker()
    assert services.review_event(worker, third, approve=False).status == ServiceEvent.Status.REFUSED
    assert services.review_event(worker, before, approve=True).status == ServiceEvent.Status.APPROVED
    with pytest.raises(services.VoucherRefused):
        services.review_event(worker, before, approve=True)
    # a refused event no longer counts towards the month's amount
    assert services.record_service(staff, voucher, day, Decimal("0.25")).over_amount


def test_a_suspended_provider_cannot_record(personas):
    person = resident_user(age=80)
    service = VoucherServiceFactory()
    firm = provider({service: 4200})
    voucher, staff = in_use(person, service, firm)
    manager = professional(Role.UNIT_MANAGER, unit=OrgUnitFactory(code="x", parent=None)).user
    with pytest.raises(PermissionDenied):
        services.review_provider(manager, firm, "suspend", "Valvontahavainto")  # not a social care unit
    services.review_provider(social_worker(), firm, "suspend", "Valvontahavainto")
    with pytest.raises(PermissionDenied):
        services.record_service(staff, voucher, dt.date.today(), Decimal("1"))


def test_identifiers_are_validated():
    assert services.clean_business_id("26174164") == "2617416-4"
    for bad in ("2617416-5", "abc", "1234567"):
        with pytest.raises(ValidationError):
            services.clean_business_id(bad)
    assert services.clean_iban("FI21 1234 5600 0007 85") == ("FI2112345600000785", "NDEAFIHH")
    for bad in ("FI21 1234 5600 0007 86", "DE89370400440532013000", "FI"):
        with pytest.raises(ValidationError):
            services.clean_iban(bad)


def test_a_provider_applies_and_the_county_reviews(personas):
    service = VoucherServiceFactory()
    applicant = UserFactory()
    data = {
        "name": "Uusi Hoiva Oy",
        "business_id": "2617416-4",
        "iban": "FI2112345600000785",
        "email": "hoiva@example.fi",
        "description": "Kotihoitoa",
        "service": service,
        "price_cents": 4000,
        "capacity": 10,
        "languages": ["fi"],
        "areas": ["109"],
        "registered": True,
        "insured": True,
        "tax_certificate": True,
        "self_monitoring_plan": True,
    }
    with pytest.raises(ValidationError):
        services.apply(applicant, **{**data, "insured": False})
    with pytest.raises(ValidationError):
        services.apply(applicant, **{**data, "price_cents": 4501})
    firm = services.apply(applicant, **data)
    assert firm.status == Provider.Status.APPLIED and firm.bic == "NDEAFIHH"
    assert services.providers_of(applicant).get() == firm
    with pytest.raises(ValidationError):
        services.apply(UserFactory(), **data)  # the same business ID again
    worker = social_worker()
    with pytest.raises(ValidationError):
        services.review_provider(worker, firm, "approve", "")
    services.review_provider(worker, firm, "approve", "Ehdot täyttyvät")
    firm.refresh_from_db()
    assert firm.status == Provider.Status.APPROVED and firm.reviewed_by == worker
    with pytest.raises(services.VoucherRefused):
        services.review_provider(worker, firm, "reject", "Myöhässä")
    assert Event.objects.filter(kind="vouchers.provider_approved").exists()
