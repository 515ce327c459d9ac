"""RFM scores, named segments and lifecycle status, checked against plain pandas."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tools.errors import ToolError
from tools.rfm import lifecycle, quintile_scores, rfm
from tools.segments import resolve_segment

# The rule table exactly as it is published: R score then F score.
PUBLISHED = {
    "Champions": "5[4-5]", "Loyal Customers": "[3-4][4-5]", "Potential Loyalist": "[4-5][2-3]",
    "New Customers": "51", "Promising": "41", "Need Attention": "33",
    "About To Sleep": "3[1-2]", "At Risk": "[1-2][3-4]", "Can't Lose Them": "[1-2]5",
    "Hibernating": "[1-2][1-2]",
}


def expected_scores(orders: pd.DataFrame, snapshot: pd.Timestamp) -> pd.DataFrame:
    """RFM the long way: pandas ranks, 'min' ties, quintile = 1 + floor(5 * below / n)."""
    per = orders.groupby("customer_id").agg(
        last=("order_date", "max"), frequency=("order_id", "count"), monetary=("amount", "sum"))
    per["recency"] = (snapshot - per["last"]).dt.days
    n = len(per)

    def score(values: pd.Series) -> pd.Series:
        below = values.rank(method="min") - 1
        return (below * 5 // n + 1).astype(int)

    per["R"] = score(-per["recency"])
    per["F"] = score(per["frequency"])
    per["M"] = score(per["monetary"])
    per["segment"] = [
        next(name for name, rule in PUBLISHED.items() if re.fullmatch(rule, f"{r}{f}"))
        for r, f in zip(per["R"], per["F"], strict=True)
    ]
    return per


@pytest.fixture
def completed(demo_ws) -> pd.DataFrame:
    orders = demo_ws.read_dataset("orders")
    return orders[orders["status"] == "completed"]


def test_scores_and_segment_counts_equal_an_independent_computation(demo_ws, completed):
    result = rfm(demo_ws)
    snapshot = completed["order_date"].max().normalize() + pd.Timedelta(days=1)
    want = expected_scores(completed, snapshot)
    got = result.tables["customers"].set_index("customer_id").loc[want.index]
    for column in ("R", "F", "M"):
        assert (got[column].to_numpy() == want[column].to_numpy()).all(), column
    assert (got["segment"] == want["segment"]).all()
    counts = result.table.set_index("segment")["customers"]
    assert counts.to_dict() == want["segment"].value_counts().reindex(
        counts.index, fill_value=0).to_dict()
    assert result.fact("champions_customers") == (want["segment"] == "Champions").sum()
    assert result.table["share"].sum() == pytest.approx(1.0)


def test_snapshot_and_window_limit_the_orders_counted(demo_ws, completed):
    result = rfm(demo_ws, snapshot_date="2025-12-31", window_days=365, save_as=None)
    snapshot = pd.Timestamp("2025-12-31")
    window = completed[(completed["order_date"] < snapshot)
                       & (completed["order_date"] >= snapshot - pd.Timedelta(days=365))]
    want = expected_scores(window, snapshot)
    got = result.tables["customers"].set_index("customer_id").loc[want.index]
    assert (got["frequency"].to_numpy() == want["frequency"].to_numpy()).all()
    assert (got["segment"] == want["segment"]).all()
    assert result.fact("customers") == len(want)


def test_planted_champions_and_at_risk_customers_land_where_expected(demo_ws, demo_truth):
    customers = rfm(demo_ws).tables["customers"].set_index("customer_id")
    planted = pd.Series(demo_truth["customer_archetype"]).reindex(customers.index)
    at_risk = customers.loc[planted == "at_risk", "R"]
    champions = customers.loc[planted == "loyal_champion", "F"]
    assert (at_risk <= 2).mean() > 0.8
    assert (champions >= 4).mean() > 0.8


def test_one_purchase_customers_score_frequency_one(make_ws):
    rows = [("a", "2024-01-05", 10.0), ("b", "2024-02-01", 20.0), ("c", "2024-03-01", 5.0),
            ("d", "2024-03-02", 7.0), ("e", "2024-01-01", 9.0), ("e", "2024-02-01", 9.0),
            ("e", "2024-03-01", 9.0)]
    frame = pd.DataFrame(rows, columns=["customer_id", "order_date", "amount"])
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["order_id"] = [f"o{i}" for i in range(len(frame))]
    ws = make_ws(orders=frame)
    scores = rfm(ws).tables["customers"].set_index("customer_id")
    assert list(scores.loc[["a", "b", "c", "d"], "F"]) == [1, 1, 1, 1]
    assert scores.loc["e", "F"] == 1 + math.floor(5 * 4 / 5)


def test_saved_rfm_segments_can_be_referred_to_by_name(demo_ws):
    result = rfm(demo_ws)
    name, label, ids = resolve_segment(demo_ws, "champions")
    assert (name, label) == ("rfm", "Champions")
    assert len(ids) == result.fact("champions_customers")


def test_the_summary_only_says_facts(demo_ws):
    result = rfm(demo_ws, save_as=None)
    shown = {fact.text for fact in result.facts.values()}
    for number in re.findall(r"[\d][\d,.]*%?", result.summary):
        assert any(number in text for text in shown), number


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"snapshot_date": "2019-01-01"}, "orders run from 2024-05-01"),
        ({"snapshot_date": "next tuesday"}, "YYYY-MM-DD"),
        ({"window_days": 0}, "window_days"),
        ({"segment": "Nobody"}, "segment"),
        ({"colour": "red"}, "not a setting"),
    ],
)
def test_bad_requests_get_a_message_naming_the_fix(demo_ws, arguments, message):
    with pytest.raises(ToolError, match=message):
        rfm(demo_ws, **arguments)


def test_lifecycle_follows_its_documented_rules(demo_ws, completed):
    result = lifecycle(demo_ws, save_as=None)
    as_of = completed["order_date"].max().normalize()
    per = completed.groupby("customer_id").agg(
        first=("order_date", "min"), last=("order_date", "max"), n=("order_id", "count"))
    tenure, recency = (as_of - per["first"]).dt.days, (as_of - per["last"]).dt.days
    status = np.where(tenure <= 90, "new", np.where(recency > 365, "churned", np.where(
        recency > 120, "at risk", np.where(per["n"] >= 10, "loyal", "active"))))
    want = pd.Series(status).value_counts()
    got = result.table.set_index("status")["customers"]
    assert got[got > 0].to_dict() == want.to_dict()


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=200))
def test_scores_stay_in_range_and_ties_share_a_score(values):
    scores = quintile_scores(np.array(values))
    assert scores.min() >= 1 and scores.max() <= 5
    frame = pd.DataFrame({"v": values, "s": scores})
    assert (frame.groupby("v")["s"].nunique() == 1).all()
    ordered = frame.sort_values("v")["s"].to_numpy()
    assert (np.diff(ordered) >= 0).all()
