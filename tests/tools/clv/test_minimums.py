"""Enough data or a warning: a CLV prediction states the history and buyers it needs, warns
below them and declines far below them, keeping historical value."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from tools.clv import clv
from tools.clv.minimums import MINIMUMS, check_data, history_days
from tools.workspace import Workspace

ROLES = {"orders": {"order_date": "transaction_date", "amount": "amount",
                    "customer_id": "customer_id", "order_id": "order_id"}}


def orders_over(days: int, customers: int, orders: int, seed: int = 4) -> pd.DataFrame:
    """Random orders by `customers` people spread over `days` calendar days."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-03-01")
    offsets = rng.integers(0, days, orders)
    offsets[:2] = [0, days - 1]  # the span is exactly `days`
    dates = start + pd.to_timedelta(offsets, unit="D")
    return pd.DataFrame({
        "order_id": [f"o{i}" for i in range(orders)],
        "customer_id": [f"c{i}" for i in rng.integers(0, customers, orders)],
        "order_date": dates,
        "amount": rng.gamma(2.0, 30.0, orders).round(2) + 1,
    })


def test_thirteen_days_of_orders_decline_the_prediction_and_say_what_is_needed(
    make_ws: Callable[..., Workspace],
) -> None:
    orders = orders_over(13, 800, 3000)
    result = clv(make_ws(orders=orders, roles=ROLES))
    span = (orders["order_date"].max() - orders["order_date"].min()).days + 1
    assert span == 13
    assert result.fact("method") == "historical"
    assert result.fact("history_days") == span
    assert result.fact("min_history_days") == 180
    assert result.fact("min_customers") == 500
    assert result.fact("buyers") == orders["customer_id"].nunique()
    assert "No 12-month prediction was made" in result.summary
    assert "180 days of order history" in result.summary and "13 days" in result.summary
    declined = [w for w in result.warnings if w.startswith("No 12-month prediction")]
    assert declined and "13 days of order history (at least 180)" in declined[0]
    assert "historical value" in declined[0]
    assert result.table["predicted_clv"].isna().all()
    assert result.table["historical_clv"].notna().all()
    assert any("180 days" in note for note in result.provenance.notes)


def test_below_the_minimum_a_prediction_is_made_with_a_warning(
    make_ws: Callable[..., Workspace],
) -> None:
    orders = orders_over(150, 400, 2400)
    result = clv(make_ws(orders=orders, roles=ROLES))
    assert result.fact("method") == "predictive"
    assert result.fact("enough_data") == "below the minimum"
    assert any(w.startswith("Less data than a reliable prediction needs") and
               "150 days of order history (at least 180)" in w and
               "400 customers who ordered (at least 500)" in w for w in result.warnings)
    assert any("extrapolates from only 150 days" in w for w in result.warnings)
    assert "treat it as rough" in result.summary


def test_asking_for_historical_value_on_short_history_says_it_is_short(
    make_ws: Callable[..., Workspace],
) -> None:
    result = clv(make_ws(orders=orders_over(13, 800, 3000), roles=ROLES), method="historical")
    assert result.fact("method") == "historical"
    assert not any(w.startswith("No 12-month prediction") for w in result.warnings)
    assert any("13 days of orders" in w for w in result.warnings)


def test_the_demo_has_enough_data_and_the_result_states_the_minimums(
    demo_ws: Workspace,
) -> None:
    result = clv(demo_ws)
    assert result.fact("method") == "predictive"
    assert result.fact("enough_data") == "yes"
    orders = demo_ws.read_dataset("orders")
    done = orders[orders["status"] == "completed"]
    assert result.fact("history_days") == (done["order_date"].max().normalize()
                                           - done["order_date"].min().normalize()).days + 1
    assert not any("reliable prediction" in w or "extrapolates" in w for w in result.warnings)
    assert any("500 customers who ordered" in note for note in result.provenance.notes)


@pytest.mark.parametrize(
    ("days", "customers", "repeat", "below", "declined"),
    [
        (180, 500, 100, 0, 0),
        (179, 500, 100, 1, 0),
        (89, 500, 100, 1, 1),
        (400, 99, 100, 1, 1),
        (400, 100, 29, 2, 1),
        (13, 20, 0, 3, 3),
    ],
)
def test_minimums_and_decline_levels(days: int, customers: int, repeat: int, below: int,
                                     declined: int) -> None:
    check = check_data(days, customers, repeat, 12)
    assert len(check.below) == below and len(check.declined) == declined
    assert check.can_predict == (declined == 0)
    assert MINIMUMS.history_days == 180 and MINIMUMS.customers == 500


def test_a_horizon_longer_than_the_history_is_an_extrapolation() -> None:
    assert check_data(330, 500, 100, 12).extrapolates
    assert not check_data(365, 500, 100, 12).extrapolates
    assert history_days(pd.Timestamp("2024-03-01 08:00"), pd.Timestamp("2024-03-13")) == 13
