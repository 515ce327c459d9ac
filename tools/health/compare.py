"""Two segments side by side, each against the whole customer base.

For every metric of the health report the table shows segment A, segment B, the
overall value, each segment's lift (its value divided by the overall value; left
empty for sizes and where the overall value is not positive, e.g. a negative net
promoter score) and the difference A − B. With only one segment given, B is everyone
else in the base, so "Champions vs overall" and "Champions vs the rest" come from the
same call.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from pydantic import Field

from tools.data import find_orders_dataset, load_customers, roles_of
from tools.errors import ToolError
from tools.health.attributes import attribute_rows
from tools.health.by_attributes import compare_attributes
from tools.health.customer_sums import build_base, sums_of
from tools.health.metrics import label_of, metrics_from_sums, overall_metrics, unit_of
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, say
from tools.segments import resolve_segment
from tools.workspace import Workspace

EVERYONE_ELSE = "everyone else"
CHART_METRICS = ("revenue_per_customer", "avg_order_value", "orders_per_customer",
                 "historical_clv", "at_risk_share", "tickets_per_customer",
                 "billing_issues_per_customer", "mean_nps", "mean_rating")
NOT_COMPARED = {"low_confidence", "nps_answers"}
SIZE_METRICS = ("customers", "customer_share", "revenue", "revenue_share")


class CompareParams(ToolParams):
    first: str = Field(description="The first segment, e.g. 'Champions' (or 'rfm/Champions' "
                       "when the name exists in several segmentations).")
    second: str | None = Field(None, description="The second segment, e.g. 'At Risk'; leave "
                               "empty to compare the first with everyone else.")
    orders: str | None = Field(None, description="Orders dataset name, if there are several.")


@tool("compare_segments", CompareParams)
def compare_segments(ws: Workspace, p: CompareParams) -> Result:
    seg_a, name_a, ids_a = resolve_segment(ws, p.first)
    seg_b, name_b, ids_b = "", EVERYONE_ELSE, pd.Index([], dtype=str)
    if p.second:
        seg_b, name_b, ids_b = resolve_segment(ws, p.second)
        if (seg_a, name_a) == (seg_b, name_b):
            raise ToolError(f"Both sides are '{name_a}'. Name two different segments.")
    if not _has_orders(ws, p.orders):
        return compare_attributes(ws, (seg_a, name_a, ids_a),
                                  (seg_b, name_b, ids_b) if p.second else None)
    base = build_base(ws, ids_a.union(ids_b) if p.second else ids_a, p.orders)
    if not p.second:
        seg_b, name_b = "", EVERYONE_ELSE
        ids_b = base.sums.index.difference(ids_a.astype(str))
        if ids_b.empty:
            raise ToolError(f"'{name_a}' holds every customer, so there is no one to compare "
                            "it with. Name a second segment.")
    notes = list(base.notes)
    overlap = ids_a.astype(str).intersection(ids_b.astype(str))
    if len(overlap):
        notes.append(f"{len(overlap):,} customers are in both segments and count in each.")
    total = base.sums.sum()
    sides = pd.DataFrame({"a": sums_of(base, ids_a), "b": sums_of(base, ids_b)}).T
    metrics = metrics_from_sums(sides, total, base.topics)
    overall = overall_metrics(total, base.topics)
    table = comparison_table(metrics, overall)
    facts = _facts(table, name_a, name_b, metrics)
    template = (
        "{a_name} ({a_customers}) spend {a_avg_order_value} per order and {a_at_risk_share} "
        "are at risk; {b_name} ({b_customers}) spend {b_avg_order_value} with "
        "{b_at_risk_share} at risk.")
    if not {"a_avg_order_value", "b_avg_order_value"} <= set(facts):
        template = ("{a_name} ({a_customers}): {a_at_risk_share} at risk; {b_name} "
                    "({b_customers}): {b_at_risk_share} at risk. One side has no purchases.")
    summary = say(template, facts)
    where = [s for s in (seg_a, seg_b) if s]
    notes.append("Segments from " + " and ".join(f"'{s}'" for s in dict.fromkeys(where)) + ".")
    tables = {"segments": pd.DataFrame({"side": ["a", "b"], "segment": [name_a, name_b],
                                        "segmentation": [seg_a, seg_b or "(the rest)"]})}
    attributes = _attributes_if_any(ws, ids_a, ids_b)
    if attributes is not None:
        tables["attributes"] = attributes
    return Result(
        table=table, facts=facts, summary=summary, chart=_chart(table, name_a, name_b),
        tables=tables,
        provenance=Provenance("compare_segments", base.datasets, rows_in=len(base.orders.frame),
                              rows_out=len(table), notes=notes),
    )


def _has_orders(ws: Workspace, dataset: str | None) -> bool:
    try:
        find_orders_dataset(ws, dataset)
    except ToolError:
        return False
    return True


def _attributes_if_any(ws: Workspace, ids_a: pd.Index, ids_b: pd.Index) -> pd.DataFrame | None:
    """The customer-attribute comparison as a second table, when a customers table exists."""
    try:
        customers, name = load_customers(ws)
        return attribute_rows(customers, roles_of(ws, name), ids_a, ids_b)
    except ToolError:
        return None


def comparison_table(metrics: pd.DataFrame, overall: pd.Series) -> pd.DataFrame:
    """One row per metric: a, b, overall, lifts against overall, and a − b."""
    names = [m for m in metrics.columns if m not in NOT_COMPARED]
    a = metrics.loc["a", names].astype(float)
    b = metrics.loc["b", names].astype(float)
    whole = overall[names].astype(float)
    divisor = whole.where((whole > 0) & ~whole.index.isin(list(SIZE_METRICS)))
    return pd.DataFrame({
        "metric": names,
        "label": [label_of(m) for m in names],
        "a": a.to_numpy(), "b": b.to_numpy(), "overall": whole.to_numpy(),
        "a_lift": (a / divisor).to_numpy(), "b_lift": (b / divisor).to_numpy(),
        "difference": (a - b).to_numpy(),
    })


def _facts(table: pd.DataFrame, name_a: str, name_b: str,
           metrics: pd.DataFrame) -> dict[str, Fact]:
    low = {"a": bool(metrics.loc["a", "customers"] < MIN_RELIABLE),
           "b": bool(metrics.loc["b", "customers"] < MIN_RELIABLE)}
    facts = {"a_name": Fact(name_a, "", "first segment"),
             "b_name": Fact(name_b, "", "second segment")}
    def put(key: str, value: float, unit: str, label: str, low_confidence: bool = False) -> None:
        if pd.notna(value):  # a metric a side cannot have (no answers, no orders) is left out
            value = int(value) if unit == "customers" else float(value)
            facts[key] = Fact(value, unit, label, low_confidence)

    for row in table.itertuples():
        unit = unit_of(row.metric)
        topic = row.metric.startswith("tickets_") and row.metric != "tickets_per_customer"
        for side, name in (("a", name_a), ("b", name_b)):
            put(f"{side}_{row.metric}", getattr(row, side), unit, f"{row.label}: {name}",
                low[side])
            if not topic and row.metric not in SIZE_METRICS:  # per-topic lifts: table only
                put(f"{side}_{row.metric}_lift", getattr(row, f"{side}_lift"), "ratio",
                    f"{row.label}: {name} ÷ overall", low[side])
        put(f"overall_{row.metric}", row.overall, unit, f"{row.label}: overall")
    return facts


def _chart(table: pd.DataFrame, name_a: str, name_b: str) -> go.Figure:
    shown = table[table["metric"].isin(CHART_METRICS)]
    figure = go.Figure([
        go.Bar(y=shown["label"], x=shown["a_lift"], name=name_a, orientation="h"),
        go.Bar(y=shown["label"], x=shown["b_lift"], name=name_b, orientation="h"),
    ])
    figure.add_vline(x=1.0, line_dash="dot", line_color="grey")
    figure.update_layout(barmode="group", title=f"{name_a} vs {name_b}: each metric ÷ overall "
                         "(1 = average)", xaxis={"title": "lift against overall"})
    return figure
