"""Value tiers: blocks of the revenue ranking, checked against plain pandas."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.data import load_orders
from tools.errors import ToolError
from tools.features import customer_features, historical_clv
from tools.segments import load_segmentation, resolve_segment
from tools.value import value_tiers
from tools.value.tiers import assign_tiers, tier_names


def expected_tiers(per_customer: pd.DataFrame, by: str, cuts: list[float],
                   names: list[str]) -> pd.Series:
    """Rank best first (ties by id), then cut at ceil(n × cut / 100)."""
    ranked = per_customer.reset_index().sort_values([by, "customer_id"],
                                                    ascending=[False, True])
    n = len(ranked)
    bounds = [0, *[math.ceil(n * c / 100) for c in cuts], n]
    tiers = np.empty(n, dtype=object)
    for name, lo, hi in zip(names, bounds, bounds[1:], strict=False):
        tiers[lo:hi] = name
    return pd.Series(tiers, index=ranked["customer_id"].to_numpy()).sort_index()


@pytest.fixture
def per_customer(demo_ws) -> pd.DataFrame:
    orders = demo_ws.read_dataset("orders")
    orders = orders[orders["status"] == "completed"]
    return orders.groupby("customer_id").agg(revenue=("amount", "sum"),
                                             orders=("order_id", "count"))


def test_default_tiers_equal_an_independent_ranking(demo_ws, per_customer):
    result = value_tiers(demo_ws)
    names = ["Top 10%", "Next 20%", "Middle 30%", "Bottom 40%"]
    assert result.table["tier"].tolist() == names
    want = expected_tiers(per_customer, "revenue", [10, 30, 60], names)
    got = result.tables["customers"].set_index("customer_id")["tier"].sort_index()
    assert (got == want).all()
    grouped = per_customer.groupby(want.reindex(per_customer.index))
    table = result.table.set_index("tier").loc[names]
    revenue = grouped["revenue"].sum().loc[names]
    orders = grouped["orders"].sum().loc[names]
    customers = grouped.size().loc[names]
    assert table["customers"].tolist() == customers.tolist()
    assert table["revenue_share"].to_numpy() == pytest.approx(
        (revenue / per_customer["revenue"].sum()).to_numpy())
    assert table["avg_order_value"].to_numpy() == pytest.approx((revenue / orders).to_numpy())
    assert table["orders_per_customer"].to_numpy() == pytest.approx(
        (orders / customers).to_numpy())
    assert table["customer_share"].sum() == pytest.approx(1.0)
    assert table["revenue_share"].sum() == pytest.approx(1.0)
    assert result.fact("top_tier_revenue_share") == pytest.approx(table.iloc[0]["revenue_share"])


def test_tiers_are_saved_for_later_questions(demo_ws):
    result = value_tiers(demo_ws)
    saved = load_segmentation(demo_ws, "value tiers")
    assert saved.kind == "value tiers"
    assert saved.sizes().to_dict() == dict(zip(result.table["tier"], result.table["customers"],
                                               strict=True))
    assert resolve_segment(demo_ws, "Top 10%")[0] == "value tiers"
    value_tiers(demo_ws, save_as="spend bands", cut_points=[50])
    assert set(load_segmentation(demo_ws, "spend bands").labels) == {"Top 50%", "Bottom 50%"}


def test_clv_tiers_rank_by_historical_clv(demo_ws):
    features = customer_features(demo_ws, load_orders(demo_ws))
    clv = historical_clv(features).rename("clv").to_frame()
    names = tier_names([20.0, 40.0, 60.0, 80.0])
    want = expected_tiers(clv, "clv", [20, 40, 60, 80], names)
    result = value_tiers(demo_ws, measure="clv", cut_points=[20, 40, 60, 80], save_as=None)
    got = result.tables["customers"].set_index("customer_id")["tier"].sort_index()
    assert (got == want).all()
    assert result.table["min_clv"].is_monotonic_decreasing
    assert "value tiers" not in {s for s in demo_ws.get_meta("segmentations") or {}}


def test_tier_names_read_like_a_marketer_would_say_them():
    assert tier_names([10, 30, 60]) == ["Top 10%", "Next 20%", "Middle 30%", "Bottom 40%"]
    assert tier_names([5, 25]) == ["Top 5%", "Next 20%", "Bottom 75%"]
    assert tier_names([20, 40, 60, 80]) == [
        "Top 20%", "Top 20-40%", "Top 40-60%", "Top 60-80%", "Bottom 20%"]


def test_bad_cut_points_are_refused_with_an_example(demo_ws):
    with pytest.raises(ToolError, match="increase"):
        value_tiers(demo_ws, cut_points=[30, 10])
    with pytest.raises(ToolError, match="between 0 and 100"):
        value_tiers(demo_ws, cut_points=[10, 100])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 1e4, allow_nan=False), min_size=1, max_size=200),
       st.lists(st.integers(1, 99), min_size=1, max_size=5, unique=True))
def test_tier_shares_sum_to_one_and_better_tiers_hold_better_customers(values, cuts):
    cuts = sorted(float(c) for c in cuts)
    series = pd.Series(values, index=[f"c{i:04d}" for i in range(len(values))])
    tiers = assign_tiers(series, cuts)
    shares = tiers.value_counts(normalize=True, sort=False)
    assert shares.sum() == pytest.approx(1.0)
    n = len(series)
    sizes = np.diff([0, *[min(n, max(1, math.ceil(n * c / 100))) for c in cuts], n])
    assert tiers.value_counts(sort=False).tolist() == [max(0, s) for s in sizes]
    codes = tiers.cat.codes
    for better in range(len(cuts)):
        upper, lower = series[codes == better], series[codes > better]
        if len(upper) and len(lower):
            assert upper.min() >= lower.max()
