import datetime as dt

from luukku.directory import services
from luukku.directory.models import (
    ChargeType,
    DirectoryService,
    Location,
    OpeningHours,
    Provider,
    ServiceKind,
    code_list,
)


def make_service(
    name: str = "Testipalvelu",
    *,
    kind: str = ServiceKind.THIRD_SECTOR,
    municipality: str = "109",
    target_groups: tuple[str, ...] = ("everyone",),
    languages: tuple[str, ...] = ("fi",),
    at: tuple[float, float] = (60.9959, 24.4643),
    hours: tuple[tuple[int, int, int], ...] = ((0, 8, 16),),
    step_free: bool = False,
    open_on_holidays: bool = False,
    fee_cents: int | None = None,
    **fields,
) -> DirectoryService:
    provider = Provider.objects.create(name=f"{name} ry", kind=kind)
    service = DirectoryService(
        provider=provider,
        kind=kind,
        name=name,
        target_groups=code_list(target_groups),
        languages=code_list(languages),
        areas=code_list([municipality]),
        charge_type=ChargeType.CHARGEABLE if fee_cents else ChargeType.FREE,
        fee_cents=fee_cents,
        **fields,
    )
    service.save()
    location = Location.objects.create(
        service=service,
        street_address="Raatihuoneenkatu 1",
        postal_code="13100",
        post_office="Hämeenlinna",
        municipality_code=municipality,
        latitude=at[0],
        longitude=at[1],
        step_free_access=step_free,
        open_on_holidays=open_on_holidays,
    )
    for weekday, opens, closes in hours:
        OpeningHours.objects.create(
            location=location, weekday=weekday, opens=dt.time(opens), closes=dt.time(closes)
        )
    return services.save_service(service)
