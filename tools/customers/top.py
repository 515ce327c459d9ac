"""The top (or bottom) N customers by a measure, listed one by one.

"Who are our top 10 customers by revenue" asks for ten customers, not for tiers. The
measure is one of the order measures of `tools.features` (revenue, orders = distinct
orders as `Orders.rule` states, average order value, days since last order) or any
numeric column of the customers table (Balance on a bank's customers-only table).
Ranking: highest first unless `ascending`, ties broken by customer id, so the same
question always lists the same customers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from pydantic import ConfigDict, Field, field_validator

from tools.alternatives import MONEY_WORDS, orders_needed
from tools.customers.sources import CustomerSources, gather
from tools.data import is_member, resolve_column, roles_of, windowed
from tools.errors import ToolError
from tools.features import customer_features
from tools.ingest.naming import name_tokens
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, fact_key, say
from tools.segments import resolve_segment
from tools.workspace import Workspace

MAX_LISTED = 1000
ORDER_MEASURES: dict[str, tuple[str, str]] = {
    "revenue": ("revenue", "currency"),
    "orders": ("orders", "orders"),
    "avg_order_value": ("average order value", "currency"),
    "recency_days": ("days since last order", "days"),
}
"""Order measure → (words shown to a marketer, fact unit)."""
ALIASES = {"aov": "avg_order_value", "average_order_value": "avg_order_value",
           "recency": "recency_days", "days_since_last_order": "recency_days",
           "frequency": "orders", "order_count": "orders", "number_of_orders": "orders",
           "monetary": "revenue", "spend": "revenue", "total_spend": "revenue"}
SUMMED = frozenset({"revenue", "orders"})
"""Order measures whose total over customers means something (a share of it can be given)."""
NOT_RANKED_ROLES = frozenset({"customer_id", "order_id", "identifier", "phone", "email",
                              "person_name", "text"})


class TopCustomersParams(ToolParams):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"by": "revenue", "n": 10},
        {"by": "orders", "n": 20, "start": "2024-01-01", "end": "2024-12-31"},
        {"by": "Balance", "n": 10},
        {"by": "recency_days", "n": 25, "segment": "Champions"},
        {"by": "revenue", "n": 10, "ascending": True}]})

    by: str = Field(
        "revenue", description="What to rank customers by: 'revenue' (total spent), 'orders' "
        "(number of distinct orders), 'avg_order_value', 'recency_days' (days since the last "
        "order), or the name of any numeric column of the customers table, e.g. 'Balance' or "
        "'Income'.")
    n: int = Field(
        10, description="How many customers to list, 1 to 1000 ('top 10' → 10).",
        json_schema_extra={"minimum": 1, "maximum": MAX_LISTED})
    ascending: bool = Field(
        False, description="False lists the highest values first (top customers); True lists "
        "the lowest first (e.g. the customers who spent least).")
    segment: str | None = Field(None, description="Only customers of this saved segment, "
                                "e.g. 'Champions'.")
    start: str | None = Field(None, description="Only orders on or after this date "
                              "(YYYY-MM-DD), for order measures.")
    end: str | None = Field(None, description="Only orders on or before this date "
                            "(YYYY-MM-DD), for order measures.")

    @field_validator("n")
    @classmethod
    def _listable(cls, value: int) -> int:
        if not 1 <= value <= MAX_LISTED:
            raise ValueError(f"the number of customers to list must be from 1 to {MAX_LISTED}, "
                             "e.g. 10")
        return value

    @field_validator("by")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value:
            raise ValueError("name what to rank by, e.g. 'revenue', 'orders' or a number column")
        return value


def order_measure(name: str) -> str | None:
    """'Revenue', 'avg order value', 'AOV' → the order measure meant, else None."""
    key = "_".join(name_tokens(name))
    key = ALIASES.get(key, key)
    return key if key in ORDER_MEASURES else None


@tool("top_customers", TopCustomersParams)
def top_customers(ws: Workspace, p: TopCustomersParams) -> Result:
    sources = gather(ws)
    key = order_measure(p.by)
    if key and sources.orders is not None:
        ranked = _by_orders(ws, sources, key, p)
    else:
        column = _customer_column(sources, p.by, key)
        if column is None:
            label = ORDER_MEASURES[key][0] if key else p.by
            raise ToolError(orders_needed(ws, f"Ranking customers by {label}"))
        ranked = _by_column(ws, sources, column, p)
    return _result(ws, sources, ranked, p)


@dataclass
class Ranked:
    """Per-customer values to rank (`per[column]`), with what is needed to word the answer."""

    per: pd.DataFrame
    column: str
    label: str
    unit: str
    summed: bool
    """Whether the total over customers means something (a share of it can be given)."""
    notes: list[str]
    rows_in: int


def _by_orders(ws: Workspace, sources: CustomerSources, key: str,
               p: TopCustomersParams) -> Ranked:
    assert sources.orders is not None
    data_end = sources.orders.end
    orders, notes = windowed(sources.orders, p.start, p.end)
    features = customer_features(ws, orders, as_of=data_end)
    per = features[["orders", "revenue", "avg_order_value", "recency_days", "last_order"]]
    if key == "recency_days":
        notes.append(f"Days since last order are counted to {data_end.date()}, the last order "
                     "date in the data.")
    label, unit = ORDER_MEASURES[key]
    return Ranked(per.copy(), key, label, unit, key in SUMMED, notes, len(orders.frame))


def _customer_column(sources: CustomerSources, by: str, key: str | None) -> str | None:
    """The customers-table column `by` names; None when `by` is an order measure the
    workspace cannot answer (no orders); a ToolError naming the options otherwise."""
    customers = sources.customers
    if customers is None:
        if key:
            return None
        raise ToolError(f"There is no measure '{by}' to rank customers by. Use 'revenue', "
                        "'orders', 'avg_order_value' or 'recency_days' (these need an orders "
                        "table), or load a customers table with that column.")
    try:
        return resolve_column(customers, by, "the customers table")
    except ToolError as error:
        if key:
            return None
        numbers = [str(c) for c in customers.columns
                   if pd.api.types.is_numeric_dtype(customers[c])
                   and not pd.api.types.is_bool_dtype(customers[c])]
        measures = ", ".join(f"'{m}'" for m in ORDER_MEASURES) if sources.orders is not None \
            else ""
        options = ", ".join(f"'{c}'" for c in numbers[:12])
        raise ToolError(f"{error} Customers can be ranked by "
                        + " or ".join(x for x in (measures, options) if x) + ".") from None


def _by_column(ws: Workspace, sources: CustomerSources, column: str,
               p: TopCustomersParams) -> Ranked:
    customers = sources.customers
    assert customers is not None and sources.customers_dataset is not None
    role = roles_of(ws, sources.customers_dataset).get(column)
    raw = customers[column]
    values = pd.to_numeric(raw.astype(float) if pd.api.types.is_bool_dtype(raw) else raw,
                           errors="coerce")
    if role in NOT_RANKED_ROLES or values.notna().sum() == 0 or (
            pd.api.types.is_datetime64_any_dtype(raw)):
        raise ToolError(f"'{column}' is not a number, so customers cannot be ranked by it. "
                        "Choose a numeric column (an amount, a balance, an age) or 'revenue'.")
    notes = []
    missing = int(values.isna().sum())
    if missing:
        notes.append(f"{missing:,} customers have no value of {column} and are not ranked.")
    per = pd.DataFrame({column: values.dropna()})
    if sources.orders is not None:
        orders, order_notes = windowed(sources.orders, p.start, p.end)
        features = customer_features(ws, orders)
        per["orders"] = features["orders"].reindex(per.index).fillna(0).astype(int)
        per["revenue"] = features["revenue"].reindex(per.index).fillna(0.0)
        per["last_order"] = features["last_order"].reindex(per.index)
        notes.extend(order_notes)
    money = role == "amount" or bool(set(name_tokens(column)) & MONEY_WORDS)
    summed = money and bool((per[column] >= 0).all())
    return Ranked(per, column, column, "", summed, notes, len(customers))
    # A total of ages or scores means nothing: shares of the total only for money columns.


def _result(ws: Workspace, sources: CustomerSources, ranked: Ranked,
            p: TopCustomersParams) -> Result:
    per, notes = ranked.per, list(ranked.notes)
    if p.segment:
        seg_name, label, members = resolve_segment(ws, p.segment)
        per = per[is_member(per.index, members)]
        if per.empty:
            raise ToolError(f"No customer of the segment '{label}' has a {ranked.label} to "
                            "rank. Choose another segment or a wider date window.")
        notes.append(f"Only customers in '{label}' ({seg_name}), {len(members):,} customers.")
    values = per[ranked.column].to_numpy(float)
    ids = per.index.to_numpy(str)
    order = np.lexsort((ids, values if p.ascending else -values))
    listed = per.iloc[order[:p.n]]
    notes.append("Ties are broken by customer id.")
    warnings = []
    if p.n > len(per):
        warnings.append(f"Only {len(per):,} customers can be ranked; all of them are listed.")
    table = _table(listed, ranked, sources)
    if sources.names is not None:
        notes.append(f"Names are from the column '{sources.names.name}'.")
    facts = _facts(per, listed, ranked, p.ascending)
    first = "top" if not p.ascending else "lowest"
    template = (f"The {first} {{customers_listed:bare}} of {{customers_ranked}} by {{measure}}: "
                "{top_customer} comes first with {top_value}")
    if "top_share" in facts:
        template += "; together they hold {top_share} of the total"
    elif "top_revenue_share" in facts:
        template += "; together they bring {top_revenue_share} of revenue"
    summary = say(template + ".", facts)
    return Result(
        table=table, facts=facts, summary=summary, chart=_chart(table, ranked),
        warnings=warnings,
        provenance=Provenance("top_customers", sources.datasets(), rows_in=ranked.rows_in,
                              rows_out=len(table), notes=notes),
    )


def _table(listed: pd.DataFrame, ranked: Ranked, sources: CustomerSources) -> pd.DataFrame:
    """Rank, customer id, name (under its own column header), the measure, orders, revenue
    and last order date, as far as the workspace has them."""
    table = pd.DataFrame({"rank": np.arange(1, len(listed) + 1),
                          "customer_id": listed.index.astype(str)})
    if sources.names is not None:  # named "name" so the privacy layer masks it by its header
        table["name"] = sources.names.reindex(listed.index).to_numpy()
    table[ranked.column] = listed[ranked.column].to_numpy()
    for column in ("orders", "revenue", "last_order"):
        if column in listed and column != ranked.column:
            table[column] = listed[column].to_numpy()
    if "last_order" in table:
        table["last_order"] = pd.to_datetime(table["last_order"])
    return table


def _facts(per: pd.DataFrame, listed: pd.DataFrame, ranked: Ranked,
           ascending: bool) -> dict[str, Fact]:
    n, low = len(per), len(per) < MIN_RELIABLE
    direction = "lowest first" if ascending else "highest first"
    facts = {
        "customers_ranked": Fact(n, "customers", "customers ranked", low),
        "customers_listed": Fact(len(listed), "customers", "customers listed"),
        "measure": Fact(ranked.label, "", f"what customers are ranked by ({direction})"),
        "top_customer": Fact(str(listed.index[0]), "", "customer id ranked first"),
        "top_value": Fact(_number(listed[ranked.column].iloc[0]), ranked.unit,
                          f"{ranked.label} of the customer ranked first"),
    }
    total = float(per[ranked.column].sum())
    if ranked.summed and total > 0:
        facts["total"] = Fact(_number(total), ranked.unit,
                              f"total {ranked.label} of the customers ranked")
        facts["top_share"] = Fact(float(listed[ranked.column].sum()) / total, "share",
                                  f"the listed customers' share of the total {ranked.label}",
                                  low)
    if "revenue" in per and ranked.column != "revenue" and float(per["revenue"].sum()) > 0:
        facts["top_revenue_share"] = Fact(
            float(listed["revenue"].sum() / per["revenue"].sum()), "share",
            "the listed customers' share of revenue", low)
    prefix = fact_key(ranked.column) or "value"
    if not prefix[0].isalpha():
        prefix = f"value_{prefix}"
    for rank, (customer, value) in enumerate(listed[ranked.column].items(), start=1):
        key = f"{prefix}_{fact_key(customer)}".rstrip("_")
        if key in facts:
            key = f"{key}_rank_{rank}"
        facts[key] = Fact(_number(value), ranked.unit,
                          f"{ranked.label} of customer {customer} (rank {rank})")
    return facts


def _number(value: object) -> float | int:
    number = float(value)  # type: ignore[arg-type]
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _chart(table: pd.DataFrame, ranked: Ranked) -> go.Figure:
    shown = table.head(30)
    figure = go.Figure(go.Bar(x=shown[ranked.column], y=shown["customer_id"], orientation="h"))
    figure.update_layout(title=f"Customers by {ranked.label}",
                         yaxis={"autorange": "reversed", "type": "category"},
                         xaxis={"title": ranked.label})
    return figure
