"""The dimensional marts, written once in SQL (DuckDB's dialect) and run on DuckDB or, transpiled by
SQLGlot, on Apache Spark. Both engines read the same data-vault core tables."""

import logging
import os
import sys
from collections.abc import Sequence
from typing import Protocol

import sqlglot

AGE_GROUP = """CASE WHEN p.birth_year IS NULL THEN 'unknown'
        WHEN year(s.day) - p.birth_year < 18 THEN '0-17'
        WHEN year(s.day) - p.birth_year < 65 THEN '18-64'
        WHEN year(s.day) - p.birth_year < 75 THEN '65-74'
        ELSE '75+' END"""


def _latest(table: str, hk: str, columns: str) -> str:
    return (
        f"SELECT {columns} FROM (SELECT *, row_number() OVER (PARTITION BY {hk} ORDER BY load_date DESC) "
        f"AS rn FROM {table}) t WHERE rn = 1"
    )


def _bridge(depth: int = 5) -> str:
    """Each unit with itself and every unit above it (the hierarchy has at most five levels)."""
    parts = [
        "SELECT u.unit_code, u.unit_code AS ancestor_code, u.level AS ancestor_level, 0 AS depth "
        "FROM dim_unit u"
    ]
    for n in range(1, depth):
        joins = " ".join(
            f"JOIN dim_unit p{i} ON p{i}.unit_code = {'u' if i == 1 else f'p{i - 1}'}.parent_code"
            for i in range(1, n + 1)
        )
        parts.append(
            f"SELECT u.unit_code, p{n}.unit_code AS ancestor_code, p{n}.level AS ancestor_level, "
            f"{n} AS depth FROM dim_unit u {joins}"
        )
    return "\nUNION ALL\n".join(parts)


MARTS: tuple[tuple[str, str], ...] = (
    ("dim_unit", _latest("sat_unit", "unit_hk", "unit_code, name, name_sv, level, parent_code")),
    (
        "dim_person",
        _latest("sat_person", "person_hk", "person_hk, birth_year, municipality_code, language, deceased"),
    ),
    (
        "dim_service",
        _latest(
            "sat_service",
            "service_hk",
            "service_code, name, unit_code, campaign_code, appointment_type, service_kind",
        ),
    ),
    ("bridge_unit_ancestor", _bridge()),
    (
        "fact_event",
        f"""SELECT l.event_id, s.day,
        CAST(date_trunc('month', s.day) AS DATE) AS month,
        CAST(date_trunc('quarter', s.day) AS DATE) AS quarter,
        CAST(date_trunc('year', s.day) AS DATE) AS year,
        s.kind, l.person_hk, l.professional_hk,
        coalesce(hu.unit_code, ds.unit_code) AS unit_code,
        hs.service_code, ds.campaign_code, ds.appointment_type,
        coalesce(s.channel, 'unknown') AS channel,
        coalesce(s.is_contact, false) AS is_contact,
        CASE WHEN s.channel IN ('web', 'app', 'chat') THEN true ELSE false END AS is_digital,
        s.detail, s.value,
        {AGE_GROUP} AS age_group
    FROM link_event l
    JOIN sat_event s ON s.event_id = l.event_id
    LEFT JOIN hub_unit hu ON hu.unit_hk = l.unit_hk
    LEFT JOIN hub_service hs ON hs.service_hk = l.service_hk
    LEFT JOIN dim_service ds ON ds.service_code = hs.service_code
    LEFT JOIN dim_person p ON p.person_hk = l.person_hk""",
    ),
    (
        "mart_monthly_activity",
        """SELECT month, kind, unit_code, channel, age_group, count(*) AS events,
        count(DISTINCT person_hk) AS persons
    FROM fact_event GROUP BY month, kind, unit_code, channel, age_group""",
    ),
)
MART_NAMES = tuple(name for name, _ in MARTS)


class Engine(Protocol):
    name: str

    def create(self, name: str, sql: str) -> None: ...

    def query(self, sql: str) -> list[tuple]: ...


class DuckDBEngine:
    name = "duckdb"

    def __init__(self, con) -> None:
        self.con = con

    def create(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TABLE {name} AS {sql}")

    def query(self, sql: str, params: Sequence | None = None) -> list[tuple]:
        return self.con.execute(sql, params or []).fetchall()


def to_spark(sql: str) -> str:
    return sqlglot.transpile(sql, read="duckdb", write="spark")[0]


class SparkEngine:
    """The same marts on Spark: the core tables are read from Parquet, each mart is a cached view."""

    name = "spark"

    def __init__(self, session) -> None:
        self.spark = session

    @classmethod
    def local(cls, app: str = "luukku-insight"):
        logging.getLogger("py4j").setLevel(
            logging.WARNING
        )  # its shutdown chatter after pytest closes streams
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        from pyspark.sql import SparkSession

        session = (
            SparkSession.builder.master("local[1]")
            .appName(app)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.memory", "1g")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        return cls(session)

    def register_parquet(self, name: str, path: str) -> None:
        self.spark.read.parquet(path).createOrReplaceTempView(name)

    def create(self, name: str, sql: str) -> None:
        frame = self.spark.sql(to_spark(sql)).cache()
        frame.createOrReplaceTempView(name)

    def query(self, sql: str, params: Sequence | None = None) -> list[tuple]:
        if params:
            raise ValueError("the Spark engine takes literals, not parameters")
        return [tuple(row) for row in self.spark.sql(to_spark(sql)).collect()]

    def stop(self) -> None:
        """Stop the session and the JVM behind it: a py4j gateway left running would be inherited by any
        process forked later (a test server), whose exit handlers then wait on the gateway."""
        from pyspark import SparkContext

        self.spark.stop()
        gateway = SparkContext._gateway
        if gateway is not None:
            gateway.shutdown()
            process = getattr(gateway, "proc", None)
            if process is not None:
                process.stdin.close()  # the launcher exits when its stdin closes
                process.wait(timeout=30)
            SparkContext._gateway = None
            SparkContext._jvm = None


INCREMENTAL = {"fact_event": "l.event_id", "mart_monthly_activity": None}


def build(engine: Engine, since: int | None = None) -> None:
    """Every mart from the core; with `since` (the last event id of the previous load, DuckDB only)
    the event fact gets only the new events and the monthly mart only the months they touch, while the
    small dimensions are rebuilt."""
    if since is None:
        for name, sql in MARTS:
            engine.create(name, sql)
        return
    sqls = dict(MARTS)
    for name, sql in MARTS:
        if name not in INCREMENTAL:
            engine.create(name, sql)
    engine.query(f"INSERT INTO fact_event {sqls['fact_event']} WHERE l.event_id > {int(since)}")
    first = engine.query(f"SELECT min(s.day) FROM sat_event s WHERE s.event_id > {int(since)}")[0][0]
    if first is not None:
        month = first.replace(day=1).isoformat()
        engine.query(f"DELETE FROM mart_monthly_activity WHERE month >= DATE '{month}'")
        engine.query(
            f"INSERT INTO mart_monthly_activity SELECT * FROM ({sqls['mart_monthly_activity']}) m "
            f"WHERE m.month >= DATE '{month}'"
        )
