import datetime as dt
import uuid

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from luukku.access.policy import readable
from luukku.web.api_errors import errors
from luukku.web.routes import Audience, route

from . import services

router = Router(tags=["payments"])


class InvoiceOut(Schema):
    id: uuid.UUID
    description: str
    amount_cents: int
    reference: str
    rf_reference: str
    due_date: dt.date
    status: str
    virtual_barcode: str


@route(Audience.RESIDENT, "own")
@router.get("/invoices", response={200: list[InvoiceOut], **errors(401)})
def invoices(request):
    """The client fee invoices of the person the resident acts for."""
    if getattr(request.user, "resident", None) is None:
        raise HttpError(401, _("Identify yourself to see your invoices."))
    person = request.acting_for
    shown = readable(
        request.user, person, services.invoices_of(person), services.scope, what="invoice", log=False
    )
    return [
        InvoiceOut(
            id=i.public_id,
            description=i.description,
            amount_cents=i.amount_cents,
            reference=i.reference,
            rf_reference=i.rf_reference,
            due_date=i.due_date,
            status=i.status,
            virtual_barcode=services.barcode_of(i),
        )
        for i in shown
    ]
