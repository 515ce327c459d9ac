"""The segment health report on the planted archetypes, checked against plain pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from tools.data import load_orders
from tools.errors import ToolError
from tools.features import customer_features, historical_clv
from tools.health import segment_health
from tools.segments import Segmentation, save_segmentation


def save_archetypes(ws, truth: dict) -> pd.Series:
    labels = pd.Series(truth["customer_archetype"])
    save_segmentation(ws, Segmentation("archetypes", "planted", labels))
    return labels


def expected_metrics(ws, labels: pd.Series) -> pd.DataFrame:
    """Each metric the long way, from the raw tables (segment members without orders count)."""
    orders = ws.read_dataset("orders")
    orders = orders[orders["status"] == "completed"]
    as_of = orders["order_date"].max().normalize()
    per = orders.groupby("customer_id").agg(orders=("order_id", "size"),
                                            revenue=("amount", "sum"),
                                            first=("order_date", "min"),
                                            last=("order_date", "max"))
    per = per.reindex(labels.index)
    recency = (as_of - per["last"].dt.normalize()).dt.days
    tenure = (as_of - per["first"].dt.normalize()).dt.days
    at_risk = (tenure > 90) & (recency > 120)  # lifecycle: not new, and quiet for 120+ days
    tickets = ws.read_dataset("tickets")
    surveys = ws.read_dataset("surveys")
    reviews = ws.read_dataset("reviews")
    segment_of = labels.to_dict()
    rows = {}
    for segment, members in labels.groupby(labels):
        ids = members.index
        mine = per.loc[ids]
        their_tickets = tickets[tickets["customer_id"].isin(ids)]
        nps = surveys.loc[surveys["customer_id"].isin(ids), "nps"]
        rows[segment] = {
            "customers": len(ids),
            "revenue": mine["revenue"].sum(),
            "avg_order_value": mine["revenue"].sum() / mine["orders"].sum(),
            "orders_per_customer": mine["orders"].fillna(0).sum() / len(ids),
            "at_risk_share": at_risk.loc[ids].mean(),
            "tickets_per_customer": len(their_tickets) / len(ids),
            "tickets_billing": (their_tickets["topic"] == "billing").sum() / len(ids),
            "tickets_shipping": (their_tickets["topic"] == "shipping").sum() / len(ids),
            "mean_nps": nps.mean(),
            "net_promoter_score": 100 * ((nps >= 9).mean() - (nps <= 6).mean()),
            "mean_rating": reviews.loc[reviews["customer_id"].map(segment_of) == segment,
                                       "rating"].mean(),
        }
    out = pd.DataFrame(rows).T
    out["revenue_share"] = out["revenue"] / out["revenue"].sum()
    out["customer_share"] = out["customers"] / out["customers"].sum()
    return out


@pytest.fixture
def report(demo_ws, demo_truth):
    labels = save_archetypes(demo_ws, demo_truth)
    return segment_health(demo_ws, segmentation="archetypes"), labels


def test_metrics_equal_an_independent_computation(demo_ws, report):
    result, labels = report
    got = result.table.set_index("segment")
    want = expected_metrics(demo_ws, labels)
    for column in want.columns:
        assert got.loc[want.index, column].astype(float).to_numpy() == pytest.approx(
            want[column].astype(float).to_numpy(), rel=1e-9), column
    assert got["revenue_share"].sum() == pytest.approx(1.0)
    assert got["customer_share"].sum() == pytest.approx(1.0)
    assert got["billing_issues_per_customer"].to_numpy() == pytest.approx(
        got["tickets_billing"].to_numpy())  # the demo's only billing topic is 'billing'


def test_clv_is_the_mean_historical_clv_of_the_members(demo_ws, report):
    result, labels = report
    clv = historical_clv(customer_features(demo_ws, load_orders(demo_ws)))
    want = clv.reindex(labels.index).fillna(0).groupby(labels).mean()
    got = result.table.set_index("segment")["historical_clv"]
    assert got.loc[want.index].to_numpy() == pytest.approx(want.to_numpy())


def test_planted_archetypes_get_the_labels_their_story_implies(report):
    result, _ = report
    table = result.table.set_index("segment")
    assert table.loc["at_risk", "health"] == "underperforming"
    assert table["at_risk_share"].idxmax() == "at_risk"
    assert table["tickets_per_customer"].idxmax() == "at_risk"
    assert table.loc["loyal_champion", "health"] == "performing well"
    assert result.fact("highest_at_risk_segment") == "at_risk"
    assert result.fact("loyal_champion_health") == "performing well"
    assert "revenue share" in table.loc["loyal_champion", "why"]


def test_labels_follow_the_rule_table(report):
    result, _ = report
    table = result.table.set_index("segment")
    overall = result.tables["overall"].iloc[0]
    performing = (table["revenue_share"] >= table["customer_share"]) & (
        table["at_risk_share"] <= overall["at_risk_share"])
    potential = ~performing & (
        (table["avg_order_value"] >= overall["avg_order_value"])
        | (table["historical_clv"] >= overall["historical_clv"])
        | ((table["mean_nps"] >= overall["mean_nps"]) & (table["nps_answers"] >= 30)))
    want = pd.Series("underperforming", index=table.index)
    want[potential] = "underperforming but high potential"
    want[performing] = "performing well"
    assert (table["health"] == want).all()
    assert result.tables["rules"]["label"].tolist() == [
        "performing well", "underperforming but high potential", "underperforming"]
    counts = want.value_counts()
    assert result.fact("performing_well_count") == counts.get("performing well", 0)


def test_default_is_the_latest_segmentation_or_lifecycle(demo_ws, demo_truth):
    first = segment_health(demo_ws)
    assert first.fact("segmentation") == "lifecycle status"
    assert any("No segmentation is saved" in n for n in first.provenance.notes)
    assert {"at risk", "loyal", "new"} <= set(first.table["segment"])
    save_archetypes(demo_ws, demo_truth)
    assert segment_health(demo_ws).fact("segmentation") == "archetypes"


def test_customers_outside_a_segmentation_form_their_own_row(demo_ws, demo_truth):
    labels = pd.Series(demo_truth["customer_archetype"])
    loyal = labels[labels == "loyal_champion"]
    save_segmentation(demo_ws, Segmentation("loyal only", "rule", loyal))
    result = segment_health(demo_ws, segmentation="loyal only")
    table = result.table.set_index("segment")
    assert table.loc["(not in a segment)", "customers"] == len(labels) - len(loyal)
    assert table.loc["(not in a segment)", "health"] == "not assessed"
    assert table["revenue_share"].sum() == pytest.approx(1.0)
    assert result.fact("segments") == 1  # only real segments are judged


def test_without_tickets_or_surveys_those_columns_are_left_out(make_ws):
    orders = pd.DataFrame({
        "order_id": [f"o{i}" for i in range(120)],
        "customer_id": [f"c{i % 40}" for i in range(120)],
        "order_date": pd.date_range("2024-01-01", periods=120, freq="3D"),
        "amount": [10.0 + i for i in range(120)],
    })
    ws = make_ws(orders=orders)
    result = segment_health(ws)
    assert "tickets_per_customer" not in result.table
    assert "mean_nps" not in result.table
    assert any("No support tickets" in n for n in result.provenance.notes)


def test_an_unknown_segmentation_is_named_with_the_saved_ones(demo_ws, demo_truth):
    save_archetypes(demo_ws, demo_truth)
    with pytest.raises(ToolError, match="archetypes"):
        segment_health(demo_ws, segmentation="archetype")
