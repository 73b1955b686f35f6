"""What the directory tells the own-data export about its client data: a signed-in resident's contact
requests (name, phone and message they left on a service page) are theirs to see and download."""

from django.utils import timezone

from luukku.access.policy import category_of_unit
from luukku.identity.models import Resident

from .models import ContactRequest


def contact_requests_of(person: Resident) -> list[ContactRequest]:
    return list(
        ContactRequest.objects.filter(person=person).select_related("service", "unit").order_by("-created_at")
    )


def scope(request: ContactRequest) -> tuple[str, str]:
    """A request is data of the sector of the unit it went to."""
    return category_of_unit(request.unit), ""


def as_json(request: ContactRequest) -> dict:
    return {
        "service": request.service.name,
        "unit": request.unit.name,
        "name": request.name,
        "phone": request.phone,
        "message": request.message,
        "status": request.status,
        "created_at": request.created_at.isoformat(),
        "handled_at": request.handled_at.isoformat() if request.handled_at else None,
    }


def summary(request: ContactRequest) -> str:
    return (
        f"{request.service.local_name} · {request.get_status_display()} · "
        f"{timezone.localtime(request.created_at):%d.%m.%Y}"
    )
