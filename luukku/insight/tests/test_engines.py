"""The marts and every indicator, built on DuckDB and on Apache Spark (local mode) from the same core
tables, give identical values. Spark needs Java 17+ (on the machine and in CI)."""

import datetime as dt

import pytest

from luukku.insight import indicators, marts, warehouse
from luukku.insight.indicators import INDICATORS, Filters

from . import scenario

pytestmark = [pytest.mark.django_db, pytest.mark.spark]

FILTERS = (
    Filters(grain="month"),
    Filters(grain="quarter", by="channel"),
    Filters(grain="year", unit="avosairaanhoito", by="unit"),
    Filters(grain="quarter", by="result_area", start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 1)),
)


def _normal(rows: list[tuple]) -> list[tuple]:
    return sorted(tuple(round(v, 4) if isinstance(v, float) else v for v in row) for row in rows)


def test_duckdb_and_spark_build_the_same_marts_and_indicators(personas, warehouse_file, tmp_path):
    scenario.build()
    warehouse.load()
    core = tmp_path / "core"
    con = warehouse.connect(read_only=True)
    warehouse.export_core(core, con)
    duck = marts.DuckDBEngine(con)
    spark = marts.SparkEngine.local("luukku-insight-test")
    try:
        for name in warehouse.CORE_TABLES:
            spark.register_parquet(name, str(core / f"{name}.parquet"))
        marts.build(spark)
        for name in marts.MART_NAMES:
            assert spark.query(f"SELECT count(*) FROM {name}") == duck.query(
                f"SELECT count(*) FROM {name}"
            ), name
        compared = 0
        for indicator in INDICATORS:
            for filters in FILTERS:
                query = indicators.sql(indicator, filters)
                on_duck, on_spark = _normal(duck.query(query)), _normal(spark.query(query))
                assert on_spark == on_duck, (indicator.key, filters)
                compared += len(on_duck)
        assert compared > 40  # the scenario gives the comparison something to compare (49 rows)
    finally:
        spark.stop()
        con.close()
