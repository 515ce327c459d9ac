"""list_segments: every saved segment with its size and its share of customers and revenue."""

from __future__ import annotations

import pandas as pd
import pytest

from tools.errors import ToolError
from tools.rules import define_segment, list_segments
from tools.segments import Segmentation, save_segmentation
from tools.workspace import Workspace


def test_an_empty_workspace_lists_nothing_and_says_so(demo_ws: Workspace) -> None:
    result = list_segments(demo_ws)
    assert result.table.empty
    assert result.fact("segments") == 0
    assert "No segment is saved yet" in result.summary


def test_sizes_and_revenue_shares_match_pandas(demo_ws: Workspace) -> None:
    customers = demo_ws.read_dataset("customers").set_index("customer_id")
    orders = demo_ws.read_dataset("orders")
    revenue = orders[orders["status"] == "completed"].groupby("customer_id")["amount"].sum()
    band = pd.Series(["senior" if a >= 50 else "younger" for a in customers["age"]],
                     index=customers.index)
    save_segmentation(demo_ws, Segmentation("age groups", "custom", band))
    define_segment(demo_ws, name="Mobile Texans", filter='device = "mobile" and region = "Texas"')

    table = list_segments(demo_ws).table.set_index("segment")
    assert set(table.index) == {"senior", "younger", "Mobile Texans"}
    for label in ("senior", "younger"):
        ids = band.index[band == label]
        assert table.loc[label, "customers"] == len(ids)
        assert table.loc[label, "share_of_customers"] == pytest.approx(len(ids) / len(customers))
        share = revenue.reindex(ids).fillna(0).sum() / revenue.sum()
        assert table.loc[label, "revenue_share"] == pytest.approx(share)
    texans = (customers["device"] == "mobile") & (customers["region"] == "Texas")
    assert table.loc["Mobile Texans", "customers"] == texans.sum()
    assert table.loc["Mobile Texans", "kind"] == "rule"
    assert table.loc["Mobile Texans", "definition"] == (
        'device = "mobile" and region = "Texas"')


def test_one_segmentation_can_be_listed_and_typos_are_named(demo_ws: Workspace) -> None:
    define_segment(demo_ws, name="Seniors", filter="age >= 65")
    define_segment(demo_ws, name="Juniors", filter="age < 25")
    result = list_segments(demo_ws, segmentation="seniors")
    assert list(result.table["segment"]) == ["Seniors"]
    assert result.fact("segmentations") == 1
    with pytest.raises(ToolError, match="Did you mean 'Seniors'"):
        list_segments(demo_ws, segmentation="Senoirs")
