import datetime as dt

import duckdb

from luukku.insight import forecasts, marts


def test_a_flat_series_is_forecast_flat_and_backtests_to_zero_error():
    assert forecasts.forecast([10.0] * 60) == [10.0] * 12
    assert forecasts.mape([10.0] * 12, forecasts.forecast([10.0] * 48)) == 0


def test_last_years_season_shapes_the_forecast():
    last_year = [10.0] * 52
    last_year[2] = 20.0  # a peak 52 weeks before the third week ahead
    history = [10.0] * 52 + last_year  # two years of weekly demand up to now
    ahead = forecasts.forecast(history, horizon=4)
    assert ahead[2] == 20.0 and ahead[0] == ahead[1] == ahead[3] == 10.0


def test_mape_leaves_out_weeks_without_demand():
    assert forecasts.mape([0, 10, 20], [5, 11, 18]) == 10.0
    assert forecasts.mape([0, 0], [1, 1]) is None


def test_forecasts_per_unit_and_service_with_staff_hours():
    con = duckdb.connect()
    con.execute("CREATE TABLE fact_event (day DATE, kind VARCHAR, unit_code VARCHAR, service_code VARCHAR)")
    today = dt.date(2026, 11, 26)
    start = today - dt.timedelta(weeks=120)
    rows = []
    for n in range(120 * 7):
        day = start + dt.timedelta(days=n)
        if day.weekday() < 5:
            rows += [(day, "booking.booked", "rmk", "clinic")] * 2 + [
                (day, "chat.started", "hml", "chat:nurse")
            ]
    con.executemany("INSERT INTO fact_event VALUES (?, ?, ?, ?)", rows)
    found = {f.service: f for f in forecasts.forecasts(marts.DuckDBEngine(con), today)}
    clinic, chat = found["clinic"], found["chat:nurse"]
    assert clinic.unit == "rmk" and len(clinic.demand) == forecasts.HORIZON
    assert clinic.demand[0] == 10.0 and clinic.staff_hours[0] == 5.0  # ten bookings of 30 minutes
    assert chat.demand[0] == 5.0 and chat.staff_hours[0] == 1.2  # five chats of 15 minutes
    assert clinic.backtest_mape == 0 and clinic.weeks[0] == dt.date(2026, 11, 23)
