import datetime as dt
from zoneinfo import ZoneInfo

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from luukku.insight import marts, registry, risk, segments
from luukku.insight.demo import Catalogue, history

HELSINKI = ZoneInfo("Europe/Helsinki")
UNITS = {"health-unit": "health", "social-unit": "social"}
QUEUES = {"nurse": "health-unit", "family": "social-unit"}


def _warehouse(events) -> marts.DuckDBEngine:
    """fact_event, dim_person and the unit bridge straight from (at, kind, subject, data) tuples."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE fact_event (day DATE, month DATE, kind VARCHAR, person_hk VARCHAR, unit_code VARCHAR,"
        " channel VARCHAR, is_contact BOOLEAN, detail VARCHAR, value INTEGER)"
    )
    rows = []
    for at, kind, subject, data in events:
        channel, unit, _service, contact, detail, value = registry.dimensions(kind, data)
        unit = QUEUES.get(data.get("queue"), unit)  # the warehouse finds a queue's unit in dim_service
        day = at.astimezone(HELSINKI).date()
        rows.append(
            (
                day,
                day.replace(day=1),
                kind,
                f"p{subject}" if subject else None,
                unit or "health-unit",
                channel or "unknown",
                contact,
                detail,
                value,
            )
        )
    con.executemany("INSERT INTO fact_event VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute("CREATE TABLE dim_person AS SELECT DISTINCT person_hk, 1960 AS birth_year FROM fact_event")
    con.execute(
        "CREATE TABLE bridge_unit_ancestor (unit_code VARCHAR, ancestor_code VARCHAR, ancestor_level VARCHAR)"
    )
    con.executemany("INSERT INTO bridge_unit_ancestor VALUES (?, ?, 'division')", list(UNITS.items()))
    return marts.DuckDBEngine(con)


def _use(subject: int, day: str, unit: str = "health-unit", kind: str = "insight.contact_logged", **data):
    at = dt.datetime.fromisoformat(day).replace(hour=12, tzinfo=HELSINKI)
    return at, kind, subject, {"channel": "phone", "unit": unit, **data}


def test_the_segment_rules_in_order():
    events = [
        # 1: six uses in both sectors -> multi-sector
        *[_use(1, f"2026-0{m}-10", "social-unit" if m % 2 else "health-unit") for m in range(1, 7)],
        # 2: a use in six months of one sector -> continuous
        *[_use(2, f"2026-0{m}-10") for m in range(1, 7)],
        # 3: five months and an AUDIT of 8 -> elevated risk
        *[_use(3, f"2026-0{m}-10") for m in range(1, 6)],
        _use(3, "2026-03-11", kind="questionnaire.answered", key="audit", scores={"audit": 8}),
        # 4: AUDIT 7 and two uses in both sectors -> occasional
        _use(4, "2026-02-01", kind="questionnaire.answered", key="audit", scores={"audit": 7}),
        _use(4, "2026-02-02", "social-unit"),
        # 5: a use in the year before only -> no segment this year
        _use(5, "2025-12-31"),
    ]
    engine = _warehouse(events)
    rows = engine.query(segments.segment_sql(dt.date(2026, 1, 1), dt.date(2027, 1, 1)))
    found = {row[0]: row[-1] for row in rows}
    assert found == {"p1": "multi_sector", "p2": "continuous", "p3": "elevated_risk", "p4": "occasional"}
    assert segments.sizes(engine, dt.date(2026, 1, 1), dt.date(2027, 1, 1)) == {
        "multi_sector": 1,
        "continuous": 1,
        "elevated_risk": 1,
        "occasional": 1,
    }


@given(
    uses=st.integers(0, 30),
    months=st.integers(0, 12),
    divisions=st.integers(0, 3),
    audit_risk=st.booleans(),
    emergency=st.booleans(),
)
def test_segment_rules_properties(uses, months, divisions, audit_risk, emergency):
    segment = segments.segment_of(uses, months, divisions, audit_risk, emergency)
    assert segment in segments.SEGMENTS
    if divisions < 2 or uses < segments.MULTI_SECTOR_MIN_USES:
        assert segment != "multi_sector"
    if segment == "occasional":
        assert not (audit_risk or emergency) and months < segments.CONTINUOUS_MIN_MONTHS
    # more use never moves a resident to a lighter segment
    heavier = segments.segment_of(uses + 6, max(months, 6), max(divisions, 2), audit_risk, emergency)
    assert segments.SEGMENTS.index(heavier) <= segments.SEGMENTS.index(segment)


def test_the_risk_model_is_trained_before_and_evaluated_on_a_held_out_year(tmp_path):
    catalogue = Catalogue(
        residents=list(range(1, 301)),
        services=["clinic"],
        video=[],
        campaign=[],
        queues=list(QUEUES),
        units=list(UNITS),
        templates=["diabetes"],
    )
    engine = _warehouse(history(catalogue, dt.date(2023, 6, 1), dt.date(2026, 6, 1), seed=5))
    model = risk.train(engine, dt.date(2026, 6, 1))
    held_out = model.evaluation["held_out"]
    assert model.trained_until == "2024-06-01"
    assert model.evaluation["train"]["features_until"] < "2025-06-01"
    assert held_out["n"] > 50 and held_out["roc_auc"] is not None
    assert held_out["roc_auc"] > 0.6  # the heavy users' use predicts their move
    assert 0 <= held_out["brier"] < 0.25
    assert sum(part["n"] for part in held_out["calibration"]) == held_out["n"]
    saved = risk.load_model(risk.save(model, tmp_path / "risk.json"))
    assert saved == model
    explained = risk.explain(engine, saved, "p1", dt.date(2026, 6, 1))
    assert 0 < explained["probability"] < 1
    names = [name for name, *_rest in explained["features"]]
    assert sorted(names) == sorted(risk.NAMES)
    contributions = [abs(c) for *_rest, c in explained["features"]]
    assert contributions == sorted(contributions, reverse=True)
    assert risk.explain(engine, saved, "nobody", dt.date(2026, 6, 1)) is None


def test_training_refuses_without_history():
    engine = _warehouse([_use(1, "2026-01-01")])
    with pytest.raises(ValueError):
        risk.train(engine, dt.date(2026, 6, 1))
