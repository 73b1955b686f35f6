"""What payments tells the access policy, client 360 and the own-data export about its client data.

An invoice carries the category and service event of what the fee is for (a missed dental appointment
is health data of the dental service), so a guardian never sees a fee of a minor's own service event and
social care sees health fees only with the client's consent.
"""

from django.utils import timezone

from luukku.identity.models import Resident

from .models import Invoice


def invoices_of(person: Resident) -> list[Invoice]:
    return list(Invoice.objects.filter(person=person).order_by("-created_at"))


def scope(invoice: Invoice) -> tuple[str, str]:
    return invoice.category, invoice.service_event


def category(invoice: Invoice) -> str:
    return invoice.category


def as_json(invoice: Invoice) -> dict:
    return {
        "description": invoice.description,
        "amount_cents": invoice.amount_cents,
        "reference": invoice.reference,
        "rf_reference": invoice.rf_reference,
        "due_date": invoice.due_date.isoformat(),
        "status": invoice.status,
        "created_at": invoice.created_at.isoformat(),
        "paid_at": invoice.paid_at.isoformat() if invoice.paid_at else None,
    }


def summary(invoice: Invoice) -> str:
    return (
        f"{invoice.description} · {invoice.amount} · {invoice.get_status_display()} · "
        f"{timezone.localtime(invoice.created_at):%d.%m.%Y}"
    )
