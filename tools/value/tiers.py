"""Value tiers: customers ranked by revenue (or historical CLV) and cut into named bands.

The default cut points 10, 30 and 60 give four tiers: "Top 10%", "Next 20%",
"Middle 30%" and "Bottom 40%". A tier is a block of the ranking (best first, ties by
customer id): with n customers and cut points c1 < c2 < …, tier i holds ranks
ceil(n × c(i-1) / 100) + 1 to ceil(n × c(i) / 100), the same counting as `pareto`.
The tiers are saved as a segmentation so later questions can use them.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from pydantic import Field, field_validator

from tools.errors import ToolError
from tools.features import customer_features, historical_clv
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, say
from tools.segments import Segmentation, save_segmentation
from tools.value.pareto import orders_in_window, top_count
from tools.workspace import Workspace


def tier_names(cut_points: list[float]) -> list[str]:
    """[10, 30, 60] → ['Top 10%', 'Next 20%', 'Middle 30%', 'Bottom 40%']."""
    edges = [0.0, *cut_points, 100.0]
    widths = [hi - lo for lo, hi in pairwise(edges)]
    names = [f"Top {widths[0]:g}%"]
    for i, width in enumerate(widths[1:-1], start=1):
        names.append(f"{'Next' if i == 1 else 'Middle'} {width:g}%")
    names.append(f"Bottom {widths[-1]:g}%")
    if len(set(names)) < len(names):  # equal widths: name middle tiers by their ranks
        names[1:-1] = [f"Top {edges[i]:g}-{edges[i + 1]:g}%" for i in range(1, len(widths) - 1)]
    return names


def assign_tiers(values: pd.Series, cut_points: list[float]) -> pd.Series:
    """Tier name per customer from `values` (higher is better), as an ordered categorical."""
    n = len(values)
    order = np.lexsort((values.index.to_numpy(str), -values.to_numpy(float)))
    bounds = [top_count(n, c) if n else 0 for c in cut_points]
    rank_tier = np.searchsorted(np.asarray(bounds), np.arange(n), side="right")
    names = tier_names(cut_points)
    tiers = np.empty(n, dtype=object)
    tiers[order] = np.asarray(names, dtype=object)[rank_tier]
    return pd.Series(pd.Categorical(tiers, categories=names, ordered=True), index=values.index,
                     name="tier")


class ValueTierParams(ToolParams):
    measure: Literal["revenue", "clv"] = Field(
        "revenue", description="Rank customers by 'revenue' (what they spent) or 'clv' "
        "(historical customer lifetime value: order value × yearly frequency × lifespan).")
    cut_points: list[float] = Field(
        default_factory=lambda: [10.0, 30.0, 60.0], min_length=1, max_length=6,
        description="Where tiers end, as percent of customers counted from the best: "
        "[10, 30, 60] makes Top 10%, Next 20%, Middle 30%, Bottom 40%.")
    start: str | None = Field(None, description="First order date to count (YYYY-MM-DD).")
    end: str | None = Field(None, description="Last order date to count (YYYY-MM-DD).")
    orders: str | None = Field(None, description="Orders dataset name, if there are several.")
    save_as: str | None = Field("value tiers", description="Save the tiers as a segmentation "
                                "under this name; empty to not save.")

    @field_validator("cut_points")
    @classmethod
    def _increasing(cls, value: list[float]) -> list[float]:
        if any(not 0 < c < 100 for c in value):
            raise ValueError("cut points must be percents between 0 and 100, e.g. [10, 30, 60]")
        if any(b <= a for a, b in pairwise(value)):
            raise ValueError("cut points must increase, e.g. [10, 30, 60]")
        return value


@tool("value_tiers", ValueTierParams)
def value_tiers(ws: Workspace, p: ValueTierParams) -> Result:
    orders, notes = orders_in_window(ws, p.orders, p.start, p.end)
    features = customer_features(ws, orders)
    n = len(features)
    if n < len(p.cut_points) + 1:
        raise ToolError(f"Only {n} customers have orders; {len(p.cut_points) + 1} tiers need at "
                        "least one customer each. Use fewer cut points.")
    measure = features["revenue"] if p.measure == "revenue" else historical_clv(features)
    tiers = assign_tiers(measure, p.cut_points)
    table = tier_table(features, measure, tiers, p.measure)
    facts = _facts(table, n, p.measure, p.save_as)
    if p.save_as:
        save_segmentation(ws, Segmentation(
            p.save_as, "value tiers", tiers.astype(str), p.model_dump(mode="json"),
            f"Customers ranked by {p.measure} and cut at {p.cut_points} percent"))
        notes.append(f"Saved as segmentation '{p.save_as}'.")
    summary = say("The {top_tier} of customers by {measure} bring {top_tier_revenue_share} of "
                  "revenue with an average order of {top_tier_avg_order_value}; the "
                  "{bottom_tier} bring {bottom_tier_revenue_share}.", facts)
    customers = pd.DataFrame({"customer_id": features.index, "tier": tiers.astype(str).values,
                              p.measure: measure.to_numpy()})
    return Result(
        table=table, facts=facts, summary=summary, chart=_chart(table),
        tables={"customers": customers},
        provenance=Provenance("value_tiers", [orders.dataset], rows_in=len(orders.frame),
                              rows_out=n, notes=notes),
    )


def tier_table(features: pd.DataFrame, measure: pd.Series, tiers: pd.Series,
               measure_name: str) -> pd.DataFrame:
    """One row per tier: size, revenue and how its customers buy."""
    grouped = features.assign(measure=measure).groupby(tiers, observed=False)
    table = grouped.agg(customers=("orders", "size"), orders=("orders", "sum"),
                        revenue=("revenue", "sum"), min_measure=("measure", "min"))
    table.index.name = "tier"
    table = table.reset_index()
    table["tier"] = table["tier"].astype(str)
    table["customer_share"] = table["customers"] / table["customers"].sum()
    table["revenue_share"] = table["revenue"] / table["revenue"].sum()
    table["avg_order_value"] = table["revenue"] / table["orders"].replace(0, np.nan)
    table["orders_per_customer"] = table["orders"] / table["customers"].replace(0, np.nan)
    table["low_confidence"] = table["customers"] < MIN_RELIABLE
    table = table.rename(columns={"min_measure": f"min_{measure_name}"})
    return table[["tier", "customers", "customer_share", "revenue", "revenue_share",
                  "avg_order_value", "orders_per_customer", f"min_{measure_name}", "orders",
                  "low_confidence"]]


def _facts(table: pd.DataFrame, n: int, measure: str, save_as: str | None) -> dict[str, Fact]:
    top, bottom = table.iloc[0], table.iloc[-1]
    low_top, low_bottom = bool(top["low_confidence"]), bool(bottom["low_confidence"])
    facts = {
        "customers": Fact(n, "customers", "customers with orders"),
        "tiers": Fact(len(table), "count", "number of tiers"),
        "measure": Fact("revenue" if measure == "revenue" else "historical CLV", "",
                        "what customers are ranked by"),
        "top_tier": Fact(str(top["tier"]), "", "best tier"),
        "top_tier_customers": Fact(int(top["customers"]), "customers", "customers in the best "
                                   "tier", low_top),
        "top_tier_revenue_share": Fact(float(top["revenue_share"]), "share",
                                       "best tier's share of revenue", low_top),
        "top_tier_avg_order_value": Fact(float(top["avg_order_value"]), "currency",
                                         "best tier's average order value", low_top),
        "top_tier_orders_per_customer": Fact(float(top["orders_per_customer"]), "ratio",
                                             "best tier's orders per customer", low_top),
        "bottom_tier": Fact(str(bottom["tier"]), "", "lowest tier"),
        "bottom_tier_revenue_share": Fact(float(bottom["revenue_share"]), "share",
                                          "lowest tier's share of revenue", low_bottom),
    }
    if save_as:
        facts["segmentation"] = Fact(save_as, "", "saved as segmentation")
    return facts


def _chart(table: pd.DataFrame) -> go.Figure:
    figure = go.Figure([
        go.Bar(x=table["tier"], y=table["customer_share"], name="Share of customers"),
        go.Bar(x=table["tier"], y=table["revenue_share"], name="Share of revenue"),
    ])
    figure.update_layout(barmode="group", title="Each value tier's share of customers and "
                         "revenue", yaxis={"tickformat": ".0%"})
    return figure
