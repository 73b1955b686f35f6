"""The care record (EHR) that written-back resources go to: the county's EHR FHIR endpoint in production,
a local table in the demo. Both take a conditional update by identifier (`PUT [type]?identifier=`), so
a resource sent twice is stored once."""

from functools import cache
from typing import Protocol

import requests
from django.conf import settings

from .models import LocalEhrRecord


class WriteBackFailed(RuntimeError):
    """The EHR did not take the resource; `retry` says whether trying again later may help."""

    def __init__(self, message: str, retry: bool = True) -> None:
        super().__init__(message)
        self.retry = retry


class Ehr(Protocol):
    def upsert(self, resource: dict, identifier: str) -> str:
        """Create or update the resource with this identifier (`system|value`); returns its version."""


class LocalEhr:
    def upsert(self, resource: dict, identifier: str) -> str:
        record, created = LocalEhrRecord.objects.get_or_create(
            resource_type=resource["resourceType"], identifier=identifier, defaults={"resource": resource}
        )
        if not created:
            record.resource = resource
            record.writes += 1
            record.save(update_fields=["resource", "writes", "updated_at"])
        return str(record.writes)


class HttpEhr:
    """A FHIR R4 server: conditional update with a bearer token; 4xx other than 408/429 is not retried."""

    def __init__(self, config: dict | None = None, session: requests.Session | None = None) -> None:
        self.config = config or settings.LUUKKU_EHR
        self.http = session or requests.Session()

    def upsert(self, resource: dict, identifier: str) -> str:
        url = f"{self.config['url'].rstrip('/')}/{resource['resourceType']}"
        try:
            response = self.http.put(
                url,
                params={"identifier": identifier},
                json=resource,
                headers={
                    "Authorization": f"Bearer {self.config['token']}",
                    "Content-Type": "application/fhir+json",
                    "Accept": "application/fhir+json",
                },
                timeout=self.config["timeout"],
            )
        except requests.RequestException as error:
            raise WriteBackFailed(type(error).__name__) from error
        if response.status_code >= 400:
            retry = response.status_code >= 500 or response.status_code in (408, 429)
            raise WriteBackFailed(f"HTTP {response.status_code}", retry=retry)
        return response.headers.get("ETag", "")


@cache
def ehr() -> Ehr:
    return HttpEhr() if settings.LUUKKU_EHR["backend"] == "http" else LocalEhr()
