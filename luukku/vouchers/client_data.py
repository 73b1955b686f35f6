"""What vouchers tell the access policy and the own-data export about their client data.

A voucher decision, the income data used for it, the provider chosen and the services delivered are
social care client data (Client Data Act 703/2023 § 4): the service event is "voucher:<service code>".
"""

from django.utils import timezone

CATEGORY = "social"


def scope(voucher) -> tuple[str, str]:
    return CATEGORY, f"voucher:{voucher.service.code}"


def event_scope(data: dict) -> tuple[str, str]:
    return CATEGORY, data.get("service_event", "voucher")


def as_json(voucher) -> dict:
    def day(value) -> str | None:
        return value.isoformat() if value else None

    return {
        "service": voucher.service.code,
        "status": voucher.status,
        "decided_at": timezone.localtime(voucher.decided_at).isoformat(),
        "reason": voucher.reason,
        "valid_from": day(voucher.valid_from),
        "valid_until": day(voucher.valid_until),
        "units_per_month": str(voucher.units_per_month),
        "value_cents": voucher.value_cents,
        "household_size": voucher.household_size,
        "monthly_income_cents": voucher.monthly_income_cents,
        "provider": voucher.provider.name if voucher.provider else None,
        "price_cents": voucher.price_cents,
        "services_delivered": [
            {
                "day": event.day.isoformat(),
                "units": str(event.units),
                "county_cents": event.county_cents,
                "client_cents": event.client_cents,
                "status": event.status,
            }
            for event in voucher.events.order_by("day")
        ],
    }


def summary(voucher) -> str:
    decided = timezone.localtime(voucher.decided_at).strftime("%d.%m.%Y")
    provider = f" · {voucher.provider.name}" if voucher.provider else ""
    return f"{voucher.service.local_name} · {decided} · {voucher.get_status_display()}{provider}"
