"""The retention job, holds and the dry run on real client records of the shared test county."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from luukku.audit.models import Event
from luukku.inbox.models import Thread
from luukku.payments.models import Invoice
from luukku.records import adapters, services
from luukku.records.models import DestructionLogEntry, LegalHold, RecordClass
from luukku.records.registry import record_types

from .factories import at_local, invoice, officer, resident, thread

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def _archive_dir(settings, tmp_path):
    settings.LUUKKU_RECORDS_ARCHIVE = "local"
    settings.LUUKKU_RECORDS_ARCHIVE_DIR = tmp_path / "archive"


def _row(key: str, today: dt.date):
    return next(row for row in services.dry_run(today) if row.record_type == key)


def test_every_registered_record_type_has_a_class_and_a_working_query(personas):
    keys = {kind.key for kind in record_types()}
    assert {
        "booking.appointment",
        "questionnaires.response",
        "chat.conversation",
        "carepaths.client_path",
        "desk.work_item",
        "inbox.thread",
        "inbox.thread_social",
        "payments.invoice",
        "feedback.feedback",
        "directory.contact_request",
        "assessment.result",
    } <= keys
    assert services.unclassified() == []
    rows = services.dry_run(D(2200, 1, 1))  # every query runs (a wrong field path would raise)
    assert {row.record_type for row in rows} == keys


@pytest.mark.parametrize(
    ("today", "kept"), [(D(2038, 6, 9), True), (D(2038, 6, 10), True), (D(2038, 6, 11), False)]
)
def test_a_health_thread_goes_the_day_after_its_twelve_years(personas, today, kept):
    record = thread(at_local(D(2026, 6, 10)))
    run = services.apply_retention(today)
    assert Thread.objects.filter(pk=record.pk).exists() is kept
    if not kept:
        entry = DestructionLogEntry.objects.get(run=run, record_type="inbox.thread")
        assert (entry.action, entry.count, entry.record_class.code) == ("destroyed", 1, "06.01.06")


@pytest.mark.parametrize(("today", "kept"), [(D(2026, 2, 28), True), (D(2026, 3, 1), False)])
def test_a_social_thread_of_a_leap_day_is_archived_after_28_february(personas, settings, today, kept):
    record = thread(at_local(D(2016, 2, 29)), category="social")
    record.messages.create(body="Hakemuksenne on vastaanotettu.", created_at=at_local(D(2016, 2, 29)))
    services.apply_retention(today)
    assert Thread.objects.filter(pk=record.pk).exists() is kept
    folder = Path(settings.LUUKKU_RECORDS_ARCHIVE_DIR) / "05.01.02" / f"inbox.thread_social-{record.pk}"
    assert folder.exists() is not kept
    if not kept:
        metadata = (folder / "metadata.xml").read_text()
        assert "<ClassCode>05.01.02</ClassCode>" in metadata and "<Created>2016-02-29</Created>" in metadata
        assert "<RetentionPeriod>10 y</RetentionPeriod>" in metadata
        assert f"<PersonalIdentityCode>{record.person.hetu}</PersonalIdentityCode>" in metadata
        content = json.loads((folder / "content.json").read_text())
        assert content["subject"] == record.subject
        assert [m["text"] for m in content["messages"]] == ["Hakemuksenne on vastaanotettu."]


def test_a_late_utc_evening_counts_as_the_next_finnish_day(personas):
    record = thread(dt.datetime(2025, 12, 31, 22, 30, tzinfo=dt.UTC))  # 1.1.2026 00.30 in Helsinki
    services.apply_retention(D(2038, 1, 1))  # the last day is 1.1.2038: kept
    assert Thread.objects.filter(pk=record.pk).exists()
    services.apply_retention(D(2038, 1, 2))
    assert not Thread.objects.filter(pk=record.pk).exists()


def test_the_log_and_events_carry_counts_only_and_a_second_run_does_nothing(personas):
    for _ in range(3):
        thread(at_local(D(2010, 1, 1)))
    first = services.apply_retention(D(2026, 11, 26))
    entry = first.entries.get(record_type="inbox.thread")
    assert entry.count >= 3
    event = Event.objects.get(kind="records.destroyed", data__run=first.pk, data__record_type="inbox.thread")
    assert event.subject is None and set(event.data) == {"run", "record_class", "record_type", "count"}
    second = services.apply_retention(D(2026, 11, 26))
    assert not second.entries.exists()


def test_legal_holds_keep_records_until_lifted(personas):
    aila, lempi = officer(), resident("lempi")
    held_by_person = thread(at_local(D(2010, 1, 1)), person=lempi)
    held_itself = thread(at_local(D(2010, 1, 1)), person=resident("matti"))
    person_hold = services.place_person_hold(aila, lempi, "Potilasvahinkoilmoitus PVK 1/2026")
    services.place_record_hold(aila, "inbox.thread", str(held_itself.pk), "Kantelu AVI 2/2026")
    row = _row("inbox.thread", D(2026, 11, 26))
    assert row.held >= 2 and row.due == row.past_retention - row.held
    services.apply_retention(D(2026, 11, 26))
    assert Thread.objects.filter(pk__in=[held_by_person.pk, held_itself.pk]).count() == 2
    services.lift_hold(aila, person_hold, "Asia ratkaistu")
    services.apply_retention(D(2026, 11, 26))
    assert not Thread.objects.filter(pk=held_by_person.pk).exists()
    assert Thread.objects.filter(pk=held_itself.pk).exists()
    kinds = set(Event.objects.filter(kind__startswith="records.hold").values_list("kind", flat=True))
    assert kinds == {"records.hold_placed", "records.hold_lifted"}
    assert not Event.objects.filter(kind__startswith="records.hold", subject__isnull=False).exists()


def test_only_a_records_officer_places_holds_and_a_hold_needs_a_real_record(personas):
    from django.contrib.auth import get_user_model

    nurse = get_user_model().objects.get(username="hoitaja.riikka")
    with pytest.raises(PermissionDenied):
        services.place_person_hold(nurse, resident(), "x")
    with pytest.raises(ValidationError):
        services.place_record_hold(officer(), "inbox.thread", "999999999", "x")
    with pytest.raises(ValidationError):
        services.place_record_hold(officer(), "no.such", "1", "x")
    hold = services.place_person_hold(officer(), resident(), "x")
    services.lift_hold(officer(), hold, "y")
    with pytest.raises(ValidationError):
        services.lift_hold(officer(), hold, "again")


def test_an_open_invoice_is_kept_and_vouchers_count_from_the_year_end(personas):
    paid = invoice(D(2024, 5, 5))
    still_open = invoice(D(2024, 5, 5), status=Invoice.Status.OPEN)
    services.apply_retention(D(2030, 12, 31))
    assert Invoice.objects.filter(pk=paid.pk).exists()
    row = _row("payments.invoice", D(2031, 1, 1))
    assert row.past_retention >= 2 and row.held >= 1
    services.apply_retention(D(2031, 1, 1))
    assert not Invoice.objects.filter(pk=paid.pk).exists()
    assert Invoice.objects.filter(pk=still_open.pk).exists()


class _FailingArchive:
    def store(self, package):
        raise OSError("disk full")


def test_an_archive_failure_rolls_the_batch_back(personas):
    record = thread(at_local(D(2010, 1, 1)), category="social")
    with pytest.raises(OSError):
        services.apply_retention(D(2026, 11, 26), archive=_FailingArchive())
    assert Thread.objects.filter(pk=record.pk).exists()
    assert not DestructionLogEntry.objects.filter(record_type="inbox.thread_social").exists()


def test_a_permanent_class_is_never_due(personas):
    RecordClass.objects.filter(code="06.01.06").update(retention_years=None)
    record = thread(at_local(D(1990, 1, 1)))
    services.apply_retention(D(2100, 1, 1))
    assert Thread.objects.filter(pk=record.pk).exists()


def test_the_dry_run_changes_nothing_and_the_command_reports_it(personas, capsys):
    record = thread(at_local(D(2010, 1, 1)))
    before = _row("inbox.thread", D(2026, 11, 26)).due
    assert before >= 1
    call_command("apply_retention", "--dry-run", "--today", "2026-11-26")
    out = capsys.readouterr().out
    assert f"06.01.06\tinbox.thread\tpast retention {before}" in out
    assert Thread.objects.filter(pk=record.pk).exists() and not DestructionLogEntry.objects.exists()
    call_command("apply_retention", "--today", "2026-11-26")
    assert "inbox.thread\tdestroyed" in capsys.readouterr().out
    assert not Thread.objects.filter(pk=record.pk).exists()


def test_the_local_archive_overwrites_a_package_and_kanta_refuses_without_an_address(tmp_path):
    package = adapters.ArchivePackage(
        "t-1",
        "t",
        "05.01.02",
        "Testi",
        "2016-02-29",
        "10 y",
        "703/2023",
        "secret",
        "621/1999",
        True,
        {"a": 1},
    )
    local = adapters.LocalArchive(tmp_path)
    assert local.store(package) == local.store(package) == "05.01.02/t-1"
    assert len(list((tmp_path / "05.01.02").iterdir())) == 1
    with pytest.raises(RuntimeError):
        adapters.KantaArchive(url="").store(package)


def test_holds_are_kept_as_written(personas):
    hold = services.place_person_hold(officer(), resident(), "x")
    assert LegalHold.objects.get(pk=hold.pk).in_force


def test_an_invoice_goes_with_its_payments_and_a_protected_record_is_counted_as_kept(personas, monkeypatch):
    from luukku.payments.models import Payment
    from luukku.records import registry

    paid = invoice(D(2020, 5, 5))
    Payment.objects.create(invoice=paid, amount_cents=paid.amount_cents, status="paid")
    run = services.apply_retention(D(2027, 1, 1))
    assert not Invoice.objects.filter(pk=paid.pk).exists()
    assert run.entries.get(record_type="payments.payment").count >= 1

    # Without the payments registered, the invoice they protect stays and the log says why.
    kept = invoice(D(2020, 5, 5))
    Payment.objects.create(invoice=kept, amount_cents=kept.amount_cents, status="paid")
    alone = invoice(D(2020, 5, 5))
    monkeypatch.setattr(registry, "_types", {"payments.invoice": registry.record_type("payments.invoice")})
    run = services.apply_retention(D(2027, 1, 1))
    assert Invoice.objects.filter(pk=kept.pk).exists() and not Invoice.objects.filter(pk=alone.pk).exists()
    actions = {e.action: e.count for e in run.entries.filter(record_type="payments.invoice")}
    assert actions["blocked"] == 1 and actions["destroyed"] >= 1


def test_every_application_type_has_a_record_class_in_the_schedule(personas):
    from luukku.applications.definitions import TYPES
    from luukku.records.models import RecordClass
    from luukku.records.registry import record_types

    registered = {kind.key: kind for kind in record_types()}
    groups = {kind.group for kind in TYPES}
    assert {f"applications.{group}" for group in groups} <= set(registered)
    codes = set(RecordClass.objects.values_list("code", flat=True))
    assert {registered[f"applications.{group}"].record_class for group in groups} <= codes
