"""The demo's client fees: the price list of 2026-2027 and an unpaid invoice for Matti to pay online."""

import datetime as dt

from django.utils import timezone

from luukku.booking.models import Service
from luukku.identity.personas import BY_KEY
from luukku.identity.services import resident_from_register

from .models import PriceListEntry
from .services import create_invoice

NO_SHOW_FEE_CENTS = 5150  # the statutory maximum as written in Act 734/1992 § 21 (see rules.py)


def seed_payments() -> str:
    for service in Service.objects.exclude(unit__code="lapsiperheiden-sosiaalityo"):
        for year in (2026, 2027):
            PriceListEntry.objects.update_or_create(
                service_code=service.code, year=year, defaults={"no_show_fee_cents": NO_SHOW_FEE_CENTS}
            )
    matti = resident_from_register(BY_KEY["matti"].hetu)
    when = timezone.localtime() - dt.timedelta(days=5)
    invoice = create_invoice(
        matti,
        "demo:no_show:matti",
        f"Käyttämättä jätetty vastaanottoaika: sairaanhoitajan vastaanotto {when:%d.%m.%Y} klo 9.00",
        NO_SHOW_FEE_CENTS,
        "health",
        "sairaanhoitajan-vastaanotto",
    )
    return f"price list for {PriceListEntry.objects.count()} services and years; invoice {invoice.reference}"
