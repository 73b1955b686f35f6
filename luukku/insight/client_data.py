"""The insight app's data about a client: the risk model's prediction and what drives it, shown in
client 360. It is derived from the client's health and social service use, so it is declared health
data (the access policy shows the section only to those who may read the client's health data)."""

import datetime as dt

import duckdb
from django.utils import timezone

from luukku.identity.models import Resident

from . import marts, risk, warehouse
from .pseudonyms import pseudonym


def risk_items(client: Resident, today: dt.date | None = None) -> list[dict]:
    """[] when there is no model or the client used no services in the last 12 months."""
    model = risk.load_model()
    if model is None or not warehouse.warehouse_path().exists():
        return []
    con = warehouse.connect(read_only=True)
    try:
        explained = risk.explain(
            marts.DuckDBEngine(con), model, pseudonym("person", client.pk), today or timezone.localdate()
        )
    except duckdb.Error:  # a warehouse being replaced must not break client 360
        return []
    finally:
        con.close()
    if explained is None:
        return []
    return [
        {
            "percent": round(100 * explained["probability"]),
            "features": [
                {"label": label, "value": round(value, 1), "raises": effect > 0}
                for _name, label, value, effect in explained["features"][:5]
            ],
            "trained_until": model.trained_until,
            "auc": (model.evaluation.get("held_out") or {}).get("roc_auc"),
        }
    ]
