"""Subscription: machine clients (SMART Backend Services) create, read and delete their own rest-hook
subscriptions; another client's subscription is not found."""

from django.http import HttpRequest

from luukku.web.routes import Audience

from .. import subscriptions
from ..models import SmartClient
from ..protocol import Stamped, stamp
from ..registry import Handler, Refused, register

PROFILE = "http://hl7.org/fhir/StructureDefinition/Subscription"


def _client(request: HttpRequest) -> SmartClient | None:
    return getattr(request, "smart_client", None)


def _stamp(subscription) -> Stamped:
    return stamp(subscriptions.as_fhir(subscription), PROFILE, subscription.updated_at)


def _read(request: HttpRequest, resource_id: str) -> Stamped | None:
    client = _client(request)
    found = subscriptions.of_client(client, resource_id) if client else None
    return _stamp(found) if found else None


def _create(request: HttpRequest, resource: object) -> Stamped:
    client = _client(request)
    if client is None:
        raise Refused("a machine client's token is required", "login", 401)
    try:
        created = subscriptions.create(client, resource, request.build_absolute_uri("/fhir/"))
    except subscriptions.Invalid as invalid:
        raise Refused(str(invalid), invalid.code, 422 if invalid.code == "not-supported" else 400) from None
    return _stamp(created)


def _delete(request: HttpRequest, resource_id: str) -> bool:
    client = _client(request)
    found = subscriptions.of_client(client, resource_id) if client else None
    if found is None:
        return False
    subscriptions.delete(found)
    return True


SUBSCRIPTION = register(
    Handler(
        type="Subscription",
        profile=PROFILE,
        audience=Audience.INTEGRATION,
        category="none",
        url_name="subscription",
        documentation=(
            "rest-hook notifications of new bookings for SMART machine clients (scope "
            "system/Subscription.cruds): criteria Appointment?service-type=&practitioner=&status=booked; "
            "an empty body, or an id-only history Bundle when channel.payload is application/fhir+json."
        ),
        read=_read,
        create=_create,
        delete=_delete,
        machine_only=True,
    )
)
