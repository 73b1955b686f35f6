"""Service vouchers: the rules as plain functions. Value rules in `rules.py`, the payment batch in
`payments.py`; this module is decisions, choice, service events and the monthly settlement."""

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus

from luukku.access.categories import Action, Category
from luukku.access.policy import decide, require
from luukku.audit.models import Event, Purpose
from luukku.audit.services import log_access, record_event
from luukku.directory.geo import MUNICIPALITY_CENTRES, distance_km
from luukku.directory.models import LANGUAGES, codes
from luukku.identity.models import Resident
from luukku.inbox.models import Message
from luukku.inbox.services import deliver

from . import rules
from .models import (
    Adjustment,
    ClientShare,
    Offer,
    Provider,
    ProviderStaff,
    ServiceEvent,
    Settlement,
    ValueBracket,
    Voucher,
    VoucherService,
)

logger = logging.getLogger(__name__)

CATEGORY = Category.SOCIAL  # voucher decisions are social care decisions (Social Welfare Act 1301/2014)
SENDER = "Kanta-Hämeen hyvinvointialue"


class VoucherRefused(Exception):
    """A rule refuses the action; the message is in the user's language."""


def amount(value: Decimal) -> str:
    """A quantity as people write it: 10, 2,5, 0,25 (never 1E+1)."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros},{rest:02d} €"


# --- Identifiers ------------------------------------------------------------------------------------


def clean_business_id(value: str) -> str:
    """A Finnish business ID (Y-tunnus) with its check digit (python-stdnum), as 1234567-8."""
    try:
        return ytunnus.format(ytunnus.validate(value))
    except StdnumError:
        raise ValidationError(_("Enter a valid business ID (Y-tunnus), e.g. 1234567-8.")) from None


def clean_iban(value: str) -> tuple[str, str]:
    """An IBAN checked by schwifty (country format, check digits, bank code); (IBAN, BIC or "")."""
    try:
        iban = IBAN(value)
    except SchwiftyException:
        raise ValidationError(_("Enter a valid IBAN, e.g. FI21 1234 5600 0007 85.")) from None
    if iban.country_code != "FI":
        raise ValidationError(_("Payments are made to Finnish accounts only (an IBAN starting FI)."))
    bic = iban.bic
    return iban.compact, str(bic) if bic else ""


# --- Value ------------------------------------------------------------------------------------------


def brackets_of(service: VoucherService) -> list[rules.Bracket]:
    return [
        rules.Bracket(b.household_size, b.income_limit_cents, b.value_cents)
        for b in ValueBracket.objects.filter(service=service)
    ]


def value_for(
    service: VoucherService, household_size: int | None = None, monthly_income_cents: int | None = None
) -> int:
    """The value per unit the service's rule gives (Act 569/2009 § 7-8, see rules.py)."""
    if service.value_rule == VoucherService.ValueRule.FIXED:
        return rules.fixed_value(service.fixed_value_cents, service.price_ceiling_cents)
    if household_size is None or monthly_income_cents is None:
        raise ValidationError(_("An income-related voucher needs the household's size and income."))
    try:
        value, _bracket = rules.income_value(
            brackets_of(service), household_size, monthly_income_cents, service.price_ceiling_cents
        )
    except rules.NoBracket:
        raise ValidationError(_("The service has no income bracket for this household.")) from None
    return value


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    import calendar

    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


# --- Decisions --------------------------------------------------------------------------------------


def _require_write(actor: AbstractBaseUser, person: Resident, what: str, service: VoucherService) -> None:
    require(
        actor,
        person,
        CATEGORY,
        what=what,
        action=Action.WRITE,
        purpose=Purpose.SOCIAL_WORK,
        service_event=f"voucher:{service.code}",
    )


def grant(
    actor: AbstractBaseUser,
    person: Resident,
    service: VoucherService,
    *,
    valid_from: dt.date,
    units_per_month: Decimal,
    household_size: int | None = None,
    monthly_income_cents: int | None = None,
) -> Voucher:
    """A professional grants a voucher: the value per unit by the service's rule, valid for the
    service's validity; the decision goes to the client's inbox as a letter."""
    _require_write(actor, person, "voucher", service)
    if not service.active:
        raise ValidationError(_("This service is not open to vouchers."))
    if units_per_month <= 0:
        raise ValidationError(_("The granted amount must be more than zero."))
    value = value_for(service, household_size, monthly_income_cents)
    income_based = service.value_rule == VoucherService.ValueRule.INCOME
    with transaction.atomic():
        voucher = Voucher.objects.create(
            person=person,
            service=service,
            status=Voucher.Status.GRANTED,
            decided_by=actor,
            valid_from=valid_from,
            valid_until=add_months(valid_from, service.validity_months) - dt.timedelta(days=1),
            units_per_month=units_per_month,
            value_cents=value,
            household_size=household_size if income_based else None,
            monthly_income_cents=monthly_income_cents if income_based else None,
        )
        record_event(
            "vouchers.granted",
            subject=person,
            actor=actor,
            voucher=str(voucher.public_id),
            service=service.code,
            cents=value,
            units=str(units_per_month),
            rule=service.value_rule,
            category=CATEGORY,
            service_event=f"voucher:{service.code}",
        )
        _tell_decision(voucher)
    return voucher


def reject(actor: AbstractBaseUser, person: Resident, service: VoucherService, reason: str) -> Voucher:
    """A negative decision with its reasons (Administrative Procedure Act 434/2003 § 45), to the inbox."""
    _require_write(actor, person, "voucher", service)
    if not reason.strip():
        raise ValidationError(_("Give the reasons for the decision."))
    with transaction.atomic():
        voucher = Voucher.objects.create(
            person=person, service=service, status=Voucher.Status.REJECTED, decided_by=actor, reason=reason
        )
        record_event(
            "vouchers.rejected",
            subject=person,
            actor=actor,
            voucher=str(voucher.public_id),
            service=service.code,
            category=CATEGORY,
            service_event=f"voucher:{service.code}",
        )
        _tell_decision(voucher)
    return voucher


def _tell_decision(voucher: Voucher) -> None:
    person = voucher.person
    with translation.override(person.language):
        name = voucher.service.local_name
        if voucher.status == Voucher.Status.REJECTED:
            subject = _("Decision: service voucher for %(service)s") % {"service": name}
            body = _("You were not granted a service voucher for %(service)s. Reasons: %(reason)s") % {
                "service": name,
                "reason": voucher.reason,
            }
        else:
            subject = _("Decision: service voucher for %(service)s") % {"service": name}
            body = _(
                "You have been granted a service voucher for %(service)s: %(units)s %(unit)s a month, "
                "%(value)s per unit, valid %(start)s–%(end)s. Choose a provider in Luukku."
            ) % {
                "service": name,
                "units": amount(voucher.units_per_month),
                "unit": voucher.service.get_unit_display(),
                "value": money(voucher.value_cents),
                "start": voucher.valid_from.strftime("%d.%m.%Y"),
                "end": voucher.valid_until.strftime("%d.%m.%Y"),
            }
    deliver(
        person,
        key=f"voucher:{voucher.public_id}",
        subject=subject,
        body=body,
        kind=Message.Kind.DECISION,
        category=CATEGORY,
        service_event=f"voucher:{voucher.service.code}",
        sender=SENDER,
        link=reverse("vouchers:voucher", args=[voucher.public_id]),
        dedupe_key=f"vouchers.decision:{voucher.pk}",
        letter=True,
    )


def scope(voucher: Voucher) -> tuple[str, str]:
    return CATEGORY, f"voucher:{voucher.service.code}"


def vouchers_of(person: Resident) -> QuerySet[Voucher]:
    return Voucher.objects.filter(person=person).select_related("service", "provider")


def voucher_for(user: AbstractBaseUser, public_id: str, action: str = Action.READ) -> Voucher:
    """A voucher the user may see (a resident for themselves or whom they act for, a professional by the
    access policy, logged); else PermissionDenied."""
    from luukku.identity.services import is_uuid

    voucher = (
        Voucher.objects.select_related("person", "service", "provider").filter(public_id=public_id).first()
        if is_uuid(public_id)
        else None
    )
    if voucher is None:
        raise PermissionDenied(_("You do not have the right to see this voucher."))
    resident = getattr(user, "resident", None)
    decision = decide(
        user,
        voucher.person,
        CATEGORY,
        what="voucher",
        action=action,
        service_event=scope(voucher)[1],
        log=resident is None,
    )
    if not decision:
        raise PermissionDenied(decision.reason or _("You do not have the right to see this voucher."))
    return voucher


# --- Choice -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    offer: Offer
    price_cents: int
    own_share_cents: int  # a month's own share at the granted amount
    distance_km: float | None
    languages: list[str]
    free_places: int
    quality: int | None


def free_places(offer: Offer) -> int:
    taken = Voucher.objects.filter(
        provider=offer.provider,
        service=offer.service,
        status__in=[Voucher.Status.CHOSEN, Voucher.Status.ACCEPTED],
    ).count()
    return max(0, offer.capacity - taken)


def approved_offers(service: VoucherService, municipality: str = "") -> QuerySet[Offer]:
    offers = Offer.objects.filter(service=service, provider__status=Provider.Status.APPROVED).select_related(
        "provider"
    )
    if municipality:
        offers = offers.filter(provider__areas__contains=f" {municipality} ")
    return offers


def compare(voucher: Voucher, sort: str = "own_share") -> list[Choice]:
    """The approved providers of the voucher's service in the client's municipality, with what they
    would cost the client a month, how far they are (from the municipality's centre: the client's
    address is not read), their languages, free places and the county's quality indicator."""
    home = MUNICIPALITY_CENTRES.get(voucher.person.municipality_code)
    taken = dict(
        Voucher.objects.filter(
            service=voucher.service, status__in=[Voucher.Status.CHOSEN, Voucher.Status.ACCEPTED]
        )
        .values_list("provider")
        .annotate(n=Count("pk"))
    )
    rows = []
    for offer in approved_offers(voucher.service, voucher.person.municipality_code):
        provider = offer.provider
        where = (provider.latitude, provider.longitude) if provider.latitude is not None else None
        rows.append(
            Choice(
                offer=offer,
                price_cents=offer.price_cents,
                own_share_cents=rules.own_share_per_month(
                    voucher.units_per_month, offer.price_cents, voucher.value_cents
                ),
                distance_km=round(distance_km(home, where), 1) if home and where else None,
                languages=[str(LANGUAGES.get(code, code)) for code in codes(provider.languages)],
                free_places=max(0, offer.capacity - taken.get(provider.pk, 0)),
                quality=provider.quality,
            )
        )
    keys = {
        "own_share": lambda c: (c.own_share_cents, c.offer.provider.name),
        "distance": lambda c: (c.distance_km is None, c.distance_km or 0, c.offer.provider.name),
        "quality": lambda c: (-(c.quality or 0), c.offer.provider.name),
        "free": lambda c: (-c.free_places, c.offer.provider.name),
    }
    return sorted(rows, key=keys.get(sort, keys["own_share"]))


def choose(user: AbstractBaseUser, voucher: Voucher, provider: Provider) -> Voucher:
    """The client (or a guardian or mandate holder, by the proxy rules) chooses an approved provider
    with a free place; the provider then accepts. The choice may change until it is accepted."""
    decision = decide(
        user, voucher.person, CATEGORY, what="voucher", action=Action.WRITE, service_event=scope(voucher)[1]
    )
    if not decision or getattr(user, "resident", None) is None:
        raise PermissionDenied(_("Only the client or someone acting for them chooses the provider."))
    with transaction.atomic():
        voucher = Voucher.objects.select_for_update().get(pk=voucher.pk)
        if voucher.status not in {Voucher.Status.GRANTED, Voucher.Status.CHOSEN}:
            raise VoucherRefused(_("The provider can no longer be changed here; contact the social worker."))
        if voucher.valid_until < timezone.localdate():
            raise VoucherRefused(_("This voucher is no longer valid."))
        offer = (
            approved_offers(voucher.service, voucher.person.municipality_code)
            .select_for_update(of=("self",))
            .filter(provider=provider)
            .first()
        )
        if offer is None:
            raise VoucherRefused(_("This provider is not approved for this service in your municipality."))
        if voucher.provider_id != provider.pk and free_places(offer) <= 0:
            raise VoucherRefused(_("This provider has no free places."))
        voucher.provider, voucher.price_cents = provider, offer.price_cents
        voucher.status, voucher.chosen_at = Voucher.Status.CHOSEN, timezone.now()
        voucher.save(update_fields=["provider", "price_cents", "status", "chosen_at"])
        record_event(
            "vouchers.chosen",
            subject=voucher.person,
            actor=user,
            voucher=str(voucher.public_id),
            service=voucher.service.code,
            provider=str(provider.public_id),
            price_cents=offer.price_cents,
            own_share_cents=rules.own_share_per_month(
                voucher.units_per_month, offer.price_cents, voucher.value_cents
            ),
            by_proxy=decision.basis != "self",
            category=CATEGORY,
            service_event=scope(voucher)[1],
        )
    return voucher


# --- Providers' staff -------------------------------------------------------------------------------


def providers_of(user: AbstractBaseUser) -> QuerySet[Provider]:
    """The providers whose staff the signed-in user is (a link the county makes; see README)."""
    if not user.is_authenticated:
        return Provider.objects.none()
    return Provider.objects.filter(staff__user=user).order_by("name")


def require_staff(user: AbstractBaseUser, provider: Provider, approved: bool = True) -> None:
    if not ProviderStaff.objects.filter(user=user, provider=provider).exists():
        raise PermissionDenied(_("You do not act for this provider."))
    if approved and provider.status != Provider.Status.APPROVED:
        raise PermissionDenied(_("The provider is not approved for vouchers at the moment."))


def _log_provider_read(
    user: AbstractBaseUser, voucher: Voucher, what: str, action: str = Action.READ
) -> None:
    """A provider's staff read the data of a client who chose the provider: the client relationship is the
    voucher itself (Act 569/2009 § 6; the provider is a controller of its own records). Logged so that the
    client's *Who has looked at my data* shows it."""
    log_access(
        user,
        voucher.person,
        what=what,
        purpose=Purpose.CARE,
        role="voucher_provider",
        unit=voucher.provider.name if voucher.provider else "",
        allowed=True,
        basis="voucher_provider",
        action=action,
        category=CATEGORY,
        service_event=scope(voucher)[1],
    )


def clients_of(user: AbstractBaseUser, provider: Provider) -> list[Voucher]:
    require_staff(user, provider, approved=False)
    vouchers = list(
        Voucher.objects.filter(provider=provider, status__in=[Voucher.Status.CHOSEN, Voucher.Status.ACCEPTED])
        .select_related("person", "service")
        .order_by("status", "person__last_name")
    )
    for voucher in vouchers:
        _log_provider_read(user, voucher, "voucher_clients")
    return vouchers


def provider_voucher(user: AbstractBaseUser, provider: Provider, public_id: str) -> Voucher:
    require_staff(user, provider, approved=False)
    from luukku.identity.services import is_uuid

    voucher = (
        Voucher.objects.select_related("person", "service", "provider")
        .filter(public_id=public_id, provider=provider)
        .first()
        if is_uuid(public_id)
        else None
    )
    if voucher is None:
        raise PermissionDenied(_("This client has not chosen your organisation."))
    return voucher


def accept(user: AbstractBaseUser, voucher: Voucher) -> Voucher:
    """The chosen provider accepts the client (the contract between the client and the provider)."""
    with transaction.atomic():
        voucher = (
            Voucher.objects.select_for_update(of=("self",)).select_related("provider").get(pk=voucher.pk)
        )
        if voucher.provider is None:
            raise VoucherRefused(_("No provider has been chosen."))
        require_staff(user, voucher.provider)
        if voucher.status != Voucher.Status.CHOSEN:
            raise VoucherRefused(_("This voucher is not waiting for acceptance."))
        voucher.status, voucher.accepted_at = Voucher.Status.ACCEPTED, timezone.now()
        voucher.save(update_fields=["status", "accepted_at"])
        _log_provider_read(user, voucher, "voucher", Action.WRITE)
        record_event(
            "vouchers.accepted",
            subject=voucher.person,
            actor=user,
            voucher=str(voucher.public_id),
            service=voucher.service.code,
            provider=str(voucher.provider.public_id),
            category=CATEGORY,
            service_event=scope(voucher)[1],
        )
    return voucher


# --- Service events ---------------------------------------------------------------------------------


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    import calendar

    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def record_service(user: AbstractBaseUser, voucher: Voucher, day: dt.date, units: Decimal) -> ServiceEvent:
    """The provider records units delivered on a day. Deviations are flagged and held for the county:
    more than the granted amount in the month, or a day outside the voucher's validity."""
    if units <= 0:
        raise ValidationError(_("The amount must be more than zero."))
    if day > timezone.localdate():
        raise ValidationError(_("A service cannot be recorded before it is given."))
    with transaction.atomic():
        voucher = (
            Voucher.objects.select_for_update(of=("self",))
            .select_related("provider", "service", "person")
            .get(pk=voucher.pk)
        )
        if voucher.provider is None or voucher.status != Voucher.Status.ACCEPTED:
            raise VoucherRefused(_("The voucher is not in use with your organisation."))
        require_staff(user, voucher.provider)
        first, last = month_of(day)
        used = voucher.events.filter(day__range=(first, last)).exclude(
            status=ServiceEvent.Status.REFUSED
        ).aggregate(s=Sum("units"))["s"] or Decimal(0)
        over = used + units > voucher.units_per_month
        outside = not (voucher.valid_from <= day <= voucher.valid_until)
        county, client = rules.split(units, voucher.price_cents or 0, voucher.value_cents)
        event = ServiceEvent.objects.create(
            voucher=voucher,
            provider=voucher.provider,
            day=day,
            units=units,
            county_cents=county,
            client_cents=client,
            over_amount=over,
            outside_validity=outside,
            status=ServiceEvent.Status.HELD if over or outside else ServiceEvent.Status.APPROVED,
            recorded_by=user,
        )
        _log_provider_read(user, voucher, "voucher_service", Action.WRITE)
        record_event(
            "vouchers.service_recorded",
            subject=voucher.person,
            actor=user,
            voucher=str(voucher.public_id),
            event=str(event.public_id),
            service=voucher.service.code,
            provider=str(voucher.provider.public_id),
            units=str(units),
            cents=county,
            client_cents=client,
            over_amount=over,
            outside_validity=outside,
            category=CATEGORY,
            service_event=scope(voucher)[1],
        )
    return event


def held_events() -> QuerySet[ServiceEvent]:
    return (
        ServiceEvent.objects.filter(status=ServiceEvent.Status.HELD)
        .select_related("voucher__person", "voucher__service", "provider")
        .order_by("recorded_at", "pk")
    )


def review_event(actor: AbstractBaseUser, event: ServiceEvent, approve: bool) -> ServiceEvent:
    """The county approves a deviating event for payment or refuses it (then nothing is paid for it)."""
    _require_write(actor, event.voucher.person, "voucher_service", event.voucher.service)
    with transaction.atomic():
        event = ServiceEvent.objects.select_for_update().get(pk=event.pk)
        if event.status != ServiceEvent.Status.HELD:
            raise VoucherRefused(_("This service event has already been reviewed."))
        event.status = ServiceEvent.Status.APPROVED if approve else ServiceEvent.Status.REFUSED
        event.save(update_fields=["status"])
        record_event(
            "vouchers.service_reviewed",
            subject=event.voucher.person,
            actor=actor,
            event=str(event.public_id),
            approved=approve,
            category=CATEGORY,
            service_event=scope(event.voucher)[1],
        )
    return event


def correct_event(
    actor: AbstractBaseUser, event: ServiceEvent, units: Decimal, reason: str
) -> Adjustment | None:
    """A correction of delivered units by the provider. Before settlement the event itself changes; after
    it an adjustment with the difference is settled with the next month (nothing is paid twice)."""
    if units < 0:
        raise ValidationError(_("The amount cannot be negative."))
    with transaction.atomic():
        event = (
            ServiceEvent.objects.select_for_update().select_related("voucher", "provider").get(pk=event.pk)
        )
        require_staff(actor, event.provider, approved=False)
        county, client = rules.split(units, event.voucher.price_cents or 0, event.voucher.value_cents)
        if event.settlement_id is None:
            if units == 0:
                event.status = ServiceEvent.Status.REFUSED
                event.save(update_fields=["status"])
            else:
                event.units, event.county_cents, event.client_cents = units, county, client
                event.save(update_fields=["units", "county_cents", "client_cents"])
            adjustment = None
        else:
            previous = event.adjustments.aggregate(
                c=Sum("county_cents"), k=Sum("client_cents"), u=Sum("units")
            )
            paid_county = event.county_cents + (previous["c"] or 0)
            paid_client = event.client_cents + (previous["k"] or 0)
            paid_units = event.units + (previous["u"] or 0)
            if county == paid_county and client == paid_client and units == paid_units:
                return None
            adjustment = Adjustment.objects.create(
                event=event,
                county_cents=county - paid_county,
                client_cents=client - paid_client,
                units=units - paid_units,
                reason=reason[:500],
                made_by=actor,
            )
        record_event(
            "vouchers.service_corrected",
            subject=event.voucher.person,
            actor=actor,
            event=str(event.public_id),
            units=str(units),
            cents=county,
            client_cents=client,
            category=CATEGORY,
            service_event=scope(event.voucher)[1],
        )
    return adjustment


# --- Settlement -------------------------------------------------------------------------------------


def settle_month(year: int, month: int, today: dt.date | None = None) -> list[Settlement]:
    """Settle a month that has ended, provider by provider: the approved events of the month and earlier
    ones not settled yet, and the corrections made since. Running it again settles nothing twice."""
    first = dt.date(year, month, 1)
    _first, last = month_of(first)
    if last >= (today or timezone.localdate()):
        raise ValidationError(_("A month is settled only after it has ended."))
    provider = OuterRef("pk")
    pending = Provider.objects.filter(
        Exists(
            ServiceEvent.objects.filter(
                provider=provider, status=ServiceEvent.Status.APPROVED, settlement=None, day__lte=last
            )
        )
        | Exists(Adjustment.objects.filter(event__provider=provider, settlement=None))
        | Exists(Settlement.objects.filter(provider=provider, year=year, month=month))
    )
    return [settle_provider(provider, year, month) for provider in pending.order_by("pk")]


def settle_provider(provider: Provider, year: int, month: int) -> Settlement:
    """One provider's settlement of a month, made once (the provider's row is locked, and the unique
    constraint backs it); events and adjustments are attached to it in the same transaction."""
    _first, last = month_of(dt.date(year, month, 1))
    with transaction.atomic():
        Provider.objects.select_for_update().get(pk=provider.pk)
        existing = Settlement.objects.filter(provider=provider, year=year, month=month).first()
        if existing is not None:
            return existing
        events = list(
            ServiceEvent.objects.select_for_update(of=("self",))
            .filter(provider=provider, status=ServiceEvent.Status.APPROVED, settlement=None, day__lte=last)
            .select_related("voucher__person", "voucher__service")
        )
        adjustments = list(
            Adjustment.objects.select_for_update(of=("self",))
            .filter(event__provider=provider, settlement=None)
            .select_related("event__voucher__person", "event__voucher__service")
        )
        settlement = Settlement.objects.create(provider=provider, year=year, month=month)
        shares: dict[int, dict] = {}
        for item, voucher in [(e, e.voucher) for e in events] + [(a, a.event.voucher) for a in adjustments]:
            share = shares.setdefault(voucher.pk, {"voucher": voucher, "county": 0, "client": 0, "units": 0})
            share["county"] += item.county_cents
            share["client"] += item.client_cents
            share["units"] += item.units
        ServiceEvent.objects.filter(pk__in=[e.pk for e in events]).update(settlement=settlement)
        Adjustment.objects.filter(pk__in=[a.pk for a in adjustments]).update(settlement=settlement)
        ClientShare.objects.bulk_create(
            ClientShare(
                settlement=settlement,
                voucher=s["voucher"],
                client_cents=s["client"],
                county_cents=s["county"],
                units=s["units"],
            )
            for s in shares.values()
        )
        settlement.county_cents = sum(s["county"] for s in shares.values())
        settlement.client_cents = sum(s["client"] for s in shares.values())
        settlement.units = sum((s["units"] for s in shares.values()), Decimal(0))
        settlement.event_count = len(events)
        settlement.save(update_fields=["county_cents", "client_cents", "units", "event_count"])
        # one audit event per client and month (bulk: a month has thousands; record_event is one insert)
        Event.objects.bulk_create(
            Event(
                kind="vouchers.settled",
                subject=s["voucher"].person,
                data={
                    "voucher": str(s["voucher"].public_id),
                    "service": s["voucher"].service.code,
                    "provider": str(provider.public_id),
                    "month": f"{year}-{month:02d}",
                    "cents": s["county"],
                    "client_cents": s["client"],
                    "units": str(s["units"]),
                    "category": CATEGORY,
                    "service_event": scope(s["voucher"])[1],
                },
            )
            for s in shares.values()
        )
    return settlement


def settlements_of(provider: Provider) -> QuerySet[Settlement]:
    return Settlement.objects.filter(provider=provider).order_by("-year", "-month")


# --- Providers: application, review, suspension -----------------------------------------------------


def apply(
    user: AbstractBaseUser,
    *,
    name: str,
    business_id: str,
    iban: tuple[str, str] | str,
    email: str,
    description: str,
    service: VoucherService,
    price_cents: int,
    capacity: int,
    languages: list[str],
    areas: list[str],
    **attestations: bool,
) -> Provider:
    """A provider applies (Act 569/2009 § 5): the applicant's account becomes the provider's staff; the
    county reviews. All four attestations are required; the price may not exceed the service's ceiling."""
    if not user.is_authenticated or getattr(user, "resident", None) is not None:
        raise PermissionDenied(_("Sign in with your organisation's account to apply."))
    business_id = clean_business_id(business_id)
    account, bic = iban if isinstance(iban, tuple) else clean_iban(iban)
    needed = ("registered", "insured", "tax_certificate", "self_monitoring_plan")
    if not all(attestations.get(key) for key in needed):
        raise ValidationError(_("Every attestation is required."))
    if price_cents > service.price_ceiling_cents:
        raise ValidationError(
            _("The price exceeds the service's ceiling of %(ceiling)s.")
            % {"ceiling": money(service.price_ceiling_cents)}
        )
    if Provider.objects.filter(business_id=business_id).exists():
        raise ValidationError(_("An application with this business ID has already been made."))
    from luukku.directory.models import code_list

    try:
        with transaction.atomic():
            provider = Provider.objects.create(
                name=name,
                business_id=business_id,
                iban=account,
                bic=bic,
                email=email,
                description=description,
                languages=code_list(languages),
                areas=code_list(areas),
                **{key: True for key in needed},
            )
            Offer.objects.create(
                provider=provider, service=service, price_cents=price_cents, capacity=capacity
            )
            ProviderStaff.objects.create(user=user, provider=provider)
            record_event(
                "vouchers.provider_applied",
                actor=user,
                provider=str(provider.public_id),
                service=service.code,
            )
    except IntegrityError:  # the same business ID sent twice at once
        raise ValidationError(_("An application with this business ID has already been made.")) from None
    return provider


def may_administer(user: AbstractBaseUser) -> bool:
    """The county's voucher administration: a social worker or manager in a social care unit."""
    from luukku.access.policy import work_roles

    return administers_vouchers(work_roles(user))


def administers_vouchers(roles: list) -> bool:
    """Whether these roles include the county's voucher administration (see may_administer)."""
    from luukku.access.policy import sector_of_unit

    return any(
        r.role in {"social_worker", "unit_manager"} and sector_of_unit(r.unit) == "social" for r in roles
    )


def require_administrator(user: AbstractBaseUser) -> None:
    if not may_administer(user):
        raise PermissionDenied(_("Voucher administration belongs to the social services' staff."))


REVIEW_TO = {
    "approve": Provider.Status.APPROVED,
    "reject": Provider.Status.REJECTED,
    "suspend": Provider.Status.SUSPENDED,
}
ALLOWED_FROM = {
    "approve": {Provider.Status.APPLIED, Provider.Status.SUSPENDED},
    "reject": {Provider.Status.APPLIED},
    "suspend": {Provider.Status.APPROVED},
}


def review_provider(user: AbstractBaseUser, provider: Provider, decision: str, reason: str) -> Provider:
    """The county approves or rejects an application, suspends an approved provider (clients then cannot
    choose it and it cannot record services) or lifts a suspension; always with reasons."""
    require_administrator(user)
    if decision not in REVIEW_TO:
        raise ValidationError(_("This action is not available here."))
    if not reason.strip():
        raise ValidationError(_("Give the reasons for the decision."))
    with transaction.atomic():
        provider = Provider.objects.select_for_update().get(pk=provider.pk)
        if provider.status not in ALLOWED_FROM[decision]:
            raise VoucherRefused(_("This decision cannot be made on the provider's present status."))
        provider.status, provider.review_reason = REVIEW_TO[decision], reason[:500]
        provider.reviewed_by, provider.reviewed_at = user, timezone.now()
        provider.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at"])
        record_event(f"vouchers.provider_{provider.status}", actor=user, provider=str(provider.public_id))
    return provider
