"""Revenue concentration, checked against a plain numpy ranking of revenue per customer."""

from __future__ import annotations

import math
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.errors import ToolError
from tools.ingest import IngestOptions, load_into_workspace
from tools.segments import Segmentation, save_segmentation
from tools.value import pareto
from tools.value.pareto import gini, revenue_per_customer, top_count
from tools.workspace import Workspace


def expected_concentration(revenue: pd.Series) -> dict[str, float]:
    """Sort revenue per customer descending and read shares off the cumulative sum."""
    values = np.sort(revenue.to_numpy(float))[::-1]
    n, total = len(values), values.sum()
    cumulative = np.cumsum(values) / total
    shares = {pct: cumulative[max(1, math.ceil(n * pct / 100)) - 1] for pct in (1, 5, 10, 20, 50)}
    reach = int(np.argmax(cumulative >= 0.8)) + 1
    ascending = values[::-1]
    i = np.arange(1, n + 1)
    gini_value = float(np.sum((2 * i - n - 1) * ascending) / (n * total))
    return {"n": n, "shares": shares, "for_80": reach / n, "gini": gini_value}


def demo_revenue(ws: Workspace) -> pd.Series:
    orders = ws.read_dataset("orders")
    return orders[orders["status"] == "completed"].groupby("customer_id")["amount"].sum()


def check(result, want: dict) -> None:
    table = result.table.set_index("top_percent")
    assert result.fact("customers") == want["n"]
    for pct, share in want["shares"].items():
        assert table.loc[float(pct), "revenue_share"] == pytest.approx(share, rel=1e-9)
    assert result.fact("top_20_share") == pytest.approx(want["shares"][20], rel=1e-9)
    assert result.fact("share_of_customers_for_80") == pytest.approx(want["for_80"])
    assert result.fact("gini") == pytest.approx(want["gini"], abs=1e-4)


def test_demo_concentration_equals_an_independent_ranking(demo_ws):
    result = pareto(demo_ws)
    check(result, expected_concentration(demo_revenue(demo_ws)))
    assert result.table["revenue_share"].is_monotonic_increasing
    assert result.fact("top_revenue_share") == result.fact("top_20_share")
    curve = result.tables["curve"]
    assert curve.iloc[0].tolist() == [0.0, 0.0]
    assert curve.iloc[-1].tolist() == pytest.approx([1.0, 1.0])
    assert result.chart is not None


def test_cdnow_concentration_equals_an_independent_ranking(shared_data: Path, tmp_path: Path):
    path = shared_data / "CDNOW_master.txt"
    ws = Workspace(tmp_path / "cdnow")
    report = load_into_workspace(ws, "orders", path, IngestOptions(keep_duplicates=True))
    assert report.roles["customer_id"] == "customer_id"
    assert report.roles["dollar_value"] == "amount"
    raw = pd.read_csv(path, sep=r"\s+", dtype={"customer_id": str})
    want = expected_concentration(raw.groupby("customer_id")["dollar_value"].sum())
    result = pareto(ws, top_percent=10)
    check(result, want)
    assert want["n"] == 23_570
    assert result.fact("top_revenue_share") == pytest.approx(want["shares"][10])


def test_a_custom_top_percent_adds_its_own_row(demo_ws):
    revenue = demo_revenue(demo_ws).sort_values(ascending=False)
    result = pareto(demo_ws, top_percent=7)
    k = math.ceil(len(revenue) * 0.07)
    assert result.fact("top_customers") == k
    assert result.fact("top_revenue_share") == pytest.approx(revenue.iloc[:k].sum() /
                                                             revenue.sum())
    assert 7.0 in set(result.table["top_percent"])
    assert "7.0%" in result.summary


def test_segment_and_window_restrict_the_customers(demo_ws, demo_truth):
    archetype = pd.Series(demo_truth["customer_archetype"])
    save_segmentation(demo_ws, Segmentation("archetypes", "planted", archetype))
    orders = demo_ws.read_dataset("orders")
    orders = orders[(orders["status"] == "completed") & (orders["order_date"] >= "2025-01-01")]
    loyal = archetype.index[archetype == "loyal_champion"]
    revenue = orders[orders["customer_id"].isin(loyal)].groupby("customer_id")["amount"].sum()
    result = pareto(demo_ws, segment="loyal_champion", start="2025-01-01")
    check(result, expected_concentration(revenue))


def test_mistakes_get_messages_that_name_the_fix(demo_ws):
    with pytest.raises(ToolError, match="orders run from"):
        pareto(demo_ws, start="2001-01-01", end="2001-12-31")
    with pytest.raises(ToolError, match="segment"):
        pareto(demo_ws, segment="Champions")
    with pytest.raises(ToolError, match="top_percent"):
        pareto(demo_ws, top_percent=0)


amounts = st.lists(st.floats(0, 1e5, allow_nan=False), min_size=1, max_size=300)


@settings(max_examples=60, deadline=None)
@given(amounts, st.lists(st.floats(0.5, 100), min_size=2, max_size=6))
def test_top_shares_grow_with_the_group_and_beat_its_size(values, percents):
    frame = pd.DataFrame({"customer_id": [f"c{i % 97}" for i in range(len(values))],
                          "amount": values})
    revenue = revenue_per_customer(frame)
    assert revenue.is_monotonic_decreasing
    total = revenue.sum()
    if total <= 0:
        return
    shares = [revenue.iloc[:top_count(len(revenue), pct)].sum() / total
              for pct in sorted(percents)]
    assert all(b >= a - 1e-12 for a, b in pairwise(shares))
    for pct, share in zip(sorted(percents), shares, strict=True):
        assert pct / 100 - 1e-9 <= share <= 1 + 1e-9  # the best x% hold at least x%
    assert 0 <= gini(revenue.to_numpy()) < 1
