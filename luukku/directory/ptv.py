"""The national Service Catalogue (Palvelutietovaranto, PTV): import from its open API (version 11) and
map back.

An export is a JSON object `{"services": [...], "serviceChannels": [...]}` holding what the open API's
`GET /api/v11/Service/...` (V11VmOpenApiService) and `GET /api/v11/ServiceChannel/...`
(V11VmOpenApiServiceLocationChannel) return; the open API serves them from separate endpoints, the
wrapper object is ours. Field names and value sets follow PTV's published v11 model: localized lists
`{language, value, type}`, `serviceChargeType` Chargeable / FreeOfCharge / Other, `areaType` Nationwide /
NationwideExceptAlandIslands / LimitedType, organisation roles Responsible / Producer with
`provisionType` SelfProducedServices / ProcuredServices / Other, service hours of type DaysOfTheWeek
with `openingHour[{dayFrom, dayTo, from, to}]`, addresses of type Location with `streetAddress`.
Coordinates in PTV are ETRS-TM35FIN (EPSG:3067) northing/easting strings; values that are plainly
degrees are taken as WGS 84.

Import is idempotent: a service, provider and location are found again by their PTV id and updated.
"""

import datetime as dt
import uuid
from collections.abc import Iterable

from django.db import transaction

from luukku.registry.municipalities import KANTA_HAME

from . import geo, services
from .models import (
    ChargeType,
    ContactChannel,
    DirectoryService,
    Location,
    OpeningHours,
    Provider,
    ServiceKind,
    TargetGroup,
    code_list,
    codes,
)

FINTO = "http://urn.fi/URN:NBN:fi:au:ptvl:v"
# PTV's target-group classification (ptvl) codes for the county's groups. KR1 = citizens; the sub-codes
# are given from the classification as we understand it and should be checked against Finto.
TARGET_GROUPS = {
    TargetGroup.EVERYONE: "KR1",
    TargetGroup.OLDER: "KR1.1",
    TargetGroup.FAMILIES: "KR1.2",
    TargetGroup.IMMIGRANTS: "KR1.3",
    TargetGroup.MENTAL_HEALTH: "KR1.4",
    TargetGroup.YOUNG: "KR1.5",
    TargetGroup.DISABLED: "KR1.6",
    TargetGroup.ADULTS: "KR1.7",
    TargetGroup.CARERS: "KR1.8",
}
TARGET_GROUPS_BACK = {code: group for group, code in TARGET_GROUPS.items()}
CHARGE = {ChargeType.FREE: "FreeOfCharge", ChargeType.CHARGEABLE: "Chargeable", ChargeType.OTHER: "Other"}
CHARGE_BACK = {v: k for k, v in CHARGE.items()} | {"Free": ChargeType.FREE, "Charged": ChargeType.CHARGEABLE}
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
COUNTY = {m.code for m in KANTA_HAME}
MUNICIPALITY_NAMES = {m.code: (m.name_fi, m.name_sv) for m in KANTA_HAME}


class PtvError(ValueError):
    """The export is not what PTV's open API returns."""


def _localized(items: Iterable[dict] | None, kind: str | None = None) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items or ():
        if kind is None or item.get("type") == kind:
            language, value = item.get("language"), item.get("value")
            if isinstance(language, str) and isinstance(value, str):
                found.setdefault(language, value)
    return found


def _uuid(value: object) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as error:
        raise PtvError(f"not a PTV id: {value!r}") from error


def _coordinates(address: dict) -> tuple[float | None, float | None]:
    try:
        first, second = float(address["latitude"]), float(address["longitude"])
    except (KeyError, TypeError, ValueError):
        return None, None
    if abs(first) <= 90 and abs(second) <= 180:
        return first, second
    return geo.from_tm35fin(first, second)


def _kind(service: dict) -> str:
    if service.get("serviceVouchersInUse"):
        return ServiceKind.VOUCHER
    if service.get("fundingType") == "MarketFunded":
        return ServiceKind.PRIVATE
    provisions = {o.get("provisionType") for o in service.get("organizations") or ()}
    if "ProcuredServices" in provisions or "PurchaseServices" in provisions:
        return ServiceKind.PURCHASED
    return ServiceKind.OWN


def _areas(service: dict) -> set[str]:
    if service.get("areaType") in ("Nationwide", "NationwideExceptAlandIslands"):
        return set(COUNTY)
    found = set()
    for area in service.get("areas") or ():
        if area.get("type") == "Municipality" and area.get("code") in COUNTY:
            found.add(area["code"])
        for municipality in area.get("municipalities") or ():
            if municipality.get("code") in COUNTY:
                found.add(municipality["code"])
    return found


def _provider(service: dict, unit=None) -> Provider:
    organisations = service.get("organizations") or ()
    responsible = next((o for o in organisations if o.get("roleType") == "Responsible"), None)
    item = (responsible or {}).get("organization") or service.get("mainOrganization") or {}
    if not item.get("id"):
        raise PtvError("a service without a responsible organisation")
    ptv_id = _uuid(item["id"])
    provider, _created = Provider.objects.get_or_create(
        ptv_id=ptv_id, defaults={"name": (item.get("name") or "")[:150] or str(ptv_id), "unit": unit}
    )
    return provider


@transaction.atomic
def import_export(data: dict, unit=None) -> list[DirectoryService]:
    """Store the published services of a PTV export (and their service locations). `unit` is the
    county's unit the services are attached to when they are the county's own."""
    if not isinstance(data, dict) or not isinstance(data.get("services"), list):
        raise PtvError("expected an object with a list of services")
    channels = {}
    for channel in data.get("serviceChannels") or ():
        if channel.get("serviceChannelType") == "ServiceLocation" and channel.get("id"):
            channels[str(channel["id"])] = channel
    imported = []
    for item in data["services"]:
        if item.get("publishingStatus", "Published") != "Published":
            continue
        imported.append(_import_service(item, channels, unit))
    services.reindex(imported)
    return imported


def _import_service(item: dict, channels: dict[str, dict], unit) -> DirectoryService:
    names = _localized(item.get("serviceNames"), "Name")
    if "fi" not in names:
        raise PtvError("a service without a Finnish name")
    summaries = _localized(item.get("serviceDescriptions"), "Summary")
    descriptions = _localized(item.get("serviceDescriptions"), "Description")
    charge_info = _localized(item.get("serviceDescriptions"), "ChargeTypeAdditionalInfo")
    keywords = [k.get("value", "") for k in item.get("keywords") or () if k.get("language") == "fi"]
    groups = {
        TARGET_GROUPS_BACK[g["code"]]
        for g in item.get("targetGroups") or ()
        if g.get("code") in TARGET_GROUPS_BACK
    }
    kind = _kind(item)
    values = {
        "provider": _provider(item, unit if kind == ServiceKind.OWN else None),
        "unit": unit if kind in (ServiceKind.OWN, ServiceKind.PURCHASED) else None,
        "kind": kind,
        "name": names["fi"][:100],
        "name_sv": names.get("sv", "")[:100],
        "name_en": names.get("en", "")[:100],
        "summary": summaries.get("fi", "")[:150],
        "summary_sv": summaries.get("sv", "")[:150],
        "summary_en": summaries.get("en", "")[:150],
        "description": descriptions.get("fi", "")[:2500],
        "description_sv": descriptions.get("sv", "")[:2500],
        "description_en": descriptions.get("en", "")[:2500],
        "keywords": ", ".join(keywords)[:300],
        "target_groups": code_list(groups or {TargetGroup.EVERYONE}),
        "languages": code_list([lang for lang in item.get("languages") or () if isinstance(lang, str)][:10]),
        "areas": code_list(_areas(item)),
        "charge_type": CHARGE_BACK.get(item.get("serviceChargeType"), ChargeType.FREE),
        "fee_info": charge_info.get("fi", "")[:500],
        "published": True,
    }
    service, _created = DirectoryService.objects.update_or_create(
        ptv_id=_uuid(item.get("id")), defaults=values
    )
    service.locations.all().delete()
    service.contacts.all().delete()
    for link in item.get("serviceChannels") or ():
        channel = channels.get(str((link.get("serviceChannel") or {}).get("id")))
        if channel:
            _import_location(service, channel)
    return service


def _import_location(service: DirectoryService, channel: dict) -> None:
    address = next(
        (a for a in channel.get("addresses") or () if a.get("type") == "Location" and a.get("streetAddress")),
        None,
    )
    if address is None:
        return
    street = address["streetAddress"]
    latitude, longitude = _coordinates(street)
    location = Location.objects.create(
        service=service,
        name=_localized(channel.get("serviceChannelNames"), "Name").get("fi", "")[:150],
        street_address=(
            f"{_localized(street.get('street')).get('fi', '')} {street.get('streetNumber') or ''}".strip()[
                :130
            ]
        ),
        postal_code=str(street.get("postalCode") or "")[:5],
        post_office=_localized(street.get("postOffice")).get("fi", "")[:60],
        municipality_code=str((street.get("municipality") or {}).get("code") or "")[:3],
        latitude=latitude,
        longitude=longitude,
        ptv_id=_uuid(channel["id"]),
    )
    for hours in channel.get("serviceHours") or ():
        if hours.get("serviceHourType") != "DaysOfTheWeek" or hours.get("isClosed"):
            continue
        for opening in hours.get("openingHour") or ():
            first = DAYS.index(opening["dayFrom"])
            last = DAYS.index(opening.get("dayTo") or opening["dayFrom"])
            for day in range(first, last + 1):
                OpeningHours.objects.create(
                    location=location,
                    weekday=day,
                    opens=dt.time.fromisoformat(opening["from"]),
                    closes=dt.time.fromisoformat(opening["to"]),
                )
    for phone in channel.get("phoneNumbers") or ():
        if phone.get("type", "Phone") == "Phone" and phone.get("number"):
            number = f"{phone.get('prefixNumber') or ''}{phone['number']}".replace(" ", "")
            ContactChannel.objects.create(service=service, kind="phone", value=number[:300])
    for email in channel.get("supportEmails") or channel.get("emails") or ():
        if email.get("value"):
            ContactChannel.objects.create(service=service, kind="email", value=email["value"][:300])
    for page in channel.get("webPages") or ():
        if page.get("url"):
            ContactChannel.objects.create(service=service, kind="web", value=page["url"][:300])


# ---------------------------------------------------------------- back to PTV


def _items(values: dict[str, str], kind: str | None = None) -> list[dict]:
    return [
        {"language": language, "value": value, **({"type": kind} if kind else {})}
        for language, value in values.items()
        if value
    ]


def to_ptv(service: DirectoryService) -> dict:
    """The service as PTV's V11VmOpenApiService, with its locations as V11VmOpenApiServiceLocationChannel
    (under the key `serviceChannels`, as in an export)."""
    provision = {ServiceKind.PURCHASED: "ProcuredServices", ServiceKind.OWN: "SelfProducedServices"}
    provider_id = str(service.provider.ptv_id or service.provider.public_id)
    descriptions = _items(
        {"fi": service.summary, "sv": service.summary_sv, "en": service.summary_en}, "Summary"
    )
    descriptions += _items(
        {"fi": service.description, "sv": service.description_sv, "en": service.description_en}, "Description"
    )
    if service.fee_info:
        descriptions += _items({"fi": service.fee_info}, "ChargeTypeAdditionalInfo")
    areas = codes(service.areas)
    channels = [_location_to_ptv(service, location) for location in service.locations.all()]
    data = {
        "id": str(service.ptv_id or service.public_id),
        "type": "Service",
        "fundingType": "MarketFunded" if service.kind == ServiceKind.PRIVATE else "PubliclyFunded",
        "serviceNames": _items({"fi": service.name, "sv": service.name_sv, "en": service.name_en}, "Name"),
        "serviceDescriptions": descriptions,
        "serviceChargeType": CHARGE[service.charge_type],
        "languages": codes(service.languages),
        "keywords": [
            {"language": "fi", "value": k.strip()} for k in service.keywords.split(",") if k.strip()
        ],
        "serviceVouchersInUse": service.kind == ServiceKind.VOUCHER,
        "areaType": "LimitedType",
        "areas": [
            {
                "type": "Municipality",
                "code": code,
                "name": _items(dict(zip(("fi", "sv"), MUNICIPALITY_NAMES.get(code, ("", "")), strict=True))),
            }
            for code in areas
        ],
        "targetGroups": [
            {"code": TARGET_GROUPS[g], "uri": f"{FINTO}{TARGET_GROUPS[g]}"}
            for g in codes(service.target_groups)
            if g in TARGET_GROUPS
        ],
        "organizations": [
            {
                "roleType": "Responsible",
                "organization": {"id": provider_id, "name": service.provider.name},
                "provisionType": provision.get(service.kind, "Other"),
            }
        ],
        "serviceChannels": [
            {"serviceChannel": {"id": c["id"], "name": c["serviceChannelNames"][0]["value"]}}
            for c in channels
        ],
        "publishingStatus": "Published" if service.published else "Draft",
        "modified": service.updated_at.isoformat(),
    }
    return {"services": [data], "serviceChannels": channels}


def _location_to_ptv(service: DirectoryService, location: Location) -> dict:
    street_name, _sep, number = location.street_address.rpartition(" ")
    if not street_name or not any(c.isdigit() for c in number):
        street_name, number = location.street_address, ""
    address: dict = {
        "street": [{"language": "fi", "value": street_name}],
        "streetNumber": number,
        "postalCode": location.postal_code,
        "postOffice": [{"language": "fi", "value": location.post_office}],
        "municipality": {"code": location.municipality_code},
    }
    if location.latitude is not None:
        northing, easting = geo.to_tm35fin(location.latitude, location.longitude)
        address |= {"latitude": f"{northing:.3f}", "longitude": f"{easting:.3f}", "coordinateState": "Ok"}
    opening = [
        {
            "dayFrom": DAYS[h.weekday],
            "from": h.opens.strftime("%H:%M:%S"),
            "to": h.closes.strftime("%H:%M:%S"),
        }
        for h in location.hours.all()
    ]
    contacts = list(service.contacts.all())
    return {
        "id": str(location.ptv_id or uuid.uuid5(uuid.NAMESPACE_URL, f"urn:luukku:location:{location.pk}")),
        "serviceChannelType": "ServiceLocation",
        "serviceChannelNames": [{"language": "fi", "value": location.name or service.name, "type": "Name"}],
        "addresses": [{"type": "Location", "subType": "Single", "country": "FI", "streetAddress": address}],
        "serviceHours": [{"serviceHourType": "DaysOfTheWeek", "validForNow": True, "openingHour": opening}]
        if opening
        else [],
        "phoneNumbers": [
            {"type": "Phone", "number": c.value, "language": "fi", "isFinnishServiceNumber": False}
            for c in contacts
            if c.kind == "phone"
        ],
        "supportEmails": [{"language": "fi", "value": c.value} for c in contacts if c.kind == "email"],
        "webPages": [
            {"language": "fi", "url": c.value, "value": c.value} for c in contacts if c.kind == "web"
        ],
    }
