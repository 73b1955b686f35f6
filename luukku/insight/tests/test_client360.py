import datetime as dt

import pytest

from luukku.access.categories import Category
from luukku.desk.registry import client_sections
from luukku.insight import client_data, risk, warehouse

from . import scenario

pytestmark = pytest.mark.django_db


def test_the_risk_section_is_health_data_in_client_360():
    section = {s.key: s for s in client_sections()}["insight_risk"]
    assert section.category == Category.HEALTH


def test_a_clients_estimate_and_what_drives_it(personas, warehouse_file):
    made = scenario.build()
    assert client_data.risk_items(made["lempi"]) == []  # no warehouse, no model
    warehouse.load()
    assert client_data.risk_items(made["lempi"]) == []  # no model yet
    names = len(risk.NAMES)
    coef = [0.0] * names
    coef[risk.NAMES.index("uses")] = 1.5
    coef[risk.NAMES.index("age")] = -0.5
    model = risk.Model([1.0] * names, [1.0] * names, coef, -2.0, "2025-01-01", {"held_out": {"roc_auc": 0.7}})
    risk.save(model)
    [item] = client_data.risk_items(made["lempi"], today=dt.date(2026, 6, 1))
    assert 0 <= item["percent"] <= 100 and item["auc"] == 0.7
    shown = {f["label"]: f for f in item["features"]}
    uses, age = str(risk.FEATURES[0][1]), str(risk.FEATURES[-1][1])
    assert {f["label"] for f in item["features"][:2]} == {uses, age}  # the only features with an effect
    assert shown[uses]["raises"] and shown[uses]["value"] == 6  # her six uses in the year
    assert not shown[age]["raises"] and shown[age]["value"] == 80
    assert client_data.risk_items(made["lempi"], today=dt.date(2028, 6, 1)) == []  # no use in that year
