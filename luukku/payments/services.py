"""Client fees: charging the fee of an appointment not cancelled in time, invoices with their
references and bar code, paying online (Suomi.fi Payments) and the receipt, all in the resident's
inbox and the event log. The rules themselves are in `rules.py`."""

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from luukku.access.categories import Action
from luukku.access.policy import category_of_unit, decide, require
from luukku.audit.models import Purpose
from luukku.audit.services import record_event
from luukku.identity.models import Resident
from luukku.inbox.models import Message
from luukku.inbox.services import deliver

from . import rules
from .adapters import PaymentRequest, payments_service
from .models import Invoice, Payment, PriceListEntry

REFERENCE_BASE = 100000  # invoice references are made from this plus the invoice's row id


class FeeRefused(Exception):
    pass


def price_for(service_code: str, year: int) -> int:
    entry = PriceListEntry.objects.filter(service_code=service_code, year=year).first()
    return entry.no_show_fee_cents if entry else 0


def _money(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return f"{euros},{rest:02d} €"


def charge_no_show(appointment, actor: AbstractBaseUser, acceptable_reason: bool = False) -> Invoice | None:
    """The client did not come and had not cancelled in time: the fee of the price list as an invoice
    (Act 734/1992 § 21, see rules.py), once per appointment. None when no fee is due."""
    person: Resident | None = appointment.person
    if person is None:
        raise FeeRefused(_("A booking without identification cannot be invoiced."))
    category = category_of_unit(appointment.service.unit)
    require(
        actor,
        person,
        category,
        what="invoice",
        action=Action.WRITE,
        purpose=Purpose.CLIENT_SERVICE,
        service_event=appointment.service.code,
    )
    starts_at = appointment.slot.starts_at
    if starts_at > timezone.now():
        raise FeeRefused(_("The appointment has not yet begun."))
    cancelled_at = appointment.cancelled_at if appointment.status == "cancelled" else None
    fee = rules.no_show_fee(
        price_for(appointment.service.code, timezone.localtime(starts_at).year),
        age=person.age(timezone.localtime(starts_at).date()),
        starts_at=starts_at,
        deadline_hours=appointment.service.cancellation_deadline_hours,
        cancelled_at=cancelled_at,
        acceptable_reason=acceptable_reason,
    )
    record_event("payments.no_show", subject=person, actor=actor, service=appointment.service.code, fee=fee)
    if fee == 0:
        return None
    with translation.override(person.language):
        description = _("Appointment not cancelled: %(service)s %(when)s") % {
            "service": appointment.service.local_name,
            "when": timezone.localtime(starts_at).strftime("%d.%m.%Y %H.%M"),
        }
    return create_invoice(
        person, f"no_show:{appointment.public_id}", description, fee, category, appointment.service.code
    )


def create_invoice(
    person: Resident, source: str, description: str, cents: int, category: str, service_event: str = ""
) -> Invoice:
    """An invoice with its Finnish and RF references, delivered to the inbox (and as a letter to
    Suomi.fi Messages or printed mail); the same source is invoiced once."""
    existing = Invoice.objects.filter(source=source).first()
    if existing is not None:
        return existing
    due = timezone.localdate() + dt.timedelta(days=settings.LUUKKU_CREDITOR["payment_days"])
    try:
        with transaction.atomic():
            invoice = Invoice.objects.create(
                person=person,
                source=source,
                description=description[:200],
                amount_cents=cents,
                category=category,
                service_event=service_event,
                due_date=due,
                reference=f"pending-{source}"[:20],
                rf_reference=f"pending-{source}"[:25],
            )
            invoice.reference = rules.reference_number(REFERENCE_BASE + invoice.pk)
            invoice.rf_reference = rules.rf_reference(invoice.reference)
            invoice.save(update_fields=["reference", "rf_reference"])
            record_event(
                "payments.invoiced",
                subject=person,
                invoice=str(invoice.public_id),
                cents=cents,
                category=category,
                service_event=service_event,
            )
            with translation.override(person.language):
                body = _(
                    "Client fee %(amount)s: %(description)s. Due date %(due)s, reference %(reference)s. "
                    "You can pay it online in Luukku."
                ) % {
                    "amount": _money(cents),
                    "description": description,
                    "due": due.strftime("%d.%m.%Y"),
                    "reference": rules.format_reference(invoice.reference),
                }
                subject = _("Invoice: %(description)s") % {"description": description}
            deliver(
                person,
                key=f"invoice:{invoice.public_id}",
                subject=subject,
                body=body,
                kind=Message.Kind.INVOICE,
                category=category,
                service_event=service_event,
                sender=settings.LUUKKU_CREDITOR["name"],
                link=reverse("payments:invoice", args=[invoice.public_id]),
                dedupe_key=f"payments.invoice:{invoice.pk}",
                letter=True,
            )
    except IntegrityError:
        return Invoice.objects.get(source=source)
    return invoice


def invoices_of(person: Resident) -> QuerySet[Invoice]:
    return Invoice.objects.filter(person=person).order_by("-created_at")


def scope(invoice: Invoice) -> tuple[str, str]:
    return invoice.category, invoice.service_event


def invoice_for_resident(user: AbstractBaseUser, public_id: str) -> Invoice:
    invoice = Invoice.objects.select_related("person").filter(public_id=public_id).first()
    if invoice is None or not decide(
        user, invoice.person, invoice.category, what="invoice", service_event=invoice.service_event, log=False
    ):
        raise PermissionDenied(_("You do not have the right to see this invoice."))
    return invoice


def barcode_of(invoice: Invoice) -> str:
    return rules.virtual_barcode(
        settings.LUUKKU_CREDITOR["iban"], invoice.amount_cents, invoice.rf_reference, invoice.due_date
    )


def start_payment(invoice: Invoice, user: AbstractBaseUser) -> str:
    """A payment request for an open invoice; returns the address of the payment service."""
    invoice_for_resident(user, str(invoice.public_id))
    if invoice.status != Invoice.Status.OPEN:
        raise ValidationError(_("This invoice has already been paid."))
    payment = Payment.objects.create(invoice=invoice, amount_cents=invoice.amount_cents)
    base = settings.LUUKKU_PUBLIC_URL.rstrip("/")
    record_event("payments.started", subject=invoice.person, actor=user, invoice=str(invoice.public_id))
    return payments_service().create(
        PaymentRequest(
            stamp=str(payment.stamp),
            reference=invoice.reference,
            amount_cents=invoice.amount_cents,
            description=invoice.description,
            language=invoice.person.language,
            return_url=base + reverse("payments:returned"),
            callback_url=base + reverse("payments:callback"),
        )
    )


class BadSignature(Exception):
    pass


def apply_result(params: dict[str, str]) -> Payment:
    """A status from the payment service (the resident's return or the service's callback): believed
    only with a valid signature and a matching amount; applied once, whichever arrives first."""
    signature = params.get("signature", "")
    signed = {k: v for k, v in params.items() if k.startswith("checkout-")}
    if not payments_service().verify(signed, signature):
        raise BadSignature
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update()
            .select_related("invoice__person")
            .filter(
                stamp=signed.get("checkout-stamp", "") if _is_uuid(signed.get("checkout-stamp", "")) else None
            )
            .first()
        )
        if payment is None or str(payment.amount_cents) != signed.get("checkout-amount"):
            raise BadSignature
        if payment.status != Payment.Status.NEW:
            return payment  # already applied: a repeated callback or return changes nothing
        ok = signed.get("checkout-status") == "ok"
        payment.status = Payment.Status.PAID if ok else Payment.Status.FAILED
        payment.provider_reference = signed.get("checkout-transaction-id", "")[:100]
        payment.updated_at = timezone.now()
        payment.save(update_fields=["status", "provider_reference", "updated_at"])
        invoice = payment.invoice
        record_event(
            "payments.paid" if ok else "payments.failed",
            subject=invoice.person,
            invoice=str(invoice.public_id),
            cents=payment.amount_cents,
        )
        if ok and invoice.status == Invoice.Status.OPEN:
            invoice.status, invoice.paid_at = Invoice.Status.PAID, timezone.now()
            invoice.save(update_fields=["status", "paid_at"])
            _receipt(invoice, payment)
    return payment


def _is_uuid(value: str) -> bool:
    from luukku.identity.services import is_uuid

    return is_uuid(value)


def _receipt(invoice: Invoice, payment: Payment) -> None:
    person = invoice.person
    with translation.override(person.language):
        body = _(
            "Thank you. We received your payment of %(amount)s for: %(description)s "
            "(reference %(reference)s)."
        ) % {
            "amount": _money(payment.amount_cents),
            "description": invoice.description,
            "reference": rules.format_reference(invoice.reference),
        }
        subject = _("Invoice: %(description)s") % {"description": invoice.description}
    deliver(
        person,
        key=f"invoice:{invoice.public_id}",
        subject=subject,
        body=body,
        kind=Message.Kind.RECEIPT,
        category=invoice.category,
        service_event=invoice.service_event,
        sender=settings.LUUKKU_CREDITOR["name"],
        link=reverse("payments:invoice", args=[invoice.public_id]),
        dedupe_key=f"payments.receipt:{payment.pk}",
    )


def invoice_pdf(invoice: Invoice) -> bytes:
    from luukku.inbox.documents import Document, render

    person = invoice.person
    creditor = settings.LUUKKU_CREDITOR
    with translation.override(person.language):
        document = Document(
            title=_("Invoice"),
            language=person.language,
            sender=f"{creditor['name']} ({creditor['business_id']})",
            recipient_lines=[person.full_name],
            paragraphs=[invoice.description],
            created=timezone.localtime(invoice.created_at),
            rows=[
                (_("Amount"), _money(invoice.amount_cents)),
                (_("Due date"), invoice.due_date.strftime("%d.%m.%Y")),
                (_("Reference"), rules.format_reference(invoice.reference)),
                (_("RF reference"), invoice.rf_reference),
                (_("Account"), creditor["iban"]),
                (_("BIC"), creditor["bic"]),
            ],
            barcode=barcode_of(invoice),
        )
    return render(document)


def local_result(stamp: str, pay: bool) -> dict[str, str]:
    """The local stand-in's signed result for the demo (never in production)."""
    from .adapters import result_params

    payment = (
        Payment.objects.select_related("invoice").filter(stamp=stamp).first() if _is_uuid(stamp) else None
    )
    if payment is None:
        raise BadSignature
    return result_params(
        settings.LUUKKU_SUOMIFI_PAYMENTS,
        str(payment.stamp),
        payment.invoice.reference,
        payment.amount_cents,
        "ok" if pay else "fail",
    )
