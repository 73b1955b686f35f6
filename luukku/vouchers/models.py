"""Service vouchers: voucher services and their value rules, providers and their offers, the county's
decisions, the client's choice, service events delivered and the monthly settlement."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _pick(obj: models.Model, field: str) -> str:
    language = (get_language() or "fi")[:2]
    if language in {"sv", "en"}:
        return getattr(obj, f"{field}_{language}") or getattr(obj, field)
    return getattr(obj, field)


class Unit(models.TextChoices):
    HOURS = "hours", _("hours")
    VISITS = "visits", _("visits")
    DAYS = "days", _("days")


class VoucherService(models.Model):
    """A service the county opens to voucher providers (home care, physiotherapy, …)."""

    class ValueRule(models.TextChoices):
        FIXED = "fixed", _("fixed value")
        INCOME = "income", _("income-related value")

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(_("name (fi)"), max_length=100)
    name_sv = models.CharField(_("name (sv)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (en)"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    criteria = models.TextField(_("criteria for providers"), max_length=2000, blank=True)
    price_ceiling_cents = models.PositiveIntegerField(_("price ceiling per unit (cents)"))
    value_rule = models.CharField(max_length=10, choices=ValueRule.choices, default=ValueRule.FIXED)
    fixed_value_cents = models.PositiveIntegerField(_("fixed value per unit (cents)"), default=0)
    validity_months = models.PositiveSmallIntegerField(_("validity (months)"), default=6)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("voucher service")

    def __str__(self) -> str:
        return self.code

    @property
    def local_name(self) -> str:
        return _pick(self, "name")


class ValueBracket(models.Model):
    """One income bracket of an income-related voucher (rules.Bracket)."""

    service = models.ForeignKey(VoucherService, on_delete=models.CASCADE, related_name="brackets")
    household_size = models.PositiveSmallIntegerField()
    income_limit_cents = models.PositiveIntegerField(null=True, blank=True)
    value_cents = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "household_size", "income_limit_cents"], name="vouchers_one_bracket"
            ),
            models.CheckConstraint(condition=Q(household_size__gte=1), name="vouchers_household_size"),
        ]

    def __str__(self) -> str:
        return f"{self.household_size} {self.income_limit_cents} {self.value_cents}"


class Provider(models.Model):
    """A private provider applying for or approved to give voucher services (Act 569/2009 § 5)."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("application under review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        SUSPENDED = "suspended", _("suspended")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=150)
    business_id = models.CharField(_("business ID (Y-tunnus)"), max_length=9, unique=True)
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    description = models.TextField(_("service description"), max_length=2000, blank=True)
    languages = models.CharField(max_length=60, default=" fi ")  # directory.models.code_list
    areas = models.CharField(max_length=60, blank=True)  # municipality codes served
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Attestations required of the applicant (Act 569/2009 § 5; the county's rules list the documents).
    registered = models.BooleanField(_("entered in the register of private service providers"), default=False)
    insured = models.BooleanField(_("patient and liability insurance in force"), default=False)
    tax_certificate = models.BooleanField(_("tax debt certificate and prepayment register"), default=False)
    self_monitoring_plan = models.BooleanField(_("self-monitoring plan published"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPLIED)
    review_reason = models.CharField(_("reason"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # The county's own quality indicator (0-100), recorded from audits and client surveys.
    quality = models.PositiveSmallIntegerField(null=True, blank=True)
    directory_provider = models.ForeignKey(
        "directory.Provider", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("voucher provider")
        constraints = [
            models.CheckConstraint(
                condition=Q(quality__isnull=True) | Q(quality__lte=100), name="vouchers_quality_range"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Offer(models.Model):
    """A provider's price and places in one voucher service (its price list row)."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="offers")
    service = models.ForeignKey(VoucherService, on_delete=models.PROTECT, related_name="offers")
    price_cents = models.PositiveIntegerField(_("price per unit (cents)"))
    capacity = models.PositiveIntegerField(_("clients at a time"), default=10)
    description = models.CharField(_("description"), max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "service"], name="vouchers_one_offer")]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.service_id}"


class ProviderStaff(models.Model):
    """A user account (signed in with the professionals' login) that acts for a provider."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="voucher_staff")
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="staff")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "provider"], name="vouchers_one_staff_link")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.provider_id}"


class Voucher(models.Model):
    """The county's decision on a client's voucher: granted (with the value and the income data used)
    or rejected (with reasons); then chosen by the client and accepted by the provider."""

    class Status(models.TextChoices):
        REJECTED = "rejected", _("rejected")
        GRANTED = "granted", _("granted, provider not chosen")
        CHOSEN = "chosen", _("provider chosen, waiting for acceptance")
        ACCEPTED = "accepted", _("in use")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("identity.Resident", on_delete=models.PROTECT, related_name="vouchers")
    service = models.ForeignKey(VoucherService, on_delete=models.PROTECT, related_name="vouchers")
    status = models.CharField(max_length=10, choices=Status.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(_("reasons"), max_length=1000, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    units_per_month = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    value_cents = models.PositiveIntegerField(default=0)  # per unit
    household_size = models.PositiveSmallIntegerField(null=True, blank=True)
    monthly_income_cents = models.PositiveIntegerField(null=True, blank=True)
    provider = models.ForeignKey(
        Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="vouchers"
    )
    price_cents = models.PositiveIntegerField(null=True, blank=True)  # the chosen offer's price
    chosen_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="rejected")
                | (Q(valid_from__isnull=False) & Q(valid_until__gte=models.F("valid_from"))),
                name="vouchers_granted_has_validity",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service.code} {self.status}"


class ServiceEvent(models.Model):
    """Units delivered on one day, recorded by the provider; the shares are fixed when recorded."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("approved")
        HELD = "held", _("deviation, waiting for the county")
        REFUSED = "refused", _("not paid")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="events")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="events")
    day = models.DateField()
    units = models.DecimalField(max_digits=6, decimal_places=2)
    county_cents = models.PositiveIntegerField()
    client_cents = models.PositiveIntegerField()
    over_amount = models.BooleanField(default=False)
    outside_validity = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    settlement = models.ForeignKey(
        "Settlement", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )

    class Meta:
        ordering = ["day", "pk"]
        indexes = [models.Index(fields=["provider", "status", "settlement"], name="vouchers_event_unsettled")]
        constraints = [models.CheckConstraint(condition=Q(units__gt=0), name="vouchers_event_units")]

    def __str__(self) -> str:
        return f"{self.day} {self.units}"


class Adjustment(models.Model):
    """A correction of an event already settled: settled with the next month (signed cents)."""

    event = models.ForeignKey(ServiceEvent, on_delete=models.PROTECT, related_name="adjustments")
    county_cents = models.IntegerField()
    client_cents = models.IntegerField()
    units = models.DecimalField(max_digits=6, decimal_places=2)
    reason = models.CharField(max_length=500)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    settlement = models.ForeignKey(
        "Settlement", null=True, blank=True, on_delete=models.PROTECT, related_name="adjustments"
    )

    def __str__(self) -> str:
        return f"{self.event_id} {self.county_cents}"


class Settlement(models.Model):
    """One provider's settlement of one month: the county's payable and the clients' shares."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="settlements")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    county_cents = models.BigIntegerField(default=0)
    client_cents = models.BigIntegerField(default=0)
    units = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    event_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    batch = models.ForeignKey(
        "PaymentBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="settlements"
    )

    class Meta:
        ordering = ["-year", "-month", "provider__name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "year", "month"], name="vouchers_one_settlement")
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.year}-{self.month:02d}"


class ClientShare(models.Model):
    """What one client owes the provider for the month (Act 569/2009 § 6: paid to the provider)."""

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="client_shares")
    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="shares")
    client_cents = models.BigIntegerField()
    county_cents = models.BigIntegerField()
    units = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["settlement", "voucher"], name="vouchers_one_share_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.settlement_id} {self.voucher_id}"


class PaymentBatch(models.Model):
    """The month's credit transfers to providers (ISO 20022 pain.001.001.03) and the finance CSV."""

    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    message_id = models.CharField(max_length=35, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    total_cents = models.BigIntegerField()
    xml = models.TextField()
    csv = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "month"], name="vouchers_one_batch_a_month")]

    def __str__(self) -> str:
        return self.message_id
