"""Voucher services, providers and vouchers for tests."""

import datetime as dt
from decimal import Decimal

import factory

from luukku.identity.models import OrgUnit, Role
from luukku.testing import UserFactory, professional

from .. import fakes, services
from ..models import Offer, Provider, ProviderStaff, ValueBracket, VoucherService

# Valid Finnish business IDs (check digit by stdnum) and IBANs (check digits by schwifty) for tests.
BUSINESS_IDS = [
    "2617416-4",
    "0112038-9",
    "1572860-0",
    "0116297-6",
    "2331972-7",
    "0201256-6",
    "1944325-6",
    "0109862-8",
]
IBANS = [
    "FI2112345600000785",
    "FI5542345670000081",
    "FI4950009420028730",
    "FI7379400020087839",
    "FI1410093000123458",
    "FI3715723500013410",
    "FI4447100010039052",
    "FI9814283500171141",
]


class VoucherServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoucherService
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"setelipalvelu-{n}")
    name = factory.Sequence(lambda n: f"Kotihoito {n}")
    name_en = factory.Sequence(lambda n: f"Home care {n}")
    unit = "hours"
    price_ceiling_cents = 4500
    fixed_value_cents = 3000
    validity_months = 6


def income_service(**kwargs) -> VoucherService:
    """Home care with an income-related value: household of one and two-or-more, three brackets each."""
    service = VoucherServiceFactory(value_rule=VoucherService.ValueRule.INCOME, **kwargs)
    for size, limits in ((1, (120000, 200000)), (2, (200000, 320000))):
        ValueBracket.objects.create(
            service=service, household_size=size, income_limit_cents=limits[0], value_cents=4000
        )
        ValueBracket.objects.create(
            service=service, household_size=size, income_limit_cents=limits[1], value_cents=3200
        )
        ValueBracket.objects.create(
            service=service, household_size=size, income_limit_cents=None, value_cents=2500
        )
    return service


_serial = iter(range(10_000))


def provider(
    services_prices: dict | None = None, status: str = Provider.Status.APPROVED, **kwargs
) -> Provider:
    n = next(_serial)
    account = fakes.iban(500 + n)
    made = Provider.objects.create(
        name=kwargs.pop("name", f"Hoiva Oy {n}"),
        business_id=kwargs.pop("business_id", fakes.business_id(500 + n)),
        iban=kwargs.pop("iban", account[0]),
        bic=kwargs.pop("bic", account[1]),
        areas=kwargs.pop("areas", " 109 694 "),
        latitude=kwargs.pop("latitude", 60.99),
        longitude=kwargs.pop("longitude", 24.46),
        status=status,
        quality=kwargs.pop("quality", 80),
        **kwargs,
    )
    for service, price in (services_prices or {}).items():
        Offer.objects.create(provider=made, service=service, price_cents=price, capacity=5)
    return made


def staff_of(provider: Provider):
    user = UserFactory()
    ProviderStaff.objects.create(user=user, provider=provider)
    return user


def social_worker():
    return professional(Role.SOCIAL_WORKER, unit=OrgUnit.objects.get(code="ikaantyneiden-palveluohjaus")).user


def granted(person, service, worker=None, start: dt.date | None = None, units: str = "10", **kwargs):
    return services.grant(
        worker or social_worker(),
        person,
        service,
        valid_from=start or dt.date.today().replace(day=1) - dt.timedelta(days=90),
        units_per_month=Decimal(units),
        **kwargs,
    )


def in_use(person, service, provider_, worker=None, **kwargs):
    """A voucher granted, chosen by the client (who must have a user) and accepted by the provider."""
    voucher = granted(person, service, worker, **kwargs)
    services.choose(person.user, voucher, provider_)
    staff = provider_.staff.first().user if provider_.staff.exists() else staff_of(provider_)
    return services.accept(staff, voucher), staff
