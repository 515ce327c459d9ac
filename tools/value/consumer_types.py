"""Consumer types: loyal, discount-driven, impulse and needs-based buyers, by plain rules.

The rules are checked in this order and the first that matches wins (defaults shown;
every threshold is a setting of the tool):

| order | type            | rule                                                          |
|-------|-----------------|---------------------------------------------------------------|
| 1     | new             | first order within 90 days (too little history to judge)     |
| 2     | discount-driven | a discount on at least 60% of orders                          |
| 3     | loyal           | orders at or above the 75th percentile of buyers, last order  |
|       |                 | within 120 days, and a discount on under 30% of orders        |
| 4     | impulse         | at least 40% of repeat orders within 7 days of the previous   |
|       |                 | one (buying in bursts), or at least 20% of orders returned or |
|       |                 | cancelled                                                     |
| 5     | needs-based     | orders per month at or below the median, and either at least  |
|       |                 | 2 items per order (planned, stocked-up baskets) or at least   |
|       |                 | 60% of orders in one category with an average order value at |
|       |                 | or above the median                                           |
| 6     | other           | everyone else                                                 |

Percentiles and medians are over all buyers. A rule whose data is missing (no discount
column, no returns, no quantity or category) drops that part and says so in a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.express as px
from pydantic import Field

from tools.data import load_orders
from tools.features import customer_features
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, format_value, say
from tools.segments import Segmentation, save_segmentation
from tools.value.buying_patterns import buying_patterns
from tools.workspace import Workspace

TYPES = ("loyal", "discount-driven", "impulse", "needs-based", "new", "other")


class ConsumerTypeParams(ToolParams):
    new_days: int = Field(90, ge=0, le=3650, description="New: first order within this many "
                          "days (too little history to judge; 0 = no 'new' type).")
    discount_share_min: float = Field(0.6, gt=0, le=1, description="Discount-driven: share of "
                                      "orders with a discount at least this (0.6 = 60%).")
    loyal_orders_percentile: float = Field(75, ge=1, le=99, description="Loyal: number of "
                                           "orders at or above this percentile of buyers.")
    loyal_recency_days: int = Field(120, ge=1, le=3650, description="Loyal: last order within "
                                    "this many days.")
    loyal_discount_share_max: float = Field(0.3, gt=0, le=1, description="Loyal: share of "
                                            "orders with a discount below this.")
    quick_repeat_days: int = Field(7, ge=0, le=90, description="Impulse: a repeat order within "
                                   "this many days of the previous one counts as a burst.")
    quick_repeat_share_min: float = Field(0.4, gt=0, le=1, description="Impulse: share of "
                                          "repeat orders that are bursts at least this.")
    return_rate_min: float = Field(0.2, gt=0, le=1, description="Impulse (alternative): share "
                                   "of orders returned or cancelled at least this.")
    bulk_items_per_order: float = Field(2.0, gt=0, le=1000, description="Needs-based: at least "
                                        "this many items per order on average.")
    focus_share_min: float = Field(0.6, gt=0, le=1, description="Needs-based (alternative): "
                                   "share of orders in one product category at least this.")
    orders: str | None = Field(None, description="Orders dataset name, if there are several.")
    save_as: str | None = Field("consumer types", description="Save the types as a "
                                "segmentation under this name; empty to not save.")


@dataclass(frozen=True)
class TypeRule:
    name: str
    matches: np.ndarray
    text: str


def consumer_type_rules(
    features: pd.DataFrame, p: ConsumerTypeParams
) -> tuple[list[TypeRule], list[str]]:
    """The rules in the order they are applied, with the thresholds they used."""
    f, warnings = features, []
    no = np.zeros(len(f), dtype=bool)

    def column(name: str, missing: str) -> pd.Series | None:
        if name in f and f[name].notna().any():
            return f[name]
        warnings.append(missing)
        return None

    discount = column("discount_share", "The orders have no discount column, so nobody is "
                      "marked discount-driven and the loyal rule ignores discounts.")
    returns = column("return_rate", "No returned or cancelled orders are recorded, so the "
                     "impulse rule uses bursts of orders only.")
    items = column("items_per_order", "The orders have no quantity, so the needs-based rule "
                   "cannot use basket size.")
    focus = column("top_category_share", "The orders have no product category, so the "
                   "needs-based rule cannot use category focus.")
    pct = p.loyal_orders_percentile
    loyal_orders = float(np.percentile(f["orders"], pct))
    median_rate = float(f["orders_per_month"].median())
    median_aov = float(f["avg_order_value"].median())
    money = format_value(median_aov, "currency")

    loyal = (f["orders"] >= loyal_orders) & (f["recency_days"] <= p.loyal_recency_days)
    if discount is not None:
        loyal &= discount.fillna(0) < p.loyal_discount_share_max
    impulse = f["quick_repeat_share"] >= p.quick_repeat_share_min
    if returns is not None:
        impulse |= returns.fillna(0) >= p.return_rate_min
    focused = f["avg_order_value"] >= median_aov
    if focus is not None:
        focused &= focus.fillna(0) >= p.focus_share_min
    bulk = items.fillna(0) >= p.bulk_items_per_order if items is not None else no
    needs = (f["orders_per_month"] <= median_rate) & (bulk | focused)

    rules = [
        TypeRule("new", (f["tenure_days"] <= p.new_days).to_numpy(),
                 f"first order within {p.new_days} days"),
        TypeRule("discount-driven",
                 (discount.fillna(0) >= p.discount_share_min).to_numpy()
                 if discount is not None else no,
                 f"a discount on at least {p.discount_share_min:.0%} of orders"
                 if discount is not None else "not available: no discount column"),
        TypeRule("loyal", loyal.to_numpy(),
                 f"at least {loyal_orders:g} orders (percentile {pct:g} of buyers), last order "
                 f"within {p.loyal_recency_days} days"
                 + (f", a discount on under {p.loyal_discount_share_max:.0%} of orders"
                    if discount is not None else "")),
        TypeRule("impulse", impulse.to_numpy(),
                 f"at least {p.quick_repeat_share_min:.0%} of repeat orders within "
                 f"{p.quick_repeat_days} days of the previous one"
                 + (f", or at least {p.return_rate_min:.0%} of orders returned or cancelled"
                    if returns is not None else "")),
        TypeRule("needs-based", needs.to_numpy(),
                 f"at most {median_rate:.2f} orders per month (the median) and "
                 + (f"either at least {p.bulk_items_per_order:g} items per order or "
                    if items is not None else "")
                 + (f"at least {p.focus_share_min:.0%} of orders in one category and "
                    if focus is not None else "")
                 + f"an average order of at least {money} (the median)"),
    ]
    return rules, warnings


def classify(rules: list[TypeRule], index: pd.Index) -> pd.Series:
    """First matching rule wins; customers no rule matches are 'other'."""
    chosen = np.select([r.matches for r in rules], [r.name for r in rules], default="other")
    return pd.Series(chosen, index=index, name="consumer_type")


@tool("consumer_types", ConsumerTypeParams)
def consumer_types(ws: Workspace, p: ConsumerTypeParams) -> Result:
    orders = load_orders(ws, p.orders)
    features = customer_features(ws, orders)
    features = features.join(buying_patterns(orders, features.index, p.quick_repeat_days))
    rules, warnings = consumer_type_rules(features, p)
    types = classify(rules, features.index)
    table = type_table(features, types, rules)
    facts = _facts(table, len(features))
    notes = []
    if p.save_as:
        save_segmentation(ws, Segmentation(
            p.save_as, "consumer types", types, p.model_dump(mode="json"),
            "Consumer types by behavioural rules (first match wins)"))
        notes.append(f"Saved as segmentation '{p.save_as}'.")
    rule_rows = [{"order": i, "type": r.name, "rule": r.text,
                  "customers": int((types == r.name).sum())} for i, r in enumerate(rules, 1)]
    rule_rows.append({"order": len(rules) + 1, "type": "other", "rule": "no rule above matches",
                      "customers": int((types == "other").sum())})
    summary = say("Of {customers}, {loyal_share} are loyal, {discount_driven_share} "
                  "discount-driven, {impulse_share} impulse and {needs_based_share} needs-based "
                  "buyers; {new_share} are too new to judge.", facts)
    chart = px.bar(table, x="type", y="customers", color="revenue_share",
                   color_continuous_scale="Blues",
                   title="Customers per consumer type (colour: share of revenue)")
    columns = ["orders", "revenue", "orders_per_month", "recency_days", "quick_repeat_share",
               *[c for c in ("discount_share", "return_rate", "items_per_order",
                             "top_category_share") if c in features]]
    customers = features[columns].assign(consumer_type=types).reset_index()
    return Result(
        table=table, facts=facts, summary=summary, chart=chart, warnings=warnings,
        tables={"rules": pd.DataFrame(rule_rows), "customers": customers},
        provenance=Provenance("consumer_types", [orders.dataset], rows_in=len(orders.frame),
                              rows_out=len(features),
                              notes=[*notes, orders.rule,
                                     "Rules are checked in order; first match wins."]),
    )


def type_table(features: pd.DataFrame, types: pd.Series, rules: list[TypeRule]) -> pd.DataFrame:
    """One row per type: size, revenue and the averages the rules look at."""
    optional = [c for c in ("discount_share", "return_rate", "items_per_order") if c in features]
    grouped = features.groupby(types)
    table = grouped.agg(customers=("orders", "size"), orders=("orders", "sum"),
                        revenue=("revenue", "sum"))
    means = grouped[["quick_repeat_share", *optional]].mean().add_prefix("avg_")
    table = table.join(means).reindex(list(TYPES))
    table[["customers", "orders"]] = table[["customers", "orders"]].fillna(0).astype(int)
    table["revenue"] = table["revenue"].fillna(0.0)
    table.index.name = "type"
    table = table.reset_index()
    table["share"] = table["customers"] / len(features)
    table["revenue_share"] = table["revenue"] / features["revenue"].sum()
    table["avg_order_value"] = table["revenue"] / table["orders"].replace(0, np.nan)
    table["orders_per_customer"] = table["orders"] / table["customers"].replace(0, np.nan)
    table["low_confidence"] = table["customers"] < MIN_RELIABLE
    texts = {r.name: r.text for r in rules} | {"other": "no rule above matches"}
    table["rule"] = table["type"].map(texts)
    lead = ["type", "customers", "share", "revenue", "revenue_share", "avg_order_value",
            "orders_per_customer"]
    rest = [c for c in table.columns if c not in lead and c != "orders"]
    return table[lead + rest]


def _facts(table: pd.DataFrame, n: int) -> dict[str, Fact]:
    facts = {"customers": Fact(n, "customers", "customers with orders")}
    for row in table.itertuples():
        slug = row.type.replace("-", "_")
        low = bool(row.low_confidence)
        facts[f"{slug}_customers"] = Fact(int(row.customers), "customers", row.type, low)
        facts[f"{slug}_share"] = Fact(float(row.share), "share", f"share {row.type}", low)
        facts[f"{slug}_revenue_share"] = Fact(float(row.revenue_share), "share",
                                              f"share of revenue: {row.type}", low)
    largest = table.sort_values(["customers", "type"], ascending=[False, True]).iloc[0]
    facts["largest_type"] = Fact(str(largest["type"]), "", "largest consumer type")
    facts["largest_type_share"] = Fact(float(largest["share"]), "share", "its share of customers")
    return facts
