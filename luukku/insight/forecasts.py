"""Weekly demand per service and unit for the next 12 weeks, backtested, and the staff-hours implied
(the workforce forecast).

The model is a seasonal-ratio forecast, chosen because a manager can follow it: the level is the mean
of the last LEVEL_WEEKS weeks; each future week is the level times last year's same week over last
year's level at the same point (1 when there is no year of history). Backtest: the last HORIZON weeks
are held out, forecast from before them and compared (MAPE over the weeks with demand).
"""

import datetime as dt
from dataclasses import dataclass

HORIZON = 12
LEVEL_WEEKS = 8
# Professional minutes one unit of demand takes (the county's planning figures, demo values).
MINUTES = {"booking.booked": 30, "chat.started": 15, "insight.contact_logged": 8, "assessment.made": 12}
DEMAND_KINDS = tuple(MINUTES)


def series_sql(start: dt.date, end: dt.date) -> str:
    kinds = ", ".join(f"'{k}'" for k in DEMAND_KINDS)
    return f"""SELECT unit_code, kind, coalesce(service_code, kind) AS service,
        CAST(date_trunc('week', day) AS DATE) AS week, count(*) AS demand
    FROM fact_event WHERE kind IN ({kinds}) AND unit_code IS NOT NULL
      AND day >= DATE '{start.isoformat()}' AND day < DATE '{end.isoformat()}'
    GROUP BY unit_code, kind, coalesce(service_code, kind), CAST(date_trunc('week', day) AS DATE)"""


def forecast(history: list[float], horizon: int = HORIZON) -> list[float]:
    """The next `horizon` weeks after `history` (one value a week, oldest first, no gaps)."""
    if not history:
        return [0.0] * horizon
    level = sum(history[-LEVEL_WEEKS:]) / len(history[-LEVEL_WEEKS:])
    out = []
    for h in range(1, horizon + 1):
        ratio = 1.0
        same_week = len(history) - 52 + h - 1  # last year's same week
        base = history[len(history) - 52 - LEVEL_WEEKS : len(history) - 52]
        if same_week >= 0 and base and sum(base) > 0 and same_week < len(history):
            ratio = history[same_week] / (sum(base) / len(base))
        out.append(max(0.0, level * ratio))
    return out


def mape(actual: list[float], predicted: list[float]) -> float | None:
    pairs = [(a, p) for a, p in zip(actual, predicted, strict=True) if a > 0]
    if not pairs:
        return None
    return 100 * sum(abs(a - p) / a for a, p in pairs) / len(pairs)


@dataclass(frozen=True)
class Forecast:
    unit: str
    kind: str
    service: str
    weeks: list[dt.date]
    demand: list[float]
    staff_hours: list[float]
    backtest_mape: float | None


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def forecasts(engine, today: dt.date, years: int = 3) -> list[Forecast]:
    """A forecast for each (unit, service) with demand in the last year."""
    last_monday = _monday(today)  # the current, incomplete week is left out
    first = last_monday - dt.timedelta(weeks=52 * years)
    weeks = [first + dt.timedelta(weeks=i) for i in range(52 * years)]
    index = {week: i for i, week in enumerate(weeks)}
    series: dict[tuple[str, str, str], list[float]] = {}
    for unit, kind, service, week, demand in engine.query(series_sql(first, last_monday)):
        values = series.setdefault((unit, kind, service), [0.0] * len(weeks))
        if week in index:
            values[index[week]] = float(demand)
    result = []
    future = [last_monday + dt.timedelta(weeks=i) for i in range(HORIZON)]
    for (unit, kind, service), values in sorted(series.items()):
        if sum(values[-52:]) == 0:
            continue
        held_out = values[-HORIZON:]
        backtest = mape(held_out, forecast(values[:-HORIZON]))
        demand = forecast(values)
        hours = [round(d * MINUTES[kind] / 60, 1) for d in demand]
        result.append(Forecast(unit, kind, service, future, [round(d, 1) for d in demand], hours, backtest))
    return result
