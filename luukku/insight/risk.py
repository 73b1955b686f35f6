"""The risk model: will a resident move into the multi-need (multi-sector) segment in the next 12
months? A logistic regression (scikit-learn) on a year of service use, trained on one year's move and
evaluated on the next (held-out period); its parameters are stored as JSON (readable, no pickle), and
each prediction is explained by the features' contributions to the log-odds (coefficient times standardised
value), which the professional sees in client 360."""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .segments import segment_sql, usage_sql

FEATURES = (
    ("uses", _("Service uses in the year")),
    ("months", _("Months with service use")),
    ("divisions", _("Sectors used")),
    ("chats", _("Chats")),
    ("phone", _("Phone contacts")),
    ("bookings", _("Bookings")),
    ("care_paths", _("Care paths started")),
    ("audit_risk", _("AUDIT 8 points or more")),
    ("age", _("Age")),
)
NAMES = tuple(name for name, _label in FEATURES)


def features_sql(start: dt.date, end: dt.date) -> str:
    return f"""SELECT u.person_hk, u.uses, u.months, u.divisions,
        coalesce(k.chats, 0) AS chats, coalesce(k.phone, 0) AS phone, coalesce(k.bookings, 0) AS bookings,
        coalesce(k.care_paths, 0) AS care_paths, u.audit_risk,
        coalesce({end.year} - p.birth_year, 50) AS age
    FROM ({usage_sql(start, end)}) u
    LEFT JOIN (SELECT person_hk,
            count(CASE WHEN kind = 'chat.started' THEN 1 END) AS chats,
            count(CASE WHEN is_contact AND channel = 'phone' THEN 1 END) AS phone,
            count(CASE WHEN kind = 'booking.booked' THEN 1 END) AS bookings,
            count(CASE WHEN kind = 'carepath.started' THEN 1 END) AS care_paths
        FROM fact_event WHERE day >= DATE '{start.isoformat()}' AND day < DATE '{end.isoformat()}'
        GROUP BY person_hk) k ON k.person_hk = u.person_hk
    LEFT JOIN dim_person p ON p.person_hk = u.person_hk"""


def _year_before(end: dt.date) -> dt.date:
    return end.replace(year=end.year - 1)


def dataset(engine, end: dt.date) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Features of the year before `end` for those not yet multi-sector; label: multi-sector in the
    following year."""
    start, after = _year_before(end), end.replace(year=end.year + 1)
    rows = engine.query(
        f"""SELECT f.*, CASE WHEN n.segment = 'multi_sector' THEN 1 ELSE 0 END AS label
        FROM ({features_sql(start, end)}) f
        JOIN ({segment_sql(start, end)}) s ON s.person_hk = f.person_hk AND s.segment <> 'multi_sector'
        LEFT JOIN ({segment_sql(end, after)}) n ON n.person_hk = f.person_hk
        ORDER BY f.person_hk"""
    )
    keys = [row[0] for row in rows]
    x = np.array([row[1 : 1 + len(NAMES)] for row in rows], dtype=float).reshape(-1, len(NAMES))
    y = np.array([row[-1] for row in rows], dtype=int)
    return keys, x, y


@dataclass(frozen=True)
class Model:
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    trained_until: str
    evaluation: dict

    def log_odds(self, x: np.ndarray) -> np.ndarray:
        z = (x - np.array(self.mean)) / np.array(self.scale)
        return z @ np.array(self.coef) + self.intercept

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-self.log_odds(x)))

    def contributions(self, row: np.ndarray) -> list[tuple[str, str, float, float]]:
        """(feature, label, value, contribution to the log-odds), the largest effect first."""
        z = (row - np.array(self.mean)) / np.array(self.scale)
        parts = [
            (name, str(label), float(row[i]), float(z[i] * self.coef[i]))
            for i, (name, label) in enumerate(FEATURES)
        ]
        return sorted(parts, key=lambda p: -abs(p[3]))


def fit(x: np.ndarray, y: np.ndarray, trained_until: dt.date, evaluation: dict) -> Model:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ == 0, 1.0, scaler.scale_)
    model = LogisticRegression(max_iter=1000).fit((x - scaler.mean_) / scale, y)
    return Model(
        scaler.mean_.tolist(),
        scale.tolist(),
        model.coef_[0].tolist(),
        float(model.intercept_[0]),
        trained_until.isoformat(),
        evaluation,
    )


def evaluate(model: Model, x: np.ndarray, y: np.ndarray, bins: int = 5) -> dict:
    """ROC AUC, Brier score and a calibration table (mean predicted vs observed by predicted quintile)."""
    from sklearn.metrics import brier_score_loss, roc_auc_score

    p = model.probability(x)
    result: dict = {"n": len(y), "positives": int(y.sum()), "brier": round(float(brier_score_loss(y, p)), 4)}
    result["roc_auc"] = round(float(roc_auc_score(y, p)), 3) if 0 < y.sum() < len(y) else None
    order = np.argsort(p)
    result["calibration"] = [
        {
            "predicted": round(float(p[part].mean()), 3),
            "observed": round(float(y[part].mean()), 3),
            "n": len(part),
        }
        for part in np.array_split(order, bins)
        if len(part)
    ]
    return result


def train(engine, today: dt.date) -> Model:
    """Train on the move two years ago (features of the third-last year), evaluate on the last year's
    move (features of the second-last year): the held-out period is after the training period."""
    test_end = _year_before(today)  # features [today-2y, today-1y), label [today-1y, today)
    train_end = _year_before(test_end)
    _keys, x_train, y_train = dataset(engine, train_end)
    _keys, x_test, y_test = dataset(engine, test_end)
    if len(y_train) == 0 or y_train.min() == y_train.max():
        raise ValueError("not enough history to train on (no moves into the multi-sector segment)")
    first = fit(x_train, y_train, train_end, {})
    evaluation = {
        "train": {
            "features_until": train_end.isoformat(),
            "n": len(y_train),
            "positives": int(y_train.sum()),
        },
        "held_out": evaluate(first, x_test, y_test) if len(y_test) else {},
    }
    return Model(first.mean, first.scale, first.coef, first.intercept, train_end.isoformat(), evaluation)


def model_path() -> Path:
    return Path(settings.LUUKKU_WAREHOUSE_PATH).with_name("insight-risk.json")


def save(model: Model, path: Path | None = None) -> Path:
    target = path or model_path()
    target.write_text(json.dumps(model.__dict__, indent=2))
    return target


def load_model(path: Path | None = None) -> Model | None:
    target = path or model_path()
    if not target.exists():
        return None
    return Model(**json.loads(target.read_text()))


def explain(engine, model: Model, person_hk: str, today: dt.date) -> dict | None:
    """A resident's probability now (features of the last 12 months) and what drives it."""
    start = _year_before(today)
    rows = engine.query(f"SELECT * FROM ({features_sql(start, today)}) f WHERE f.person_hk = ?", [person_hk])
    if not rows:
        return None
    row = np.array(rows[0][1 : 1 + len(NAMES)], dtype=float)
    return {
        "probability": float(model.probability(row.reshape(1, -1))[0]),
        "features": model.contributions(row),
    }
