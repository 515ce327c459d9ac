"""Revenue concentration: how much of the revenue comes from the best customers.

Definitions (so every number can be checked by hand):
- customers are the buyers in the window (at least one purchase), ranked by revenue,
  highest first, ties broken by customer id;
- "top x%" is the first ceil(n × x / 100) customers of that ranking;
- share_of_customers_for_80 is the smallest share of customers (taken from the top)
  whose revenue reaches 80% of the total;
- gini is the Gini coefficient of revenue per customer (0 = everyone spends the same,
  near 1 = a few customers bring almost everything).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from pydantic import Field

from tools.data import Orders, load_orders, windowed
from tools.errors import ToolError
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, say
from tools.segments import segment_orders
from tools.workspace import Workspace

STANDARD_PERCENTS = (1.0, 5.0, 10.0, 20.0, 50.0)
PARETO_TARGET = 0.8
CURVE_POINTS = 400


def orders_in_window(
    ws: Workspace, dataset: str | None, start: str | None, end: str | None
) -> tuple[Orders, list[str]]:
    """Orders between `start` and `end` (both optional), with notes saying what an order is
    and, when cut, the window."""
    return windowed(load_orders(ws, dataset), start, end)


def revenue_per_customer(frame: pd.DataFrame) -> pd.Series:
    """Revenue per buyer, highest first (ties in customer id order)."""
    codes, ids = pd.factorize(frame["customer_id"], sort=True)
    revenue = np.bincount(codes, weights=frame["amount"].to_numpy(float), minlength=len(ids))
    series = pd.Series(revenue, index=pd.Index(ids.astype(str), name="customer_id"),
                       name="revenue")
    order = np.lexsort((np.arange(len(series)), -series.to_numpy()))
    return series.iloc[order]


def top_count(n: int, percent: float) -> int:
    """How many customers make the top `percent`%: ceil(n × percent / 100), at least 1."""
    return max(1, min(n, math.ceil(n * percent / 100 - 1e-9)))


def gini(values: np.ndarray) -> float:
    """Gini coefficient of non-negative values (0 when all are equal)."""
    ordered = np.sort(np.asarray(values, dtype=float))
    n, total = len(ordered), ordered.sum()
    if n == 0 or total <= 0:
        return 0.0
    ranks = np.arange(1, n + 1)
    # rounding can leave -2e-16 for equal values; the coefficient is never below 0
    return max(0.0, float(2 * np.sum(ranks * ordered) / (n * total) - (n + 1) / n))


class ParetoParams(ToolParams):
    top_percent: float = Field(
        20.0, gt=0, le=100, description="Size of the 'top customers' group as a percent of "
        "customers (20 = the top 20%).")
    segment: str | None = Field(None, description="Only customers in this saved segment.")
    start: str | None = Field(None, description="First order date to count (YYYY-MM-DD); "
                              "default: the first order.")
    end: str | None = Field(None, description="Last order date to count (YYYY-MM-DD); "
                            "default: the last order.")
    orders: str | None = Field(None, description="Orders dataset name, if there are several.")


@tool("pareto", ParetoParams)
def pareto(ws: Workspace, p: ParetoParams) -> Result:
    orders, notes = orders_in_window(ws, p.orders, p.start, p.end)
    frame = orders.frame
    frame, _, segment_notes = segment_orders(ws, frame, p.segment)
    notes.extend(segment_notes)
    revenue = revenue_per_customer(frame)
    total = float(revenue.sum())
    if total <= 0:
        raise ToolError("These orders add up to no revenue, so there is nothing to rank.")
    n = len(revenue)
    cumulative = np.cumsum(revenue.to_numpy()) / total
    percents = sorted({*STANDARD_PERCENTS, float(p.top_percent)})
    rows = []
    for percent in percents:
        k = top_count(n, percent)
        rows.append({"top_percent": percent, "customers": k,
                     "revenue": float(revenue.iloc[:k].sum()),
                     "revenue_share": float(cumulative[k - 1]),
                     "low_confidence": k < MIN_RELIABLE})
    table = pd.DataFrame(rows)
    reach = int(np.searchsorted(cumulative, PARETO_TARGET - 1e-12, side="left")) + 1
    facts = _facts(n, total, table, p.top_percent, reach, gini(revenue.to_numpy()))
    curve = _curve(cumulative)
    summary = say("The top {top_customers_share} of customers bring {top_revenue_share} of "
                  "revenue; {share_of_customers_for_80} of customers produce {pareto_target} "
                  "of it (Gini {gini}).", facts)
    if n < MIN_RELIABLE:
        notes.append(f"Only {n} customers: the shares move a lot with one customer more or less.")
    return Result(
        table=table, facts=facts, summary=summary, chart=_chart(curve, p.top_percent, facts),
        tables={"curve": curve, "customers": revenue.reset_index()},
        provenance=Provenance("pareto", [orders.dataset], rows_in=len(frame), rows_out=n,
                              notes=notes),
    )


def _facts(n: int, total: float, table: pd.DataFrame, top_percent: float, reach: int,
           gini_value: float) -> dict[str, Fact]:
    low = n < MIN_RELIABLE
    chosen = table.loc[table["top_percent"] == float(top_percent)].iloc[0]
    top20 = table.loc[table["top_percent"] == 20.0].iloc[0]
    return {
        "customers": Fact(n, "customers", "customers with orders", low),
        "total_revenue": Fact(total, "currency", "revenue of these customers"),
        "top_customers_share": Fact(float(top_percent) / 100, "share",
                                    "size of the top group (share of customers)"),
        "top_customers": Fact(int(chosen["customers"]), "customers", "customers in the top group",
                              bool(chosen["low_confidence"])),
        "top_revenue_share": Fact(float(chosen["revenue_share"]), "share",
                                  f"share of revenue from the top {top_percent:g}% of customers",
                                  low),
        "top_20_share": Fact(float(top20["revenue_share"]), "share",
                             "share of revenue from the top 20% of customers", low),
        "share_of_customers_for_80": Fact(reach / n, "share",
                                          "smallest share of customers producing 80% of revenue",
                                          low),
        "customers_for_80": Fact(reach, "customers", "customers producing 80% of revenue", low),
        "pareto_target": Fact(PARETO_TARGET, "share", "revenue target of the Pareto measure"),
        "gini": Fact(round(gini_value, 4), "ratio",
                     "Gini coefficient of revenue per customer (0 equal, 1 concentrated)", low),
    }


def _curve(cumulative: np.ndarray) -> pd.DataFrame:
    """The cumulative curve thinned to at most CURVE_POINTS points (ends kept)."""
    n = len(cumulative)
    picks = np.unique(np.linspace(0, n - 1, min(n, CURVE_POINTS)).round().astype(int))
    return pd.DataFrame({
        "customer_share": np.concatenate([[0.0], (picks + 1) / n]),
        "revenue_share": np.concatenate([[0.0], cumulative[picks]]),
    })


def _chart(curve: pd.DataFrame, top_percent: float, facts: dict[str, Fact]) -> go.Figure:
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=curve["customer_share"], y=curve["revenue_share"],
                                mode="lines", name="Customers, best first"))
    figure.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="Everyone equal",
                                line={"dash": "dot", "color": "grey"}))
    figure.add_trace(go.Scatter(
        x=[top_percent / 100], y=[facts["top_revenue_share"].value], mode="markers+text",
        name=f"Top {top_percent:g}%", text=[facts["top_revenue_share"].text],
        textposition="bottom right"))
    figure.update_layout(title="Cumulative share of revenue by share of customers",
                         xaxis={"title": "Share of customers", "tickformat": ".0%"},
                         yaxis={"title": "Share of revenue", "tickformat": ".0%"})
    return figure
