"""The demo's service vouchers.

Test county (tiny, below SCHEDULES): two voucher services (home care with an income-related value,
physiotherapy with a fixed one), four approved providers and one application waiting for review, with
staff accounts that sign in at /ammattilainen/ and work at /palveluntuottaja/.

Demo county (SCHEDULES + 8): eight providers, ~300 voucher clients aged 75 or over over the eleven
municipalities, three months of service events, the settled months and their payment batches; Lempi
has a home care voucher with Matti able to choose for her.
"""

import contextlib
import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from luukku.audit.models import Event
from luukku.directory.geo import MUNICIPALITY_CENTRES
from luukku.identity import demo_accounts
from luukku.identity.personas import BY_KEY, DEMO_PASSWORD

from . import fakes, payments, rules, services
from .models import Offer, Provider, ProviderStaff, ServiceEvent, ValueBracket, Voucher, VoucherService

HOME_CARE = "kotihoito-palveluseteli"
PHYSIO = "fysioterapia-palveluseteli"

# Home care by income (cents a month of gross income, cents an hour of value); households of 1, 2, 3+.
HOME_CARE_BRACKETS = {
    1: [(120000, 3600), (180000, 3000), (250000, 2400), (None, 1800)],
    2: [(200000, 3600), (290000, 3000), (400000, 2400), (None, 1800)],
    3: [(250000, 3600), (360000, 3000), (480000, 2400), (None, 1800)],
}

# (name, staff username, municipalities, languages, home care price, physio price, quality, capacity)
PROVIDERS = [
    ("Hoivapalvelu Tuulia Oy", "tuottaja.tuula", "109 082 165", "fi sv", 3900, 6200, 88, 80),
    ("Riihimäen Kotiapu Oy", "tuottaja.rasmus", "694 086 165 433", "fi", 3650, None, 79, 70),
    ("Fysio-Forssa Oy", "tuottaja.fiia", "061 169 834 981 103", "fi en", None, 5800, 92, 60),
    (
        "Kanta-Hämeen Fysiokeskus Oy",
        "tuottaja.kalle",
        "109 694 082 165 086 433",
        "fi sv en",
        None,
        6500,
        85,
        90,
    ),
]
COUNTY_PROVIDERS = [
    ("Forssan Seudun Hoiva Oy", "tuottaja.fanni", "061 169 834 981 103", "fi", 3550, None, 74, 60),
    ("Hattulan Kotihoiva Ky", "tuottaja.heikki", "082 109", "fi", 4100, None, 95, 40),
    ("Lopen Liikuntafysio Oy", "tuottaja.liisa", "433 694 165", "fi", None, 5200, 81, 50),
    ("Svensk Hemvård Tavastland Ab", "tuottaja.sven", "109 694 061", "sv fi", 4300, None, 90, 40),
]
APPLICANT = ("Uusi Kotihoito Oy", "tuottaja.ulla", "109", "fi", 3800, None, None, 30)


def _services() -> tuple[VoucherService, VoucherService]:
    home, _c = VoucherService.objects.update_or_create(
        code=HOME_CARE,
        defaults={
            "name": "Kotihoidon palveluseteli",
            "name_sv": "Servicesedel för hemvård",
            "name_en": "Home care service voucher",
            "unit": "hours",
            "criteria": "Rekisteröity yksityinen palveluntuottaja, lähihoitaja tai sairaanhoitaja jokaisella "
            "käynnillä, omavalvontasuunnitelma, vastuuvakuutus.",
            "price_ceiling_cents": 4500,
            "value_rule": VoucherService.ValueRule.INCOME,
            "validity_months": 12,
        },
    )
    for size, rows in HOME_CARE_BRACKETS.items():
        for limit, value in rows:
            ValueBracket.objects.update_or_create(
                service=home, household_size=size, income_limit_cents=limit, defaults={"value_cents": value}
            )
    physio, _c = VoucherService.objects.update_or_create(
        code=PHYSIO,
        defaults={
            "name": "Fysioterapian palveluseteli",
            "name_sv": "Servicesedel för fysioterapi",
            "name_en": "Physiotherapy service voucher",
            "unit": "visits",
            "criteria": "Laillistettu fysioterapeutti, esteetön toimitila, potilasvakuutus.",
            "price_ceiling_cents": 7000,
            "value_rule": VoucherService.ValueRule.FIXED,
            "fixed_value_cents": 5000,
            "validity_months": 6,
        },
    )
    return home, physio


def _provider(n: int, name: str, areas: str, languages: str, status: str, quality: int | None) -> Provider:
    business_id = fakes.business_id(n)
    iban, bic = fakes.iban(n)
    centre = MUNICIPALITY_CENTRES[areas.split()[0]]
    provider, _c = Provider.objects.get_or_create(
        business_id=business_id,
        defaults={
            "name": name,
            "iban": iban,
            "bic": bic,
            "email": f"asiakaspalvelu{n}@example.fi",
            "description": f"{name}: palveluseteliasiakkaiden palvelut.",
            "languages": f" {languages} ",
            "areas": f" {areas} ",
            "latitude": centre[0] + 0.004 * (n % 5),
            "longitude": centre[1] - 0.006 * (n % 4),
            "registered": True,
            "insured": True,
            "tax_certificate": True,
            "self_monitoring_plan": True,
            "status": status,
            "quality": quality,
            "review_reason": "" if status == Provider.Status.APPLIED else "Hakemus ja liitteet kunnossa.",
            "reviewed_at": None if status == Provider.Status.APPLIED else timezone.now(),
        },
    )
    return provider


def _offers(provider: Provider, home: VoucherService, physio: VoucherService, prices, capacity: int) -> None:
    for service, price in zip((home, physio), prices, strict=True):
        if price is not None:
            Offer.objects.get_or_create(
                provider=provider, service=service, defaults={"price_cents": price, "capacity": capacity}
            )


def _staff(provider: Provider, username: str) -> None:
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": username.split(".")[1].capitalize(), "last_name": provider.name},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    demo_accounts.mark(user)
    ProviderStaff.objects.get_or_create(user=user, provider=provider)


@transaction.atomic
def seed_test_vouchers() -> str:
    """The test county's part: services, providers and their staff (no client data)."""
    home, physio = _services()
    for n, (name, username, areas, languages, home_price, physio_price, quality, capacity) in enumerate(
        PROVIDERS
    ):
        provider = _provider(n, name, areas, languages, Provider.Status.APPROVED, quality)
        _offers(provider, home, physio, (home_price, physio_price), capacity)
        _staff(provider, username)
    name, username, areas, languages, home_price, physio_price, quality, capacity = APPLICANT
    applicant = _provider(len(PROVIDERS), name, areas, languages, Provider.Status.APPLIED, quality)
    _offers(applicant, home, physio, (home_price, physio_price), capacity)
    _staff(applicant, username)
    return f"{VoucherService.objects.count()} voucher services, {Provider.objects.count()} providers"


def _month_back(today: dt.date, months: int) -> dt.date:
    return services.add_months(today.replace(day=1), -months)


def seed_county_vouchers(clients: int = 300, months: int = 3) -> str:
    """Eight providers, `clients` voucher clients, `months` months of events, settled and paid."""
    if Voucher.objects.filter(decided_by__username="palveluohjaaja.paula").exists():
        return ""
    from luukku.identity.services import resident_from_register
    from luukku.registry.models import RegisterPerson

    home, physio = _services()
    for n, (name, username, areas, languages, home_price, physio_price, quality, capacity) in enumerate(
        COUNTY_PROVIDERS, start=len(PROVIDERS) + 1
    ):
        provider = _provider(n, name, areas, languages, Provider.Status.APPROVED, quality)
        _offers(provider, home, physio, (home_price, physio_price), capacity)
        _staff(provider, username)
    worker = get_user_model().objects.get(username="palveluohjaaja.paula")
    rng = random.Random(569)
    today = timezone.localdate()
    start = _month_back(today, months)
    born_before = dt.date(today.year - 75, 1, 1)
    people = list(
        RegisterPerson.objects.filter(birth_date__lt=born_before, date_of_death=None)
        .exclude(hetu__in=[p.hetu for p in BY_KEY.values()])
        .order_by("hetu")
        .values_list("hetu", flat=True)[: clients * 3]
    )
    rng.shuffle(people)
    made = 0
    for hetu in people[:clients]:
        person = resident_from_register(hetu)
        service = home if rng.random() < 0.7 else physio
        income = rng.choice([95000, 140000, 170000, 210000, 260000, 330000])
        size = rng.choice([1, 1, 1, 2, 2, 3])
        offers = list(services.approved_offers(service, person.municipality_code))
        if not offers:
            continue
        voucher = services.grant(
            worker,
            person,
            service,
            valid_from=start,
            units_per_month=Decimal(rng.choice([8, 12, 16, 20] if service == home else [4, 6, 8])),
            household_size=size,
            monthly_income_cents=income,
        )
        offer = rng.choice(offers)
        if services.free_places(offer) <= 0:
            continue
        price = offer.price_cents
        Voucher.objects.filter(pk=voucher.pk).update(
            provider=offer.provider,
            price_cents=price,
            status=Voucher.Status.ACCEPTED,
            chosen_at=timezone.now(),
            accepted_at=timezone.now(),
        )
        made += 1
        staff = offer.provider.staff.first().user
        _events(rng, voucher, offer.provider, staff, price, start, today)
    _lempi(home, worker)
    for back in range(months, 0, -1):
        month = _month_back(today, back)
        services.settle_month(month.year, month.month)
        with contextlib.suppress(ValidationError):  # a month with nothing to pay makes no batch
            payments.make_batch(month.year, month.month)
    return f"{made} voucher clients, {ServiceEvent.objects.count()} service events, months settled"


def _events(rng, voucher, provider, staff, price, start, today) -> None:
    """Visits a few times a week up to the month's granted amount (now and then one over it, held for
    the county's review), bulk-made with their audit events."""
    events, audit = [], []
    day = start + dt.timedelta(days=rng.randint(0, 6))
    per_month: dict[tuple[int, int], Decimal] = {}
    while day < today:
        units = Decimal(rng.choice(["1", "2", "2", "3"])) if voucher.service.unit == "hours" else Decimal(1)
        key = (day.year, day.month)
        used = per_month.get(key, Decimal(0))
        over = used + units > voucher.units_per_month
        if over and rng.random() > 0.05:  # providers mostly keep to the granted amount
            day = day.replace(day=1) + dt.timedelta(days=32)
            day = day.replace(day=rng.randint(1, 5))
            continue
        per_month[key] = used + units
        county, client = rules.split(units, price, voucher.value_cents)
        events.append(
            ServiceEvent(
                voucher=voucher,
                provider=provider,
                day=day,
                units=units,
                county_cents=county,
                client_cents=client,
                over_amount=over,
                status=ServiceEvent.Status.HELD if over else ServiceEvent.Status.APPROVED,
                recorded_by=staff,
            )
        )
        day += dt.timedelta(days=rng.choice([3, 4, 7]))
    ServiceEvent.objects.bulk_create(events)
    for event in events:
        audit.append(
            Event(
                kind="vouchers.service_recorded",
                subject=voucher.person,
                actor=staff,
                at=timezone.make_aware(dt.datetime.combine(event.day, dt.time(16))),
                data={
                    "voucher": str(voucher.public_id),
                    "event": str(event.public_id),
                    "service": voucher.service.code,
                    "provider": str(provider.public_id),
                    "units": str(event.units),
                    "cents": event.county_cents,
                    "client_cents": event.client_cents,
                    "over_amount": event.over_amount,
                    "outside_validity": False,
                    "category": "social",
                    "service_event": f"voucher:{voucher.service.code}",
                },
            )
        )
    Event.objects.bulk_create(audit)


def _lempi(home: VoucherService, worker) -> None:
    """Lempi (Riihimäki) has a home care voucher waiting for a provider: she or Matti chooses."""
    from luukku.identity.services import resident_from_register

    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    if not Voucher.objects.filter(person=lempi).exists():
        services.grant(
            worker,
            lempi,
            home,
            valid_from=timezone.localdate(),
            units_per_month=Decimal(12),
            household_size=1,
            monthly_income_cents=165000,
        )
