import datetime as dt

import duckdb
import pytest

from luukku.audit.models import Event
from luukku.identity.models import Resident
from luukku.insight import indicators, marts, warehouse
from luukku.insight.indicators import Filters
from luukku.insight.registry import EventMapping, dimensions, register_event_mapping

from . import scenario
from .factories import at, event

pytestmark = pytest.mark.django_db

JAN, FEB, APR = dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 4, 1)


def _table(key: str, **filters) -> dict:
    con = warehouse.connect(read_only=True)
    try:
        table = indicators.run(marts.DuckDBEngine(con), indicators.BY_KEY[key], Filters(**filters))
    finally:
        con.close()
    return {
        row[: len(table.columns) - len(table.indicator.measures)]: row[-len(table.indicator.measures) :]
        for row in table.rows
    }


def test_every_event_lands_in_raw_and_in_the_event_fact(personas, warehouse_file):
    scenario.build()
    result = warehouse.load()
    con = duckdb.connect(str(warehouse_file), read_only=True)
    total = Event.objects.count()
    assert result.events == total
    assert con.execute("SELECT count(*) FROM raw_event").fetchone()[0] == total
    assert con.execute("SELECT count(*) FROM fact_event").fetchone()[0] == total
    # a kind nobody mapped yet (another app's) is there too, with the unit its data names
    assert con.execute("SELECT unit_code FROM fact_event WHERE kind = 'vouchers.granted'").fetchall() == [
        ("ikaantyneiden-palveluohjaus",)
    ]


def test_the_load_is_incremental_past_the_high_water_mark(personas, warehouse_file):
    made = scenario.build()
    first = warehouse.load()
    assert first.changed["sat_person"] == Resident.objects.count()
    nothing = warehouse.load()
    assert nothing.events == 0 and nothing.high_water == first.high_water
    assert nothing.changed == {"sat_person": 0, "sat_unit": 0, "sat_service": 0}
    event("identity.signed_in", at("2026-02-04"), made["matti"], method="bank")
    Resident.objects.filter(pk=made["matti"].pk).update(municipality_code="694")
    second = warehouse.load()
    assert second.events == 1 and second.high_water > first.high_water
    assert second.changed["sat_person"] == 1  # Matti moved: a new satellite row, the old one kept
    assert _table("logged_in", grain="month")[(FEB,)] == (2, 2)
    incremental = _marts()
    full = warehouse.load(full=True)
    assert full.events == Event.objects.count()
    assert _marts() == incremental  # the incremental marts are what a full refresh builds
    assert len(incremental["fact_event"]) == Event.objects.count()


def _marts() -> dict:
    con = warehouse.connect(read_only=True)
    try:
        return {
            name: sorted(con.execute(f"SELECT * FROM {name}").fetchall(), key=repr)
            for name in marts.MART_NAMES
        }
    finally:
        con.close()


def test_no_identity_code_name_or_operational_id_of_a_person_in_the_warehouse(personas, warehouse_file):
    made = scenario.build()
    warehouse.load()
    con = duckdb.connect(str(warehouse_file), read_only=True)
    text_columns = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE data_type = 'VARCHAR' AND table_schema = 'main'"
    ).fetchall()
    lempi = made["lempi"]
    secrets = (lempi.hetu, lempi.last_name, lempi.first_names.split()[0], str(lempi.public_id))
    for table, column in text_columns:
        for secret in secrets:
            found = con.execute(
                f"SELECT count(*) FROM {table} WHERE {column} LIKE ?", [f"%{secret}%"]
            ).fetchone()
            assert found[0] == 0, (table, column, secret)
    person_keys = {r[0] for r in con.execute("SELECT person_hk FROM hub_person").fetchall()}
    assert str(lempi.pk) not in person_keys and len(next(iter(person_keys))) == 32


def test_the_seed_tables_by_period(personas, warehouse_file):
    scenario.build()
    warehouse.load()
    assert _table("logged_in", grain="month") == {(JAN,): (2, 3), (FEB,): (1, 1)}
    # January contacts: own booking (web), chat, phone assessment, phone call and a visit logged at the desk
    assert _table("digital_share", grain="month")[(JAN,)] == (5, 2, 40.0)
    assert _table("digital_share", grain="month", by="channel")[(JAN, "phone")] == (2, 0, 0.0)
    assert _table("assessments", grain="quarter", by="channel") == {
        (JAN, "phone"): (1, 1),
        (APR, "web"): (1, 1),
    }
    assert _table("chats_video", grain="quarter") == {(JAN,): (1, 1), (APR,): (1, 0)}
    assert _table("pre_information", grain="month") == {(JAN,): (2, 1, 1, 2)}
    assert _table("audit_clients", grain="year") == {(JAN,): (2, 2, 1, 6.0)}
    assert _table("hyte", grain="year") == {(JAN,): (1, 1)}
    assert _table("campaign_bookings", grain="month", by="campaign") == {(FEB, "test-flu"): (2, 1)}
    assert _table("care_paths", grain="year", by="detail") == {(JAN, "diabetes"): (1, 1, 0, 1)}


def test_filters_by_organisation_channel_and_user_group(personas, warehouse_file):
    made = scenario.build()
    warehouse.load()
    bookings = _table("bookings", grain="year", by="service")
    assert bookings[(JAN, made["flu"].code)] == (2, 2)
    # rmk's bookings roll up to the result area and the county; none in social services
    assert sum(v[0] for v in _table("bookings", grain="year", unit="avosairaanhoito").values()) == 4
    assert _table("bookings", grain="year", unit="rmk-terveysasema") == {(JAN,): (3, 2)}
    assert _table("bookings", grain="year", unit="sosiaalipalvelut") == {}
    assert _table("bookings", grain="year", by="result_area") == {(JAN, "avosairaanhoito"): (4, 2)}
    assert _table("bookings", grain="year", channel="phone") == {(JAN,): (2, 1)}
    assert _table("bookings", grain="year", by="age_group") == {(JAN, "18-64"): (2, 1), (JAN, "75+"): (2, 1)}
    assert _table("logged_in", grain="year", age_group="75+") == {(JAN,): (1, 3)}
    assert _table("bookings", grain="year", start=FEB, end=dt.date(2026, 3, 1)) == {(JAN,): (3, 2)}


def test_filters_refuse_what_is_not_a_known_value():
    for bad in ({"grain": "week"}, {"channel": "fax"}, {"unit": "x' OR 1=1 --"}, {"by": "hetu"}):
        with pytest.raises(ValueError):
            Filters(**bad)


def test_a_registered_mapping_adds_the_dimensions_of_a_new_kind():
    register_event_mapping(EventMapping("test.granted", channel="web", unit="provider", contact=True))
    assert dimensions("test.granted", {"provider": "x"}) == ("web", "x", None, True, None, None)
    assert dimensions("test.granted", {"provider": "x", "channel": "phone"})[0] == "phone"
    assert dimensions("test.unmapped", {"unit": "u", "channel": "fax"}) == (
        None,
        "u",
        None,
        False,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("text", "grain", "start", "end"),
    [
        ("2026", "year", dt.date(2026, 1, 1), dt.date(2027, 1, 1)),
        ("2026-q4", "quarter", dt.date(2026, 10, 1), dt.date(2027, 1, 1)),
        ("2026-Q1", "quarter", dt.date(2026, 1, 1), dt.date(2026, 4, 1)),
        ("2026-12", "month", dt.date(2026, 12, 1), dt.date(2027, 1, 1)),
        ("2026-01", "month", dt.date(2026, 1, 1), dt.date(2026, 2, 1)),
    ],
)
def test_periods(text, grain, start, end):
    assert indicators.parse_period(text) == (grain, start, end)


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "26", "2026-00", "abc"])
def test_bad_periods(text):
    with pytest.raises(ValueError):
        indicators.parse_period(text)


def test_spans():
    today = dt.date(2026, 11, 26)
    assert indicators.span("month", today) == (dt.date(2025, 12, 1), dt.date(2026, 12, 1))
    assert indicators.span("quarter", today) == (dt.date(2025, 1, 1), dt.date(2027, 1, 1))
    assert indicators.span("year", today) == (dt.date(2024, 1, 1), dt.date(2027, 1, 1))
    assert indicators.span("month", dt.date(2026, 1, 5), 2) == (dt.date(2025, 12, 1), dt.date(2026, 2, 1))


def test_the_marts_are_exported_as_parquet(personas, warehouse_file, tmp_path):
    scenario.build()
    warehouse.load()
    files = warehouse.export_parquet()
    assert {f.stem for f in files} == set(marts.MART_NAMES)
    count = (
        duckdb.connect()
        .execute(f"SELECT count(*) FROM '{tmp_path / 'lake' / 'fact_event.parquet'}'")
        .fetchone()[0]
    )
    assert count == Event.objects.count()
