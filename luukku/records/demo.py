"""Demo: the retention schedule, a records officer (arkisto.aila), and a few records past retention
with holds, so the dry run and the holds show on `/ammattilainen/arkistointi/`."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from luukku.identity import demo_accounts
from luukku.identity.models import OrgUnit, Professional, Role, RoleAssignment
from luukku.identity.personas import BY_KEY, DEMO_PASSWORD
from luukku.identity.services import resident_from_register

from . import retention, schedule, services
from .models import LegalHold, RecordClass
from .registry import record_types

OFFICER = "arkisto.aila"
PER_TYPE = 3  # records of each type backdated past their retention


def seed_schedule() -> str:
    return schedule.seed_schedule()


@transaction.atomic
def seed_officer() -> str:
    user, created = get_user_model().objects.get_or_create(
        username=OFFICER, defaults={"first_name": "Aila", "last_name": "Arkisto"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    demo_accounts.mark(user)
    professional, _made = Professional.objects.get_or_create(user=user, defaults={"title": "arkistonhoitaja"})
    RoleAssignment.objects.get_or_create(
        professional=professional,
        role=Role.RECORDS_OFFICER,
        unit=OrgUnit.objects.get(code="kanta-hame"),
        defaults={"valid_from": dt.date(2023, 1, 1)},
    )
    return f"{OFFICER} ({Role.RECORDS_OFFICER.value})"


@transaction.atomic
def seed_old_records() -> str:
    """Backdate a few records of each registered type past their class's retention (demo data is
    young), then hold one client's records and one record, so the dry run shows both."""
    if LegalHold.objects.exists():
        return "holds already seeded"
    officer = get_user_model().objects.get(username=OFFICER)
    classes = {c.code: c for c in RecordClass.objects.all()}
    today = timezone.localdate()
    moved, first = 0, None
    for kind in record_types():
        record_class = classes.get(kind.record_class)
        if record_class is None or record_class.retention_years is None or "__" in kind.start_field:
            continue
        old_day = retention.latest_due_start(
            today, record_class.retention_years, record_class.counted_from_year_end
        )
        old_day -= dt.timedelta(days=30)
        field = kind.queryset().model._meta.get_field(kind.start_field)
        value = (
            timezone.make_aware(dt.datetime.combine(old_day, dt.time(12)))
            if isinstance(field, models.DateTimeField)
            else old_day
        )
        ids = list(
            kind.queryset()
            .filter(**{f"{kind.start_field}__isnull": False})
            .order_by("pk")
            .values_list("pk", flat=True)[:PER_TYPE]
        )
        kind.queryset().filter(pk__in=ids).update(**{kind.start_field: value})
        moved += len(ids)
        if ids and first is None:
            first = (kind, ids)
    if first:
        kind, ids = first
        services.place_record_hold(
            officer, kind.key, str(ids[0]), "Kantelu aluehallintovirastossa (AVI 2026/45)."
        )
    # A client's whole records held for a patient injury claim (a persona: the hold list shows it).
    matti = resident_from_register(BY_KEY["matti"].hetu)
    services.place_person_hold(officer, matti, "Potilasvahinkoilmoitus käsittelyssä (PVK 2026/123).")
    return f"{moved} records backdated past retention, {LegalHold.objects.count()} holds"
