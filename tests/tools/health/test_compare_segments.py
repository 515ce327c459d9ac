"""Comparing two segments: each value, lift against overall and difference, checked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from tools.errors import ToolError
from tools.health import compare_segments
from tools.segments import Segmentation, save_segmentation


@pytest.fixture
def archetypes(demo_ws, demo_truth) -> pd.Series:
    labels = pd.Series(demo_truth["customer_archetype"])
    save_segmentation(demo_ws, Segmentation("archetypes", "planted", labels))
    return labels


def by_hand(ws, ids: pd.Index, everyone: pd.Index) -> dict[str, float]:
    orders = ws.read_dataset("orders")
    orders = orders[(orders["status"] == "completed") & orders["customer_id"].isin(ids)]
    tickets = ws.read_dataset("tickets")
    tickets = tickets[tickets["customer_id"].isin(ids)]
    nps = ws.read_dataset("surveys").pipe(lambda s: s.loc[s["customer_id"].isin(ids), "nps"])
    return {
        "customers": len(ids),
        "customer_share": len(ids) / len(everyone),
        "avg_order_value": orders["amount"].sum() / len(orders),
        "orders_per_customer": len(orders) / len(ids),
        "revenue_per_customer": orders["amount"].sum() / len(ids),
        "tickets_per_customer": len(tickets) / len(ids),
        "billing_issues_per_customer": (tickets["topic"] == "billing").sum() / len(ids),
        "mean_nps": nps.mean(),
    }


def test_values_lifts_and_differences_equal_independent_ratios(demo_ws, archetypes):
    result = compare_segments(demo_ws, first="loyal_champion", second="at_risk")
    everyone = archetypes.index
    a = by_hand(demo_ws, archetypes.index[archetypes == "loyal_champion"], everyone)
    b = by_hand(demo_ws, archetypes.index[archetypes == "at_risk"], everyone)
    whole = by_hand(demo_ws, everyone, everyone)
    table = result.table.set_index("metric")
    for metric in a:
        assert table.loc[metric, "a"] == pytest.approx(a[metric]), metric
        assert table.loc[metric, "b"] == pytest.approx(b[metric]), metric
        assert table.loc[metric, "overall"] == pytest.approx(whole[metric]), metric
        assert table.loc[metric, "difference"] == pytest.approx(a[metric] - b[metric]), metric
    for metric in ("avg_order_value", "orders_per_customer", "tickets_per_customer",
                   "billing_issues_per_customer", "mean_nps"):
        assert table.loc[metric, "a_lift"] == pytest.approx(a[metric] / whole[metric]), metric
        assert table.loc[metric, "b_lift"] == pytest.approx(b[metric] / whole[metric]), metric
        assert result.fact(f"a_{metric}_lift") == pytest.approx(a[metric] / whole[metric])
    assert result.fact("a_customers") == a["customers"]
    assert result.fact("b_customers") == b["customers"]
    assert result.fact("a_avg_order_value") == pytest.approx(a["avg_order_value"])
    assert (result.fact("a_name"), result.fact("b_name")) == ("loyal_champion", "at_risk")
    assert pd.isna(table.loc["customers", "a_lift"])  # sizes have no lift


def test_one_segment_is_compared_with_everyone_else(demo_ws, archetypes):
    result = compare_segments(demo_ws, first="at_risk")
    at_risk = archetypes.index[archetypes == "at_risk"]
    rest = archetypes.index[archetypes != "at_risk"]
    a = by_hand(demo_ws, at_risk, archetypes.index)
    b = by_hand(demo_ws, rest, archetypes.index)
    table = result.table.set_index("metric")
    assert result.fact("b_name") == "everyone else"
    assert table.loc["customers", "b"] == len(rest)
    for metric in ("avg_order_value", "tickets_per_customer", "mean_nps"):
        assert table.loc[metric, "b"] == pytest.approx(b[metric])
    assert table.loc["tickets_per_customer", "a_lift"] > 2  # at-risk customers need help
    assert table.loc["customer_share", "a"] == pytest.approx(a["customer_share"])


def test_segments_from_different_segmentations_may_overlap(demo_ws, archetypes):
    top = archetypes[archetypes == "loyal_champion"].iloc[:100].rename("big")
    save_segmentation(demo_ws, Segmentation("big", "rule", top.map(lambda _: "big")))
    result = compare_segments(demo_ws, first="loyal_champion", second="big")
    assert result.fact("b_customers") == 100
    assert any("in both segments" in note for note in result.provenance.notes)


def test_mistakes_are_explained(demo_ws, archetypes):
    with pytest.raises(ToolError, match="Did you mean 'at_risk'"):
        compare_segments(demo_ws, first="at_rsk")
    with pytest.raises(ToolError, match="two different"):
        compare_segments(demo_ws, first="at_risk", second="archetypes/at_risk")
