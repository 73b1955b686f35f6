"""Suomi.fi Payments (Suomi.fi-maksut): the resident pays an invoice online with their bank or card.

One interface, a local stand-in for the demo and tests, and a production adapter. The flow: Luukku
makes a signed payment request (amount, reference, stamp, return and callback addresses) and sends the
resident to the address the service answers; the service sends the resident back to the return
address and, independently, calls the callback address, both with the payment's status in query
parameters signed by the service. Luukku verifies the signature before it believes either; the two
may arrive in any order and more than once, so applying a status is idempotent.

Signing (both directions): HMAC-SHA256 with the merchant secret over the `checkout-*` parameters
sorted by name as `name:value` lines, followed by the body for requests (empty for redirects). This
is the scheme of the payment-gateway API that Suomi.fi Payments' REST interface follows as the
production adapter assumes it; the endpoint (`POST /payments`), header names and response field
(`href`) are NOT verified here against the service's current documentation and must be checked with
the Digital and Population Data Services Agency at deployment.
"""

import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Protocol

import requests
from django.conf import settings
from django.urls import reverse
from django.utils import timezone


class PaymentServiceFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class PaymentRequest:
    stamp: str
    reference: str
    amount_cents: int
    description: str
    language: str
    return_url: str
    callback_url: str


def sign(secret: str, params: dict[str, str], body: str = "") -> str:
    lines = [f"{key}:{params[key]}" for key in sorted(params) if key.startswith("checkout-")]
    return hmac.new(secret.encode(), "\n".join([*lines, body]).encode(), hashlib.sha256).hexdigest()


def verify(secret: str, params: dict[str, str], signature: str, body: str = "") -> bool:
    return bool(signature) and hmac.compare_digest(sign(secret, params, body), signature)


class PaymentsService(Protocol):
    def create(self, request: PaymentRequest) -> str:
        """Register the payment; returns the address to send the resident to."""

    def verify(self, params: dict[str, str], signature: str) -> bool: ...


def result_params(config: dict, stamp: str, reference: str, amount_cents: int, status: str) -> dict[str, str]:
    """The signed parameters the service adds to the return and callback addresses."""
    params = {
        "checkout-account": config["account"],
        "checkout-algorithm": "sha256",
        "checkout-amount": str(amount_cents),
        "checkout-stamp": stamp,
        "checkout-reference": reference,
        "checkout-transaction-id": f"local-{uuid.uuid4().hex[:12]}",
        "checkout-status": status,
        "checkout-provider": "local",
    }
    params["signature"] = sign(config["secret"], params)
    return params


class LocalPayments:
    """The demo's payment service: its own page (`payments:local_service`) lets the resident pay or
    cancel, then redirects back with signed parameters and calls the callback as the service does."""

    def __init__(self, config: dict | None = None) -> None:
        self.config = config or settings.LUUKKU_SUOMIFI_PAYMENTS

    def create(self, request: PaymentRequest) -> str:
        return reverse("payments:local_service", args=[request.stamp])

    def verify(self, params: dict[str, str], signature: str) -> bool:
        return verify(self.config["secret"], params, signature)


class SuomiFiPayments:
    """Production: the payment request over HTTPS, signed as described in the module's docstring."""

    def __init__(self, config: dict | None = None, session: requests.Session | None = None) -> None:
        self.config = config or settings.LUUKKU_SUOMIFI_PAYMENTS
        self.http = session or requests.Session()

    def create(self, request: PaymentRequest) -> str:
        body = json.dumps(
            {
                "stamp": request.stamp,
                "reference": request.reference,
                "amount": request.amount_cents,
                "currency": "EUR",
                "language": request.language.upper(),
                "items": [
                    {
                        "unitPrice": request.amount_cents,
                        "units": 1,
                        "productCode": "asiakasmaksu",
                        "description": request.description[:100],
                    }
                ],
                "redirectUrls": {"success": request.return_url, "cancel": request.return_url},
                "callbackUrls": {"success": request.callback_url, "cancel": request.callback_url},
            },
            separators=(",", ":"),
        )
        headers = {
            "checkout-account": self.config["account"],
            "checkout-algorithm": "sha256",
            "checkout-method": "POST",
            "checkout-nonce": uuid.uuid4().hex,
            "checkout-timestamp": timezone.now().isoformat(),
        }
        headers["signature"] = sign(self.config["secret"], headers, body)
        try:
            response = self.http.post(
                self.config["url"].rstrip("/") + "/payments",
                data=body,
                headers={**headers, "content-type": "application/json; charset=utf-8"},
                timeout=self.config["timeout"],
            )
        except requests.RequestException as error:
            raise PaymentServiceFailed(type(error).__name__) from error
        if response.status_code >= 300:
            raise PaymentServiceFailed(str(response.status_code))
        answer_headers = {k.lower(): v for k, v in response.headers.items()}
        if not verify(
            self.config["secret"], answer_headers, answer_headers.get("signature", ""), response.text
        ):
            raise PaymentServiceFailed("the answer's signature does not match")
        href = response.json().get("href", "")
        if not href.startswith("https://"):
            raise PaymentServiceFailed("no payment address")
        return href

    def verify(self, params: dict[str, str], signature: str) -> bool:
        return verify(self.config["secret"], params, signature)


@cache
def payments_service() -> PaymentsService:
    config = settings.LUUKKU_SUOMIFI_PAYMENTS
    return SuomiFiPayments(config) if config["backend"] == "http" else LocalPayments(config)
