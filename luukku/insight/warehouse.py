"""The warehouse: an embedded DuckDB file loaded incrementally from the operational database.

Layers: raw (the event log and snapshots of the tables behind it, persons pseudonymised on the way
in) -> data-vault core (hubs of person, unit, service and professional; links; satellites with load
dates and hash diffs) -> dimensional marts (`marts.py`, written once, run on DuckDB and on Spark).
Events are loaded past a high-water mark (the last event id loaded); the dimension snapshots are
compared with their latest satellite rows, so only changes are stored.
"""

import csv
import datetime as dt
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
from django.conf import settings
from django.utils import timezone

from . import marts, registry
from .pseudonyms import key, pseudonym

HELSINKI = ZoneInfo("Europe/Helsinki")
CHUNK = 50_000

RAW_EVENT = (
    ("event_id", "BIGINT"),
    ("occurred_at", "TIMESTAMP"),
    ("day", "DATE"),
    ("kind", "VARCHAR"),
    ("person_hk", "VARCHAR"),
    ("actor_hk", "VARCHAR"),
    ("channel", "VARCHAR"),
    ("unit_code", "VARCHAR"),
    ("service_code", "VARCHAR"),
    ("is_contact", "BOOLEAN"),
    ("detail", "VARCHAR"),
    ("value", "INTEGER"),
    ("data", "VARCHAR"),
)
RAW_PERSON = (
    ("person_hk", "VARCHAR"),
    ("birth_year", "INTEGER"),
    ("municipality_code", "VARCHAR"),
    ("language", "VARCHAR"),
    ("deceased", "BOOLEAN"),
)
RAW_UNIT = (
    ("unit_code", "VARCHAR"),
    ("name", "VARCHAR"),
    ("name_sv", "VARCHAR"),
    ("level", "VARCHAR"),
    ("parent_code", "VARCHAR"),
)
RAW_SERVICE = (
    ("service_code", "VARCHAR"),
    ("name", "VARCHAR"),
    ("unit_code", "VARCHAR"),
    ("campaign_code", "VARCHAR"),
    ("appointment_type", "VARCHAR"),
    ("service_kind", "VARCHAR"),
)
RAW_PROFESSIONAL = (
    ("professional_hk", "VARCHAR"),
    ("unit_code", "VARCHAR"),
    ("role", "VARCHAR"),
)

CORE_DDL = """
CREATE TABLE IF NOT EXISTS meta_load (source VARCHAR PRIMARY KEY, high_water BIGINT, rows BIGINT,
    loaded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS raw_event ({raw_event}, load_date TIMESTAMP);
CREATE TABLE IF NOT EXISTS hub_person (person_hk VARCHAR PRIMARY KEY, load_date TIMESTAMP,
    record_source VARCHAR);
CREATE TABLE IF NOT EXISTS hub_unit (unit_hk VARCHAR PRIMARY KEY, unit_code VARCHAR, load_date TIMESTAMP,
    record_source VARCHAR);
CREATE TABLE IF NOT EXISTS hub_service (service_hk VARCHAR PRIMARY KEY, service_code VARCHAR,
    load_date TIMESTAMP, record_source VARCHAR);
CREATE TABLE IF NOT EXISTS hub_professional (professional_hk VARCHAR PRIMARY KEY, load_date TIMESTAMP,
    record_source VARCHAR);
CREATE TABLE IF NOT EXISTS link_unit_parent (unit_hk VARCHAR, parent_hk VARCHAR, load_date TIMESTAMP,
    record_source VARCHAR);
CREATE TABLE IF NOT EXISTS link_service_unit (service_hk VARCHAR, unit_hk VARCHAR, load_date TIMESTAMP,
    record_source VARCHAR);
CREATE TABLE IF NOT EXISTS link_professional_unit (professional_hk VARCHAR, unit_hk VARCHAR, role VARCHAR,
    load_date TIMESTAMP, record_source VARCHAR);
CREATE TABLE IF NOT EXISTS link_event (event_id BIGINT PRIMARY KEY, person_hk VARCHAR,
    professional_hk VARCHAR, unit_hk VARCHAR, service_hk VARCHAR, load_date TIMESTAMP, record_source VARCHAR);
CREATE TABLE IF NOT EXISTS sat_event (event_id BIGINT, load_date TIMESTAMP, occurred_at TIMESTAMP, day DATE,
    kind VARCHAR, channel VARCHAR, is_contact BOOLEAN, detail VARCHAR, value INTEGER);
CREATE TABLE IF NOT EXISTS sat_person (person_hk VARCHAR, load_date TIMESTAMP, hash_diff VARCHAR,
    birth_year INTEGER, municipality_code VARCHAR, language VARCHAR, deceased BOOLEAN);
CREATE TABLE IF NOT EXISTS sat_unit (unit_hk VARCHAR, load_date TIMESTAMP, hash_diff VARCHAR,
    unit_code VARCHAR, name VARCHAR, name_sv VARCHAR, level VARCHAR, parent_code VARCHAR);
CREATE TABLE IF NOT EXISTS sat_service (service_hk VARCHAR, load_date TIMESTAMP, hash_diff VARCHAR,
    service_code VARCHAR, name VARCHAR, unit_code VARCHAR, campaign_code VARCHAR, appointment_type VARCHAR,
    service_kind VARCHAR);
"""

CORE_TABLES = (
    "hub_person",
    "hub_unit",
    "hub_service",
    "hub_professional",
    "link_unit_parent",
    "link_service_unit",
    "link_professional_unit",
    "link_event",
    "sat_event",
    "sat_person",
    "sat_unit",
    "sat_service",
)


def _columns(spec: tuple) -> str:
    return ", ".join(f"{name} {kind}" for name, kind in spec)


@dataclass
class LoadResult:
    events: int = 0
    high_water: int = 0
    changed: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    full: bool = False


def warehouse_path() -> Path:
    return Path(settings.LUUKKU_WAREHOUSE_PATH)


def connect(path: Path | str | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    target = Path(path) if path is not None else warehouse_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    if read_only and not target.exists():
        connect(target).close()
    return duckdb.connect(str(target), read_only=read_only)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(CORE_DDL.format(raw_event=_columns(RAW_EVENT)))


def drop_all(con: duckdb.DuckDBPyConnection) -> None:
    for name, kind in con.execute(
        "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall():
        con.execute(f"DROP {'VIEW' if kind == 'VIEW' else 'TABLE'} IF EXISTS {name}")


def _stage(con: duckdb.DuckDBPyConnection, table: str, spec: tuple, rows: Iterable[tuple]) -> int:
    """(Re)create `table` from rows through a CSV file (DuckDB's fastest way in without Arrow)."""
    count = 0
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", delete=False) as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow(["\\N" if v is None else v for v in row])
            count += 1
        path = handle.name
    try:
        types = ", ".join(f"'{name}': '{kind}'" for name, kind in spec)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_csv(?, header=false, "
            f"columns={{{types}}}, nullstr='\\N', quote='\"', escape='\"', auto_detect=false)",
            [path],
        )
    finally:
        Path(path).unlink(missing_ok=True)
    return count


def _hash(*columns: str) -> str:
    return "md5(concat_ws('|', " + ", ".join(f"coalesce(CAST({c} AS VARCHAR), '')" for c in columns) + "))"


# --- the operational sources ---------------------------------------------------------------------


def _persons(secret: bytes) -> Iterator[tuple]:
    from luukku.identity.models import Resident

    for pk, born, municipality, language, died in (
        Resident.objects.order_by("pk")
        .values_list("pk", "birth_date", "municipality_code", "language", "date_of_death")
        .iterator(chunk_size=CHUNK)
    ):
        yield pseudonym("person", pk, secret), born.year, municipality, language, died is not None


def _units() -> Iterator[tuple]:
    from luukku.identity.models import OrgUnit

    for unit in OrgUnit.objects.select_related("parent").order_by("pk"):
        yield unit.code, unit.name, unit.name_sv, unit.level, unit.parent.code if unit.parent else None


def _services() -> Iterator[tuple]:
    from luukku.booking.models import Service
    from luukku.chat.models import ChatQueue

    for s in Service.objects.select_related("unit", "campaign").order_by("pk"):
        yield (
            s.code,
            s.name,
            s.unit.code,
            s.campaign.code if s.campaign else None,
            s.appointment_type,
            "booking",
        )
    for q in ChatQueue.objects.select_related("unit").order_by("pk"):
        yield f"chat:{q.code}", q.name, q.unit.code, None, None, "chat"


def _professionals(secret: bytes) -> Iterator[tuple]:
    from luukku.identity.models import RoleAssignment

    today = timezone.localdate()
    for user_id, unit_code, role in (
        RoleAssignment.objects.filter(RoleAssignment.in_force(today))
        .order_by("pk")
        .values_list("professional__user_id", "unit__code", "role")
    ):
        yield pseudonym("user", user_id, secret), unit_code, role


def _appointment_services(sources: set[str]) -> dict[str, str]:
    """Service codes of the appointments that activated forms (`appointment:<public id>`)."""
    from luukku.booking.models import Appointment

    ids = [s.split(":", 1)[1] for s in sources if s.startswith("appointment:")]
    found: dict[str, str] = {}
    for start in range(0, len(ids), 1000):
        for public_id, code in Appointment.objects.filter(
            public_id__in=ids[start : start + 1000]
        ).values_list("public_id", "service__code"):
            found[f"appointment:{public_id}"] = code
    return found


def _events(after: int, secret: bytes, until: int | None = None) -> Iterator[list[tuple]]:
    from luukku.audit.models import Event

    query = Event.objects.filter(pk__gt=after).order_by("pk")
    if until is not None:
        query = query.filter(pk__lte=until)
    batch: list = []
    for row in query.values_list("pk", "at", "kind", "subject_id", "actor_id", "data").iterator(
        chunk_size=CHUNK
    ):
        batch.append(row)
        if len(batch) >= CHUNK:
            yield _event_rows(batch, secret)
            batch = []
    if batch:
        yield _event_rows(batch, secret)


def _event_rows(batch: list, secret: bytes) -> list[tuple]:
    sources = {
        d.get("source")
        for (_, _, kind, _, _, d) in batch
        if kind.startswith("questionnaire.") and isinstance(d.get("source"), str)
    }
    services = _appointment_services(sources) if sources else {}
    rows = []
    for pk, at, kind, subject_id, actor_id, data in batch:
        data = data if isinstance(data, dict) else {}
        channel, unit, service, contact, detail, value = registry.dimensions(kind, data)
        if service is None and isinstance(data.get("source"), str):
            service = services.get(data["source"])
        utc = at.astimezone(dt.UTC)
        rows.append(
            (
                pk,
                utc.replace(tzinfo=None).isoformat(sep=" "),
                utc.astimezone(HELSINKI).date().isoformat(),
                kind,
                pseudonym("person", subject_id, secret),
                pseudonym("user", actor_id, secret),
                channel,
                unit,
                service,
                contact,
                detail,
                value,
                json.dumps(data, ensure_ascii=False, default=str),
            )
        )
    return rows


# --- loading ---------------------------------------------------------------------------------------


def _load_dimensions(con: duckdb.DuckDBPyConnection, secret: bytes, now: str) -> dict[str, int]:
    changed: dict[str, int] = {}
    _stage(con, "raw_person", RAW_PERSON, _persons(secret))
    _stage(con, "raw_unit", RAW_UNIT, _units())
    _stage(con, "raw_service", RAW_SERVICE, _services())
    _stage(con, "raw_professional", RAW_PROFESSIONAL, _professionals(secret))
    con.execute(
        "INSERT INTO hub_person SELECT person_hk, ?, 'identity.resident' FROM raw_person "
        "WHERE person_hk NOT IN (SELECT person_hk FROM hub_person)",
        [now],
    )
    con.execute(
        "INSERT INTO hub_unit SELECT md5(unit_code), unit_code, ?, 'identity.orgunit' FROM raw_unit "
        "WHERE md5(unit_code) NOT IN (SELECT unit_hk FROM hub_unit)",
        [now],
    )
    con.execute(
        "INSERT INTO hub_service SELECT md5(service_code), service_code, ?, 'booking.service|chat.queue' "
        "FROM raw_service WHERE md5(service_code) NOT IN (SELECT service_hk FROM hub_service)",
        [now],
    )
    con.execute(
        "INSERT INTO hub_professional SELECT DISTINCT professional_hk, ?, 'identity.professional' "
        "FROM raw_professional WHERE professional_hk NOT IN (SELECT professional_hk FROM hub_professional)",
        [now],
    )
    satellites = (
        ("sat_person", "person_hk", "person_hk", RAW_PERSON[1:], "raw_person"),
        ("sat_unit", "unit_hk", "md5(unit_code)", RAW_UNIT, "raw_unit"),
        ("sat_service", "service_hk", "md5(service_code)", RAW_SERVICE, "raw_service"),
    )
    for table, hk, hk_expr, spec, source in satellites:
        names = [name for name, _ in spec]
        before = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        con.execute(
            f"""INSERT INTO {table} SELECT s.hk, ?, s.hash_diff, {", ".join("s." + n for n in names)}
            FROM (SELECT {hk_expr} AS hk, {_hash(*names)} AS hash_diff, * FROM {source}) s
            LEFT JOIN (SELECT {hk}, hash_diff FROM {table}
                       QUALIFY row_number() OVER (PARTITION BY {hk} ORDER BY load_date DESC) = 1) cur
              ON cur.{hk} = s.hk
            WHERE cur.hash_diff IS NULL OR cur.hash_diff <> s.hash_diff""",
            [now],
        )
        changed[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] - before
    # Links are current-state here: rebuilt from the snapshot (hierarchy, service units, role holders).
    con.execute("DELETE FROM link_unit_parent")
    con.execute(
        "INSERT INTO link_unit_parent SELECT md5(unit_code), md5(parent_code), ?, 'identity.orgunit' "
        "FROM raw_unit WHERE parent_code IS NOT NULL",
        [now],
    )
    con.execute("DELETE FROM link_service_unit")
    con.execute(
        "INSERT INTO link_service_unit SELECT md5(service_code), md5(unit_code), ?, 'booking.service' "
        "FROM raw_service",
        [now],
    )
    con.execute("DELETE FROM link_professional_unit")
    con.execute(
        "INSERT INTO link_professional_unit SELECT professional_hk, md5(unit_code), role, ?, "
        "'identity.roleassignment' FROM raw_professional",
        [now],
    )
    return changed


def _load_events(con: duckdb.DuckDBPyConnection, after: int, secret: bytes, now: str) -> tuple[int, int]:
    loaded, high = 0, after
    for rows in _events(after, secret):
        _stage(con, "stage_event", RAW_EVENT, rows)
        con.execute("INSERT INTO raw_event SELECT *, ? FROM stage_event", [now])
        con.execute(
            """INSERT INTO link_event SELECT event_id, person_hk,
                 CASE WHEN actor_hk IN (SELECT professional_hk FROM hub_professional) THEN actor_hk END,
                 CASE WHEN unit_code IS NOT NULL THEN md5(unit_code) END,
                 CASE WHEN service_code IS NOT NULL THEN md5(service_code) END, ?, 'audit.event'
               FROM stage_event""",
            [now],
        )
        con.execute(
            "INSERT INTO sat_event SELECT event_id, ?, occurred_at, day, kind, channel, is_contact, detail, "
            "value FROM stage_event",
            [now],
        )
        loaded += len(rows)
        high = max(high, rows[-1][0])
    return loaded, high


def load(full: bool = False, path: Path | str | None = None) -> LoadResult:
    """Load what is new since the last load (everything with `full`) and rebuild the marts."""
    started = time.monotonic()
    result = LoadResult(full=full)
    secret = key()
    now = timezone.now().astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    # DuckDB lets one process write or many read: the load works on a copy that replaces the file at
    # the end, so the dashboards keep reading the previous version meanwhile.
    final = Path(path) if path is not None else warehouse_path()
    final.parent.mkdir(parents=True, exist_ok=True)
    working = final.with_name(final.name + ".loading")
    working.unlink(missing_ok=True)
    if final.exists() and not full:
        shutil.copyfile(final, working)
    con = connect(working)
    con.execute("BEGIN")
    try:
        create_schema(con)
        row = con.execute("SELECT high_water FROM meta_load WHERE source = 'audit.event'").fetchone()
        after = 0 if row is None else row[0]
        result.changed = _load_dimensions(con, secret, now)
        result.events, result.high_water = _load_events(con, after, secret, now)
        con.execute(
            "INSERT OR REPLACE INTO meta_load VALUES ('audit.event', ?, (SELECT count(*) FROM raw_event), ?)",
            [result.high_water, now],
        )
        existing = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'mart_monthly_activity'"
        ).fetchone()[0]
        marts.build(marts.DuckDBEngine(con), since=after if existing and after else None)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        con.close()
        working.unlink(missing_ok=True)
        raise
    con.execute("CHECKPOINT")
    con.close()
    os.replace(working, final)
    result.seconds = time.monotonic() - started
    return result


def export_parquet(target: Path | str | None = None, path: Path | str | None = None) -> list[Path]:
    """Write the marts as Parquet files (the data lake), one file per mart, replaced atomically."""
    folder = Path(target) if target is not None else Path(settings.LUUKKU_WAREHOUSE_EXPORT)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    con = connect(path, read_only=True)
    try:
        for name in marts.MART_NAMES:
            final = folder / f"{name}.parquet"
            partial = folder / f".{name}.parquet.partial"
            con.execute(f"COPY {name} TO '{partial}' (FORMAT parquet)")
            partial.replace(final)
            written.append(final)
    finally:
        con.close()
    return written


def export_core(folder: Path, con: duckdb.DuckDBPyConnection) -> None:
    """The core tables as Parquet: the same input for the marts on another engine (Spark)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in CORE_TABLES:
        con.execute(f"COPY {name} TO '{folder / (name + '.parquet')}' (FORMAT parquet)")
