"""The FHIR RESTful protocol around the resources: format negotiation (406, 415), meta (versionId,
lastUpdated, profile), ETag and Last-Modified, conditional read (304) and paged searchset Bundles."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.resource import Resource

from .responses import FHIR_JSON, outcome
from .search import Query

JSON_FORMATS = {"json", "application/json", "application/fhir+json", "application/json+fhir"}
ACCEPTABLE = JSON_FORMATS | {"*/*", "application/*"}
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Stamped:
    """A resource as served: its JSON with meta filled in, and its version for ETag and Last-Modified."""

    data: dict
    version: str
    last_updated: dt.datetime | None

    @property
    def resource_type(self) -> str:
        return self.data["resourceType"]

    @property
    def id(self) -> str:
        return self.data["id"]


def stamp(resource: Resource, profile: str, last_updated: dt.datetime | None) -> Stamped:
    """meta.profile, meta.lastUpdated (when the data has a timestamp) and meta.versionId: a digest of the
    content, so it changes exactly when the served resource does (the models keep no version counter)."""
    data = json.loads(resource.model_dump_json(exclude_none=True))
    data.pop("meta", None)
    version = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
    meta: dict = {"versionId": version, "profile": [profile]}
    if last_updated is not None:
        meta["lastUpdated"] = last_updated.astimezone(dt.UTC).isoformat(timespec="milliseconds")
    served = {"resourceType": data.pop("resourceType"), "id": data.pop("id"), "meta": meta, **data}
    return Stamped(served, version, last_updated)


def _media_types(header: str) -> list[str]:
    return [part.split(";")[0].strip().lower() for part in header.split(",") if part.strip()]


def unacceptable(request: HttpRequest) -> HttpResponse | None:
    """406 for `_format` or an Accept header that asks for anything but JSON (XML, Turtle, HTML…)."""
    wanted = request.GET.get("_format")
    if wanted is not None and wanted.split(";")[0].strip().lower() not in JSON_FORMATS:
        return outcome(406, "not-supported", "only JSON is served here (_format=json)")
    accept = _media_types(request.headers.get("Accept", ""))
    if accept and not any(a in ACCEPTABLE for a in accept):
        return outcome(406, "not-supported", "only application/fhir+json is served here")
    return None


def unsupported_body(request: HttpRequest, allowed: set[str]) -> HttpResponse | None:
    """415 for a request body of a media type the interaction does not take."""
    content_type = _media_types(request.headers.get("Content-Type", ""))
    if request.body and (not content_type or content_type[0] not in allowed):
        return outcome(415, "not-supported", f"the body must be one of: {', '.join(sorted(allowed))}")
    return None


def _etag(version: str) -> str:
    return f'W/"{version}"'


def resource_response(request: HttpRequest, stamped: Stamped) -> HttpResponse:
    """The resource with ETag and Last-Modified; 304 when If-None-Match names its current version."""
    etag = _etag(stamped.version)
    wanted = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    if etag in wanted or f'"{stamped.version}"' in wanted or "*" in wanted:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(json.dumps(stamped.data, ensure_ascii=False), content_type=FHIR_JSON)
    response["ETag"] = etag
    if stamped.last_updated is not None:
        response["Last-Modified"] = http_date(stamped.last_updated.timestamp())
    return response


def _page_url(request: HttpRequest, query_string: str) -> str:
    return request.build_absolute_uri(request.path) + ("?" + query_string if query_string else "")


def search_response(request: HttpRequest, query: Query, page: list[Stamped], total: int) -> HttpResponse:
    """A searchset Bundle with the true total and self/first/previous/next links of the applied search."""
    links = [
        {"relation": "self", "url": _page_url(request, query.link())},
        {"relation": "first", "url": _page_url(request, query.link(offset=0))},
    ]
    if query.offset > 0 and query.count > 0:
        links.append(
            {
                "relation": "previous",
                "url": _page_url(request, query.link(offset=max(0, query.offset - query.count))),
            }
        )
    if query.count > 0 and query.offset + query.count < total:
        links.append(
            {"relation": "next", "url": _page_url(request, query.link(offset=query.offset + query.count))}
        )
    base = request.build_absolute_uri("/fhir/")
    bundle = {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": total,
        "link": links,
        "entry": [
            {"fullUrl": f"{base}{s.resource_type}/{s.id}", "resource": s.data, "search": {"mode": "match"}}
            for s in page
        ],
    }
    if not bundle["entry"]:
        del bundle["entry"]
    Bundle.model_validate(bundle)
    return HttpResponse(json.dumps(bundle, ensure_ascii=False), content_type=FHIR_JSON)
