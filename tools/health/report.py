"""The segment health report: each segment's size, value, risk, support load and satisfaction.

Each segment is labelled by the rules in `tools.health.metrics.RULES` (performing well;
underperforming but high potential; underperforming), and every row carries a `why`
sentence with the numbers the rule compared. Customers of the base that the
segmentation does not cover are shown as one extra row ("not assessed"), so shares
add up to 1.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from pydantic import Field

from tools.health.customer_sums import build_base, group_sums
from tools.health.metrics import (
    PERFORMING,
    POTENTIAL,
    RULES,
    UNDERPERFORMING,
    health_labels,
    metrics_from_sums,
    overall_metrics,
)
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, fact_key, say
from tools.segments import Segmentation, load_segmentation, saved
from tools.workspace import Workspace

UNSEGMENTED = "(not in a segment)"
NO_PURCHASE = "no purchase yet"
NOT_ASSESSED = "not assessed"


class HealthParams(ToolParams):
    segmentation: str | None = Field(
        None, description="Saved segmentation to report on, e.g. 'rfm', 'value tiers' or "
        "'consumer types'; default: the most recently saved one (lifecycle status if none).")
    orders: str | None = Field(None, description="Orders dataset name, if there are several.")


def latest_segmentation(ws: Workspace) -> str | None:
    entries = saved(ws)
    if not entries:
        return None
    ranked = sorted(enumerate(entries.items()), key=lambda e: (e[1][1].get("saved_at", ""), e[0]))
    return ranked[-1][1][0]


def fact_slug(label: str, taken: set[str]) -> str:
    slug = fact_key(label)
    if not slug or not slug[0].isalpha():
        slug = f"segment_{slug}".rstrip("_")
    unique, i = slug, 2
    while unique in taken:
        unique, i = f"{slug}_{i}", i + 1
    taken.add(unique)
    return unique


@tool("segment_health", HealthParams)
def segment_health(ws: Workspace, p: HealthParams) -> Result:
    notes: list[str] = []
    name = p.segmentation or latest_segmentation(ws)
    seg = load_segmentation(ws, name) if name else None
    base = build_base(ws, seg.labels.index if seg else None, p.orders)
    if seg is None:
        status = base.lifecycle.astype(object).fillna(NO_PURCHASE)
        seg = Segmentation("lifecycle status", "lifecycle", status)
        notes.append("No segmentation is saved yet, so segments are lifecycle statuses (new, "
                     "active, loyal, at risk, churned, no purchase yet). Run RFM or clustering "
                     "to change that.")
    elif not p.segmentation:
        notes.append(f"Using the most recently saved segmentation, '{seg.name}'.")
    labels = seg.labels.astype(str)
    uncovered = base.sums.index.difference(labels.index)
    if len(uncovered):
        labels = pd.concat([labels, pd.Series(UNSEGMENTED, index=uncovered)])
        notes.append(f"{len(uncovered):,} buyers are not in '{seg.name}'; they form the row "
                     f"'{UNSEGMENTED}'.")
    total = base.sums.sum()
    metrics = metrics_from_sums(group_sums(base, labels), total, base.topics)
    overall = overall_metrics(total, base.topics)
    health, why = health_labels(metrics, overall)
    if UNSEGMENTED in health.index:  # shown so shares add up, but not judged
        health[UNSEGMENTED] = NOT_ASSESSED
        why[UNSEGMENTED] = (f"Customers '{seg.name}' does not cover; shown so that shares "
                            "add up to 100%.")
    table = metrics.assign(health=health, why=why).sort_values(
        ["revenue_share", "customers"], ascending=False)
    table.index.name = "segment"
    table = table.reset_index()
    lead = ["segment", "health", "customers", "customer_share", "revenue", "revenue_share"]
    table = table[lead + [c for c in table.columns if c not in lead]]
    facts = _facts(table, overall, seg.name)
    summary = say(
        "In '{segmentation}', {performing_well_count} of {segments} segments perform well, "
        "{high_potential_count} underperform with high potential and {underperforming_count} "
        "underperform; {highest_at_risk_segment} has the highest at-risk share "
        "({highest_at_risk_share}).", facts)
    return Result(
        table=table, facts=facts, summary=summary, chart=_chart(table),
        tables={"rules": RULES.copy(), "overall": overall.to_frame("overall").T.reset_index(
            drop=True)},
        provenance=Provenance("segment_health", base.datasets, rows_in=len(base.orders.frame),
                              rows_out=len(table), notes=[*notes, *base.notes]),
    )


def _facts(table: pd.DataFrame, overall: pd.Series, segmentation: str) -> dict[str, Fact]:
    counts = table["health"].value_counts()
    judged = table[table["health"] != NOT_ASSESSED]
    reliable = judged[~judged["low_confidence"]]
    pool = reliable if not reliable.empty else judged
    risky = pool.sort_values(["at_risk_share", "customers"], ascending=False).iloc[0]
    best = pool.sort_values(["revenue_per_customer", "customers"], ascending=False).iloc[0]
    facts = {
        "segmentation": Fact(segmentation, "", "segmentation reported on"),
        "segments": Fact(len(judged), "count", "segments labelled"),
        "customers": Fact(int(table["customers"].sum()), "customers", "customers in the report"),
        "performing_well_count": Fact(int(counts.get(PERFORMING, 0)), "count",
                                      "segments performing well"),
        "high_potential_count": Fact(int(counts.get(POTENTIAL, 0)), "count",
                                     "segments underperforming but with high potential"),
        "underperforming_count": Fact(int(counts.get(UNDERPERFORMING, 0)), "count",
                                      "segments underperforming"),
        "overall_at_risk_share": Fact(float(overall["at_risk_share"]), "share",
                                      "overall share at risk or churned"),
        "overall_avg_order_value": Fact(float(overall["avg_order_value"]), "currency",
                                        "overall average order value"),
        "highest_at_risk_segment": Fact(str(risky["segment"]), "",
                                        "segment with the highest at-risk share"),
        "highest_at_risk_share": Fact(float(risky["at_risk_share"]), "share",
                                      "its at-risk share", bool(risky["low_confidence"])),
        "most_valuable_segment": Fact(str(best["segment"]), "",
                                      "segment with the highest revenue per customer"),
    }
    taken = set(facts)
    for row in table.itertuples():
        slug = fact_slug(row.segment, taken)
        low = bool(row.customers < MIN_RELIABLE)
        facts[f"{slug}_health"] = Fact(row.health, "", f"health of {row.segment}")
        facts[f"{slug}_customers"] = Fact(int(row.customers), "customers", str(row.segment), low)
        facts[f"{slug}_revenue_share"] = Fact(float(row.revenue_share), "share",
                                              f"share of revenue: {row.segment}", low)
        facts[f"{slug}_at_risk_share"] = Fact(float(row.at_risk_share), "share",
                                              f"share at risk: {row.segment}", low)
    return facts


def _chart(table: pd.DataFrame) -> go.Figure:
    figure = go.Figure([
        go.Bar(x=table["segment"], y=table["customer_share"], name="Share of customers"),
        go.Bar(x=table["segment"], y=table["revenue_share"], name="Share of revenue"),
        go.Bar(x=table["segment"], y=table["at_risk_share"], name="Share at risk"),
    ])
    figure.update_layout(barmode="group", title="Segment health: customers, revenue and risk",
                         yaxis={"tickformat": ".0%"})
    return figure
