"""FHIR R4 Subscription (rest-hook) so that an EHR hears of new bookings.

A SMART machine client creates a Subscription with `criteria` `Appointment?…` (the parameters in
`CRITERIA`) and a rest-hook channel. When an appointment is booked, each active subscription whose
criteria match gets a notification by the `notify` task: a POST with the channel's headers and an empty
body (R4), or, when the channel's payload is application/fhir+json, an id-only history Bundle naming the
appointment. The notification carries no personal data: the EHR reads the Appointment with its token,
through the access policy. Failures are retried with a growing delay; after `MAX_FAILURES` notifications
in a row have failed, the subscription is in error and is no longer notified."""

import datetime as dt
import logging
from typing import Protocol
from urllib.parse import parse_qsl, urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.subscription import Subscription as FhirSubscription
from pydantic import ValidationError

from luukku.booking.models import Appointment

from .models import SmartClient, Subscription

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5  # per notification
MAX_FAILURES = 10  # notifications in a row before the subscription is in error
FHIR_JSON = "application/fhir+json"
# The criteria a subscription may use: Appointment search parameters that a booking can be matched on.
CRITERIA = {"service-type", "practitioner", "status"}
FORBIDDEN_HEADERS = {"host", "content-length", "content-type", "transfer-encoding", "connection"}


class Invalid(ValueError):
    """The Subscription cannot be accepted; `code` is the OperationOutcome issue code."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


# --- The resource -----------------------------------------------------------------------------------


def as_fhir(subscription: Subscription) -> FhirSubscription:
    channel: dict = {"type": "rest-hook", "endpoint": subscription.endpoint}
    if subscription.headers:
        channel["header"] = subscription.headers
    if subscription.payload:
        channel["payload"] = subscription.payload
    data: dict = {
        "resourceType": "Subscription",
        "id": str(subscription.public_id),
        "status": subscription.status,
        "reason": subscription.reason,
        "criteria": subscription.criteria,
        "channel": channel,
    }
    if subscription.end:
        data["end"] = subscription.end.isoformat()
    if subscription.error:
        data["error"] = subscription.error
    return FhirSubscription.model_validate(data)


def parse_criteria(criteria: str) -> list[tuple[str, list[str]]]:
    """`Appointment?name=a,b&…` as (name, values); Invalid for other types or parameters."""
    resource_type, _sep, query = criteria.partition("?")
    if resource_type != "Appointment":
        raise Invalid("only Appointment criteria are supported", "not-supported")
    parsed = []
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name not in CRITERIA:
            raise Invalid(f"the criteria parameter {name[:40]} is not supported", "not-supported")
        values = [v for v in value.split(",") if v]
        if not values:
            raise Invalid(f"the criteria parameter {name[:40]} has no value")
        parsed.append((name, values))
    return parsed


def _headers(channel: dict) -> list[str]:
    headers = channel.get("header") or []
    for header in headers:
        name, colon, _value = header.partition(":")
        if not colon or not name.strip() or name.strip().lower() in FORBIDDEN_HEADERS or "\n" in header:
            raise Invalid(f"the channel header {name[:40]!r} cannot be sent")
    return headers


def create(client: SmartClient, resource: object, base_url: str) -> Subscription:
    """Accept a Subscription from a machine client; Invalid when it is not one this server can serve."""
    if not isinstance(resource, dict) or resource.get("resourceType") != "Subscription":
        raise Invalid("the body must be a Subscription")
    try:
        parsed = FhirSubscription.model_validate(resource)
    except ValidationError as error:
        raise Invalid(f"not a valid Subscription: {error.errors()[0]['msg']}"[:200], "structure") from None
    channel = resource["channel"]
    if parsed.channel.type != "rest-hook":
        raise Invalid("only rest-hook channels are supported", "not-supported")
    endpoint = parsed.channel.endpoint or ""
    if urlsplit(endpoint).scheme != "https" and not settings.DEBUG:
        raise Invalid("the endpoint must be an https URL")
    if parsed.channel.payload not in (None, FHIR_JSON, f"{FHIR_JSON}; charset=utf-8"):
        raise Invalid(f"the payload must be absent or {FHIR_JSON}", "not-supported")
    parse_criteria(parsed.criteria)
    end = parse_datetime(resource["end"]) if resource.get("end") else None
    if end is not None and end <= timezone.now():
        raise Invalid("the end is in the past")
    return Subscription.objects.create(
        client=client,
        criteria=parsed.criteria[:500],
        reason=parsed.reason[:200],
        endpoint=endpoint[:500],
        headers=_headers(channel),
        payload=FHIR_JSON if parsed.channel.payload else "",
        end=end,
        base_url=base_url,
    )


def of_client(client: SmartClient, public_id: str) -> Subscription | None:
    try:
        return Subscription.objects.filter(client=client, public_id=public_id).first()
    except ValueError:
        return None


def delete(subscription: Subscription) -> None:
    subscription.delete()


# --- Notifications ----------------------------------------------------------------------------------


class NotificationFailed(RuntimeError):
    pass


class Notifier(Protocol):
    def post(self, subscription: Subscription, body: bytes) -> None:
        """Deliver one notification; NotificationFailed when the endpoint did not take it."""


class HttpNotifier:
    def __init__(self, session: requests.Session | None = None) -> None:
        self.http = session or requests.Session()

    def post(self, subscription: Subscription, body: bytes) -> None:
        headers = dict(h.split(":", 1) for h in subscription.headers)
        headers = {name.strip(): value.strip() for name, value in headers.items()}
        if body:
            headers["Content-Type"] = FHIR_JSON
        try:
            response = self.http.post(subscription.endpoint, data=body, headers=headers, timeout=10)
        except requests.RequestException as error:
            raise NotificationFailed(type(error).__name__) from error
        if response.status_code >= 300:
            raise NotificationFailed(f"HTTP {response.status_code}")


class LocalNotifier:
    """The demo: notifications are logged, not sent."""

    def post(self, subscription: Subscription, body: bytes) -> None:
        log.info("Subscription %s notified (%d bytes)", subscription.public_id, len(body))


def notifier() -> Notifier:
    return HttpNotifier() if settings.LUUKKU_FHIR_NOTIFICATIONS == "http" else LocalNotifier()


def matches(subscription: Subscription, appointment: Appointment) -> bool:
    try:
        criteria = parse_criteria(subscription.criteria)
    except Invalid:
        return False
    facts = {
        "service-type": {appointment.service.code, f"urn:luukku:service|{appointment.service.code}"},
        "practitioner": {f"Practitioner/{appointment.slot.calendar.professional_id}"},
        "status": {"booked"},
    }
    return all(facts[name] & set(values) for name, values in criteria)


def notification(subscription: Subscription, appointment: Appointment) -> bytes:
    """The body: empty (R4 rest-hook without payload), or an id-only history Bundle."""
    if not subscription.payload:
        return b""
    bundle = Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "history",
            "timestamp": timezone.now().isoformat(),
            "entry": [
                {
                    "fullUrl": f"{subscription.base_url}Appointment/{appointment.public_id}",
                    "request": {"method": "POST", "url": "Appointment"},
                    "response": {"status": "201"},
                }
            ],
        }
    )
    return bundle.model_dump_json(exclude_none=True).encode()


def active() -> list[Subscription]:
    now = timezone.now()
    return [
        s for s in Subscription.objects.filter(status=Subscription.Status.ACTIVE) if not s.end or s.end > now
    ]


def on_appointment_booked(event) -> None:
    appointment = (
        Appointment.objects.select_related("service", "slot__calendar")
        .filter(pk=event.appointment_id)
        .first()
    )
    if appointment is None:
        return
    for subscription in active():
        if matches(subscription, appointment):
            notify.enqueue(subscription.pk, appointment.pk, 1)


@task()
def notify(subscription_id: int, appointment_id: int, attempt: int) -> str:
    subscription = Subscription.objects.filter(pk=subscription_id, status=Subscription.Status.ACTIVE).first()
    appointment = Appointment.objects.filter(pk=appointment_id).first()
    if subscription is None or appointment is None:
        return "gone"
    try:
        notifier().post(subscription, notification(subscription, appointment))
    except NotificationFailed as failed:
        subscription.failures += 1
        subscription.error = f"{timezone.now():%Y-%m-%dT%H:%MZ} {failed}"[:200]
        if subscription.failures >= MAX_FAILURES:
            subscription.status = Subscription.Status.ERROR
        subscription.save(update_fields=["failures", "error", "status", "updated_at"])
        if attempt < MAX_ATTEMPTS and subscription.status == Subscription.Status.ACTIVE:
            retry_at = timezone.now() + dt.timedelta(minutes=2**attempt)
            transaction.on_commit(
                lambda: notify.using(run_after=retry_at).enqueue(subscription_id, appointment_id, attempt + 1)
            )
        return "failed"
    if subscription.failures or subscription.error:
        Subscription.objects.filter(pk=subscription.pk).update(failures=0, error="")
    return "sent"
