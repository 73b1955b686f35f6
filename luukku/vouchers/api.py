import datetime as dt
import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from luukku.access.policy import readable
from luukku.web.api_errors import errors
from luukku.web.routes import Audience, route

from . import services

router = Router(tags=["vouchers"])


class VoucherOut(Schema):
    id: uuid.UUID
    service: str
    status: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    units_per_month: Decimal
    value_cents: int
    provider: str | None
    price_cents: int | None


class ChoiceOut(Schema):
    provider: uuid.UUID
    name: str
    price_cents: int
    own_share_cents_per_month: int
    distance_km: float | None
    languages: list[str]
    free_places: int
    quality: int | None


def _resident(request) -> None:
    if getattr(request.user, "resident", None) is None:
        raise HttpError(401, _("Identify yourself to see your service vouchers."))


@route(Audience.RESIDENT, "own")
@router.get("/", response={200: list[VoucherOut], **errors(401)})
def vouchers(request):
    """The service vouchers of the person the resident acts for."""
    _resident(request)
    person = request.acting_for
    shown = readable(
        request.user, person, services.vouchers_of(person), services.scope, what="voucher", log=False
    )
    return [
        VoucherOut(
            id=v.public_id,
            service=v.service.code,
            status=v.status,
            valid_from=v.valid_from,
            valid_until=v.valid_until,
            units_per_month=v.units_per_month,
            value_cents=v.value_cents,
            provider=v.provider.name if v.provider else None,
            price_cents=v.price_cents,
        )
        for v in shown
    ]


@route(Audience.RESIDENT, "own")
@router.get("/{voucher_id}/providers", response={200: list[ChoiceOut], **errors(401, 403)})
def providers(request, voucher_id: uuid.UUID, sort: str = "own_share"):
    """Approved providers to choose from, with the client's own share a month at each one's price."""
    _resident(request)
    try:
        voucher = services.voucher_for(request.user, str(voucher_id))
    except PermissionDenied as refused:
        raise HttpError(403, str(refused)) from None
    return [
        ChoiceOut(
            provider=c.offer.provider.public_id,
            name=c.offer.provider.name,
            price_cents=c.price_cents,
            own_share_cents_per_month=c.own_share_cents,
            distance_km=c.distance_km,
            languages=[str(lang) for lang in c.languages],
            free_places=c.free_places,
            quality=c.quality,
        )
        for c in services.compare(voucher, sort)
    ]
