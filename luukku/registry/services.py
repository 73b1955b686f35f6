"""What other apps may do with the local population register (demo data and test personas)."""

import datetime as dt

from .demo_county import CountySummary, generate_county
from .models import Guardianship, RegisterPerson

__all__ = ["CountySummary", "generate_county", "has_population", "put_guardianship", "put_person"]


def has_population() -> bool:
    return RegisterPerson.objects.exists()


def put_person(
    hetu: str,
    first_names: str,
    last_name: str,
    birth_date: dt.date,
    sex: str,
    municipality_code: str,
    street_address: str = "",
    postal_code: str = "",
    post_office: str = "",
    date_of_death: dt.date | None = None,
    mother_tongue: str = "fi",
    address_protected: bool = False,
) -> None:
    """Create or update one person of the local register (used for test personas)."""
    RegisterPerson.objects.update_or_create(
        hetu=hetu,
        defaults={
            "first_names": first_names,
            "last_name": last_name,
            "birth_date": birth_date,
            "sex": sex,
            "municipality_code": municipality_code,
            "street_address": street_address,
            "postal_code": postal_code,
            "post_office": post_office,
            "date_of_death": date_of_death,
            "mother_tongue": mother_tongue,
            "address_protected": address_protected,
        },
    )


def put_guardianship(
    guardian_hetu: str, child_hetu: str, valid_from: dt.date, valid_until: dt.date | None = None
) -> None:
    Guardianship.objects.get_or_create(
        guardian=RegisterPerson.objects.get(hetu=guardian_hetu),
        child=RegisterPerson.objects.get(hetu=child_hetu),
        valid_from=valid_from,
        defaults={"valid_until": valid_until},
    )
