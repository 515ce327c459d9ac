"""behaviour_cohorts: group vs rest retention equals a plain pandas computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tools.cohorts import behaviour_cohorts
from tools.errors import ToolError

LAST_MONTH = pd.Period("2026-10", "M")  # the demo's orders end on 2026-10-31


def pandas_comparison(orders: pd.DataFrame, did: pd.Series, months: int) -> pd.DataFrame:
    """Group vs rest on month-k retention, 90-day repeat and recent activity, plainly."""
    end = orders["order_date"].max()
    first = orders.groupby("customer_id")["order_date"].min()
    month = orders["order_date"].dt.year * 12 + orders["order_date"].dt.month
    first_month = month.groupby(orders["customer_id"]).min()
    last_month = LAST_MONTH.year * 12 + LAST_MONTH.month
    since = pd.DataFrame({"customer_id": orders["customer_id"],
                          "k": month - orders["customer_id"].map(first_month)})
    rows = {}
    for k in range(1, months + 1):
        returned = first.index.isin(since.loc[since["k"] == k, "customer_id"]).astype(float)
        observable = (first_month + k <= last_month).to_numpy()
        rows[f"month_{k}"] = pd.Series(np.where(observable, returned, np.nan), index=first.index)
    early = orders[orders["order_date"] <= orders["customer_id"].map(first)
                   + pd.Timedelta(days=90)]
    repeat = (early.groupby("customer_id").size().reindex(first.index) >= 2).astype(float)
    rows["repeat_90_days"] = repeat.where(first + pd.Timedelta(days=90) <= end)
    latest = orders.groupby("customer_id")["order_date"].max()
    rows["active_last_90_days"] = (latest > end - pd.Timedelta(days=90)).astype(float)
    frame = pd.DataFrame(rows)
    did = did.reindex(first.index, fill_value=False)
    return pd.DataFrame({"group": frame[did].mean(), "rest": frame[~did].mean(),
                         "group_customers": frame[did].notna().sum()})


def test_discount_users_vs_the_rest(demo_ws, completed, demo_truth) -> None:
    times = completed[completed["discount_used"]].groupby("customer_id").size()
    did = times >= 3
    expected = pandas_comparison(completed, did[did], 6)
    result = behaviour_cohorts(demo_ws, column="discount_used", at_least=3)
    table = result.table.set_index("measure")
    assert np.allclose(table["group"], expected["group"])
    assert np.allclose(table["rest"], expected["rest"])
    assert list(table["group_customers"]) == list(expected["group_customers"])
    assert result.fact("group_customers") == int(did.sum())
    assert result.fact("group_customers") + result.fact("rest_customers") == (
        completed["customer_id"].nunique())
    assert result.fact("month_3_difference") == pytest.approx(
        expected.loc["month_3", "group"] - expected.loc["month_3", "rest"])
    assert result.warnings  # several times means several orders: the bias is named
    hunters = {c for c, a in demo_truth["customer_archetype"].items() if a == "discount_hunter"}
    in_group = did[did].index
    assert len(hunters & set(in_group)) / len(in_group) > len(hunters) / len(did) * 0.9


def test_a_category_within_days_of_the_first_purchase(demo_ws, completed) -> None:
    first = completed.groupby("customer_id")["order_date"].min()
    early = completed[(completed["product_category"] == "Electronics")
                      & (completed["order_date"] <= completed["customer_id"].map(first)
                         + pd.Timedelta(days=60))]
    times = early.groupby("customer_id").size()
    did = times[times >= 2]
    result = behaviour_cohorts(demo_ws, column="product_category", value="electronics",
                               at_least=2, within_days=60)
    assert result.fact("group_customers") == len(did)
    expected = pandas_comparison(completed, did >= 2, 6)
    assert np.allclose(result.table.set_index("measure")["group"], expected["group"])
    assert "Electronics" in result.fact("behaviour")


def test_billing_tickets_vs_the_rest(demo_ws, completed) -> None:
    tickets = demo_ws.read_dataset("tickets")
    raised = set(tickets.loc[tickets["topic"] == "billing", "customer_id"])
    buyers = set(completed["customer_id"])
    result = behaviour_cohorts(demo_ws, table="tickets", column="topic", value="billing")
    assert result.fact("group_customers") == len(raised & buyers)
    did = pd.Series(True, index=sorted(raised & buyers))
    expected = pandas_comparison(completed, did, 6)
    assert result.fact("group_active_last_90_days") == pytest.approx(
        expected.loc["active_last_90_days", "group"])


def test_behaviour_input_errors(demo_ws) -> None:
    with pytest.raises(ToolError, match=r"Did you mean 'Electronics'"):
        behaviour_cohorts(demo_ws, column="product_category", value="Electroncs")
    with pytest.raises(ToolError, match=r"the most is"):
        behaviour_cohorts(demo_ws, column="discount_used", at_least=1000)
    with pytest.raises(ToolError, match=r"Did you mean 'product_category'"):
        behaviour_cohorts(demo_ws, column="product_categry", value="Fashion")
    with pytest.raises(ToolError, match=r"Say which value of 'sales_channel'"):
        behaviour_cohorts(demo_ws, column="sales_channel")
