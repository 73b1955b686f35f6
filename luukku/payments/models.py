"""Client fees: the price list per service and year, invoices to residents, payments of them."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PriceListEntry(models.Model):
    """The county's fee for a service in a year (configuration; the statutory maximum still caps it)."""

    service_code = models.SlugField(max_length=50, verbose_name=_("service code"))
    year = models.PositiveSmallIntegerField(verbose_name=_("year"))
    no_show_fee_cents = models.PositiveIntegerField(
        default=0, verbose_name=_("fee for an appointment not cancelled in time (cents)")
    )

    class Meta:
        verbose_name = _("price list entry")
        verbose_name_plural = _("price list")
        constraints = [models.UniqueConstraint(fields=["service_code", "year"], name="one_price_per_year")]

    def __str__(self) -> str:
        return f"{self.service_code} {self.year}"


class Invoice(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("to be paid")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("identity.Resident", on_delete=models.PROTECT, related_name="invoices")
    source = models.CharField(max_length=100, unique=True, help_text=_("What the fee is for, once"))
    description = models.CharField(max_length=200)
    category = models.CharField(max_length=20, default="health")
    service_event = models.CharField(max_length=100, blank=True)
    amount_cents = models.PositiveIntegerField()
    reference = models.CharField(max_length=20, unique=True)
    rf_reference = models.CharField(max_length=25, unique=True)
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.reference} {self.status}"

    @property
    def amount(self) -> str:
        euros, cents = divmod(self.amount_cents, 100)
        return f"{euros},{cents:02d} €"


class Payment(models.Model):
    """One attempt to pay an invoice online; its stamp is the id the payment service knows."""

    class Status(models.TextChoices):
        NEW = "new", _("started")
        PAID = "paid", _("paid")
        FAILED = "failed", _("not paid")

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    stamp = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    amount_cents = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    provider_reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.stamp} {self.status}"
