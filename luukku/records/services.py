"""Records management rules: what is due, legal holds, the retention job and its dry run.

A record is due when its class has a fixed retention (`retention_years` not None), its start day is
known and the retention has ended (`retention.is_due`), and no legal hold covers it: none on its
person, none on the record itself, and the owning app's own `held` check says no. Due records are
destroyed, or put in the archive (`adapters.archive()`) and then removed from Luukku, one batch per
transaction: a failing batch rolls back alone and the next run picks it up again (idempotent).
Nothing about a person is written to the destruction log or to the events: counts per class only.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from luukku.audit.services import record_event
from luukku.identity.models import Resident, Role
from luukku.identity.services import active_roles

from . import adapters, retention
from .models import DestructionLogEntry, Disposal, LegalHold, RecordClass, RetentionRun
from .registry import RecordType, record_type, record_types

BATCH = 200


def is_records_officer(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and holds_records_officer_role(active_roles(user))


def holds_records_officer_role(roles: list) -> bool:
    return any(r.role == Role.RECORDS_OFFICER for r in roles)


def require_records_officer(user: AbstractBaseUser) -> None:
    if not is_records_officer(user):
        raise PermissionDenied(_("Only a records officer may do this."))


# --- Which records are due -------------------------------------------------------------------------


def _field(model: type[models.Model], path: str) -> models.Field:
    parts = path.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(parts[-1])


def _held_people() -> models.QuerySet:
    return LegalHold.objects.filter(scope=LegalHold.Scope.PERSON, lifted_at__isnull=True).values("person_id")


def _held_ids(key: str) -> list[str]:
    return list(
        LegalHold.objects.filter(
            scope=LegalHold.Scope.RECORD, record_type=key, lifted_at__isnull=True
        ).values_list("record_id", flat=True)
    )


def past_retention(kind: RecordType, record_class: RecordClass, today: dt.date) -> models.QuerySet:
    """Records of `kind` whose retention ended before `today` (holds not yet applied)."""
    queryset = kind.queryset()
    if record_class.retention_years is None:
        return queryset.none()
    last = retention.latest_due_start(today, record_class.retention_years, record_class.counted_from_year_end)
    field = _field(queryset.model, kind.start_field)
    if isinstance(field, models.DateTimeField):
        limit = {f"{kind.start_field}__lt": retention.start_of_day_after(last)}
    else:
        limit = {f"{kind.start_field}__lte": last}
    return queryset.filter(**{f"{kind.start_field}__isnull": False}, **limit)


def not_held(kind: RecordType, queryset: models.QuerySet) -> models.QuerySet:
    """Without the records under a legal hold in force (on their person or on the record)."""
    if kind.person_field:
        queryset = queryset.exclude(**{f"{kind.person_field}__in": _held_people()})
    held = _held_ids(kind.key)
    if held:
        queryset = queryset.exclude(pk__in=[int(pk) for pk in held if pk.isdigit()])
    return queryset


@dataclass(frozen=True)
class DueRow:
    """One line of the dry-run report: a record type of a class, counts only."""

    record_class: RecordClass
    record_type: str
    past_retention: int
    held: int
    disposal: str

    @property
    def due(self) -> int:
        return self.past_retention - self.held


def _classes() -> dict[str, RecordClass]:
    return {c.code: c for c in RecordClass.objects.all()}


def dry_run(today: dt.date | None = None) -> list[DueRow]:
    """What the retention job would do today, per class and record type; changes nothing."""
    today = today or timezone.localdate()
    classes = _classes()
    rows = []
    for kind in record_types():
        record_class = classes.get(kind.record_class)
        if record_class is None:
            continue
        past = past_retention(kind, record_class, today)
        total = past.count()
        free = not_held(kind, past)
        due = (
            sum(1 for obj in free.iterator() if not (kind.held and kind.held(obj)))
            if kind.held
            else free.count()
        )
        rows.append(DueRow(record_class, kind.key, total, total - due, record_class.disposal))
    return sorted(rows, key=lambda row: (row.record_class.code, row.record_type))


def unclassified() -> list[str]:
    """Registered record types whose class is missing from the schedule (they are never disposed of)."""
    codes = set(RecordClass.objects.values_list("code", flat=True))
    return [kind.key for kind in record_types() if kind.record_class not in codes]


# --- The retention job -------------------------------------------------------------------------------


def _package(kind: RecordType, record_class: RecordClass, obj: models.Model) -> adapters.ArchivePackage:
    start = retention.local_day(_value(obj, kind.start_field))
    content = kind.as_json(obj) if kind.as_json else serializers.serialize("python", [obj])[0]
    return adapters.ArchivePackage(
        package_id=f"{kind.key}-{obj.pk}",
        record_type=kind.key,
        class_code=record_class.code,
        class_title=record_class.name_fi,
        created=start.isoformat(),
        retention=f"{record_class.retention_years} y",
        retention_reason=record_class.legal_basis,
        publicity=record_class.publicity,
        secrecy_ground=record_class.secrecy_ground,
        personal_data=record_class.personal_data,
        content=content,
        client_hetu=getattr(_value(obj, kind.person_field), "hetu", "") if kind.person_field else "",
    )


def _value(obj: models.Model, path: str) -> object:
    for part in path.split("__"):
        obj = getattr(obj, part)
        if obj is None:
            return None
    return obj


def _batches(queryset: models.QuerySet) -> Iterator[list[int]]:
    """Primary keys in batches, read afresh each time (records of a finished batch are gone)."""
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        ids = list(page.values_list("pk", flat=True)[:BATCH])
        if not ids:
            return
        last = ids[-1]
        yield ids


def _dispose_batch(
    kind: RecordType, record_class: RecordClass, ids: list[int], archive: adapters.Archive
) -> tuple[int, int]:
    """One transaction: re-read the batch under lock, skip held ones, archive, delete. Returns (done,
    blocked): records other records protect (a response with its assessment) stay and are counted."""
    done = blocked = 0
    with transaction.atomic():
        queryset = not_held(kind, kind.queryset().filter(pk__in=ids)).select_for_update(of=("self",))
        going = [obj for obj in queryset.order_by("pk") if not (kind.held and kind.held(obj))]
        if record_class.disposal == Disposal.ARCHIVE:
            for obj in going:
                archive.store(_package(kind, record_class, obj))
        try:
            with transaction.atomic():  # the whole batch in one delete (fast path)
                queryset.model._base_manager.filter(pk__in=[obj.pk for obj in going]).delete()
            done = len(going)
        except (ProtectedError, RestrictedError):
            for obj in going:  # one by one: the protected ones stay, the others go
                try:
                    with transaction.atomic():
                        obj.delete()
                except (ProtectedError, RestrictedError):
                    blocked += 1
                else:
                    done += 1
    return done, blocked


def apply_retention(
    today: dt.date | None = None,
    by: AbstractBaseUser | None = None,
    trigger: str = "command",
    archive: adapters.Archive | None = None,
) -> RetentionRun:
    """Dispose of every record past retention and not held; log counts per class and type."""
    today = today or timezone.localdate()
    archive = archive or adapters.archive()
    run = RetentionRun.objects.create(today=today, started_by=by, trigger=trigger)
    classes = _classes()
    for kind in record_types():
        record_class = classes.get(kind.record_class)
        if record_class is None or record_class.retention_years is None:
            continue
        done = blocked = 0
        for ids in _batches(not_held(kind, past_retention(kind, record_class, today))):
            batch_done, batch_blocked = _dispose_batch(kind, record_class, ids, archive)
            done += batch_done
            blocked += batch_blocked
        _log(run, record_class, kind.key, done, blocked)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def _log(run: RetentionRun, record_class: RecordClass, key: str, done: int, blocked: int) -> None:
    action = (
        DestructionLogEntry.Action.ARCHIVED
        if record_class.disposal == Disposal.ARCHIVE
        else DestructionLogEntry.Action.DESTROYED
    )
    if done:
        DestructionLogEntry.objects.create(
            run=run, record_class=record_class, record_type=key, action=action, count=done
        )
        record_event(
            f"records.{action}", run=run.pk, record_class=record_class.code, record_type=key, count=done
        )
    if blocked:
        DestructionLogEntry.objects.create(
            run=run,
            record_class=record_class,
            record_type=key,
            action=DestructionLogEntry.Action.BLOCKED,
            count=blocked,
        )


def record_dry_run(today: dt.date | None = None, by: AbstractBaseUser | None = None) -> RetentionRun:
    """A dry run kept in the log (when it was looked at, by whom); the rows are computed when shown."""
    return RetentionRun.objects.create(
        today=today or timezone.localdate(),
        dry_run=True,
        started_by=by,
        trigger="desk",
        finished_at=timezone.now(),
    )


# --- Legal holds -------------------------------------------------------------------------------------


def place_person_hold(officer: AbstractBaseUser, person: Resident, reason: str) -> LegalHold:
    """Keep everything of `person` past retention (a complaint, a claim, a court case)."""
    require_records_officer(officer)
    hold = LegalHold.objects.create(
        scope=LegalHold.Scope.PERSON, person=person, reason=reason.strip(), placed_by=officer
    )
    record_event("records.hold_placed", actor=officer, hold=hold.pk, scope=hold.scope)
    return hold


def place_record_hold(officer: AbstractBaseUser, key: str, record_id: str, reason: str) -> LegalHold:
    """Keep one record past retention. The record must exist (its type registered)."""
    require_records_officer(officer)
    kind = record_type(key)
    if kind is None:
        raise ValidationError(_("Unknown record type."))
    if not record_id.isdigit() or not kind.queryset().filter(pk=int(record_id)).exists():
        raise ValidationError(_("No such record."))
    hold = LegalHold.objects.create(
        scope=LegalHold.Scope.RECORD,
        record_type=key,
        record_id=record_id,
        reason=reason.strip(),
        placed_by=officer,
    )
    record_event("records.hold_placed", actor=officer, hold=hold.pk, scope=hold.scope, record_type=key)
    return hold


def lift_hold(officer: AbstractBaseUser, hold: LegalHold, reason: str) -> LegalHold:
    require_records_officer(officer)
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.lifted_at is not None:
            raise ValidationError(_("The hold has already been lifted."))
        hold.lifted_at, hold.lifted_by, hold.lift_reason = timezone.now(), officer, reason.strip()
        hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    record_event("records.hold_lifted", actor=officer, hold=hold.pk, scope=hold.scope)
    return hold


def holds_in_force() -> models.QuerySet:
    return LegalHold.objects.filter(lifted_at__isnull=True).select_related("placed_by")


def place_person_hold_by_hetu(officer: AbstractBaseUser, hetu: str, reason: str) -> LegalHold:
    """The officer names the person by henkilötunnus (never shown back): only a client with records in
    Luukku can be held."""
    require_records_officer(officer)
    person = Resident.objects.filter(hetu=hetu).first()
    if person is None:
        raise ValidationError(_("No client with this personal identity code has records in Luukku."))
    return place_person_hold(officer, person, reason)
