import uuid
from typing import Literal

from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from luukku.web.api_errors import errors
from luukku.web.api_fields import Text
from luukku.web.routes import Audience, route

from . import ptv, services
from .models import DirectoryService, ServiceKind, TargetGroup

router = Router(tags=["directory"])

MunicipalityCode = Literal["109", "694", "061", "165", "082", "086", "433", "834", "169", "103", "981"]


class SearchIn(Schema):
    q: Text(200) = ""
    municipality: MunicipalityCode | None = None
    kind: ServiceKind | None = None
    target_group: TargetGroup | None = None
    language: Text(2) = ""
    open_now: bool = False
    accessible: bool = False
    near_municipality: MunicipalityCode | None = Field(None, description="sort by distance from its centre")
    sort: Literal["relevance", "distance", "name"] | None = None
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(services.PAGE_SIZE, ge=1, le=services.MAX_PAGE_SIZE)


class LocationOut(Schema):
    name: str
    street_address: str
    postal_code: str
    post_office: str
    municipality: str
    latitude: float | None
    longitude: float | None
    step_free_access: bool
    open_now: bool


class ServiceOut(Schema):
    id: uuid.UUID
    name: str
    summary: str
    provider: str
    kind: str
    target_groups: list[str]
    languages: list[str]
    municipalities: list[str]
    charge_type: str
    fee_cents: int | None
    booking_service: str | None
    distance_km: float | None = None
    score: float | None = None
    locations: list[LocationOut]


class SearchOut(Schema):
    total: int
    page: int
    pages: int
    results: list[ServiceOut]


def _out(service: DirectoryService, hit: services.Hit | None = None) -> ServiceOut:
    return ServiceOut(
        id=service.public_id,
        name=service.local_name,
        summary=service.local_summary,
        provider=service.provider.local_name,
        kind=service.kind,
        target_groups=service.target_group_list,
        languages=service.language_list,
        municipalities=service.area_list,
        charge_type=service.charge_type,
        fee_cents=service.fee_cents,
        booking_service=service.booking_service.code if service.booking_service else None,
        distance_km=round(hit.distance_km, 2) if hit and hit.distance_km is not None else None,
        score=hit.score if hit else None,
        locations=[
            LocationOut(
                name=location.name,
                street_address=location.street_address,
                postal_code=location.postal_code,
                post_office=location.post_office,
                municipality=location.municipality_code,
                latitude=location.latitude,
                longitude=location.longitude,
                step_free_access=location.step_free_access,
                open_now=services.is_open(location),
            )
            for location in service.locations.all()
        ],
    )


@route(Audience.PUBLIC, "none")
@router.get("/services", response={200: SearchOut, **errors(422)})
def search_services(request, filters: Query[SearchIn]):
    """Search the directory (fi/sv/en, stemming, typos tolerated); filters AND together."""
    home = services.home_of(filters.near_municipality or "")
    query = services.Query(
        text=filters.q,
        municipality=filters.municipality or "",
        kind=filters.kind or "",
        target_group=filters.target_group or "",
        language=filters.language,
        open_now=filters.open_now,
        accessible=filters.accessible,
        home=home,
        sort=filters.sort or ("relevance" if filters.q else ("distance" if home else "name")),
        page=filters.page,
        page_size=filters.page_size,
    )
    results = services.search(query)
    prefetch_related_objects([hit.service for hit in results.hits], "locations__hours")
    return SearchOut(
        total=results.total,
        page=results.query.page,
        pages=results.pages,
        results=[_out(hit.service, hit) for hit in results.hits],
    )


def _published(public_id: uuid.UUID) -> DirectoryService:
    return get_object_or_404(
        DirectoryService.objects.published()
        .select_related("provider", "booking_service")
        .prefetch_related("locations__hours", "contacts"),
        public_id=public_id,
    )


@route(Audience.PUBLIC, "none")
@router.get("/services/{public_id}", response={200: ServiceOut, **errors(404, 422)})
def service_detail(request, public_id: uuid.UUID):
    return _out(_published(public_id))


@route(Audience.PUBLIC, "none")
@router.get("/services/{public_id}/ptv", response={200: dict, **errors(404, 422)})
def service_as_ptv(request, public_id: uuid.UUID):
    """The service in the national Service Catalogue's open-API (v11) shape: `{services, serviceChannels}`."""
    return ptv.to_ptv(_published(public_id))
