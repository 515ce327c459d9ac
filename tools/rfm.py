"""RFM: recency, frequency and monetary scores 1–5, the named RFM segments, lifecycle status.

Scoring method (quintiles with ties kept together): a customer's score on a measure is
``1 + floor(5 × share of customers with a strictly worse value)``, where worse means an
older last order (R), fewer orders (F) or less revenue (M). Equal values always get the
same score, and a value shared by many customers (typically one purchase) gets the
score of the lowest position it covers, so one-time buyers score F = 1. When ties are
heavy some scores are skipped (e.g. F jumps from 1 to 4); the table shows it honestly.

Named segments from the R and F scores (the widely used rule table):

| segment            | R     | F     |
|--------------------|-------|-------|
| Champions          | 5     | 4–5   |
| Loyal Customers    | 3–4   | 4–5   |
| Potential Loyalist | 4–5   | 2–3   |
| New Customers      | 5     | 1     |
| Promising          | 4     | 1     |
| Need Attention     | 3     | 3     |
| About To Sleep     | 3     | 1–2   |
| At Risk            | 1–2   | 3–4   |
| Can't Lose Them    | 1–2   | 5     |
| Hibernating        | 1–2   | 1–2   |

The ten rules cover all 25 (R, F) pairs exactly once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
from pydantic import Field

from tools.data import Orders, load_orders, parse_date
from tools.errors import ToolError
from tools.features import LIFECYCLE_ORDER, LifecycleRules, customer_features, lifecycle_status
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, fact_key, say
from tools.segments import Segmentation, save_segmentation, segment_orders
from tools.workspace import Workspace

SEGMENT_RULES: tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...] = (
    ("Champions", (5,), (4, 5)),
    ("Loyal Customers", (3, 4), (4, 5)),
    ("Potential Loyalist", (4, 5), (2, 3)),
    ("New Customers", (5,), (1,)),
    ("Promising", (4,), (1,)),
    ("Need Attention", (3,), (3,)),
    ("About To Sleep", (3,), (1, 2)),
    ("At Risk", (1, 2), (3, 4)),
    ("Can't Lose Them", (1, 2), (5,)),
    ("Hibernating", (1, 2), (1, 2)),
)
SEGMENT_NAMES = tuple(rule[0] for rule in SEGMENT_RULES)


def _segment_grid() -> np.ndarray:
    grid = np.empty((6, 6), dtype=object)
    for name, r_scores, f_scores in SEGMENT_RULES:
        for r in r_scores:
            for f in f_scores:
                grid[r, f] = name
    return grid


SEGMENT_GRID = _segment_grid()


def quintile_scores(values: np.ndarray, higher_is_better: bool = True) -> np.ndarray:
    """1 + floor(5 × share of values strictly worse); ties share one score.

    One sort: in sorted order, the number of strictly worse values is the position where
    a value's block of ties starts.
    """
    values = np.asarray(values, dtype=float)
    values = values if higher_is_better else -values
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = np.r_[True, ordered[1:] != ordered[:-1]]
    block_start = np.maximum.accumulate(np.where(starts, np.arange(len(values)), 0))
    worse = np.empty(len(values), dtype=np.int64)
    worse[order] = block_start
    return (1 + (5 * worse) // len(values)).astype(np.int8)


def rfm_scores(
    orders: Orders, snapshot: pd.Timestamp, window_days: int | None = None
) -> pd.DataFrame:
    """Per customer: recency_days, frequency, monetary, R, F, M, rfm code and segment.

    Frequency is the number of orders as `orders.rule` defines them (one row of
    `orders.frame` per order), monetary their total amount."""
    frame = orders.frame
    mask = frame["date"] < snapshot
    if window_days:
        mask &= frame["date"] >= snapshot - pd.Timedelta(days=window_days)
    frame = frame[mask]
    if frame.empty:
        raise ToolError(
            f"There are no orders in the chosen window before {snapshot.date()}. The orders "
            f"run from {orders.start.date()} to {orders.end.date()}."
        )
    codes, ids = pd.factorize(frame["customer_id"], sort=True)
    n = len(ids)
    frequency = np.bincount(codes, minlength=n)
    monetary = np.bincount(codes, weights=frame["amount"].to_numpy(float), minlength=n)
    day = frame["date"].to_numpy("datetime64[D]").astype(np.int64)
    last = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(last, codes, day)
    recency = np.datetime64(snapshot.date(), "D").astype(np.int64) - last
    r = quintile_scores(recency, higher_is_better=False)
    f = quintile_scores(frequency)
    m = quintile_scores(monetary)
    return pd.DataFrame(
        {
            "recency_days": recency,
            "frequency": frequency,
            "monetary": monetary,
            "R": r,
            "F": f,
            "M": m,
            "rfm": (r.astype(np.int16) * 100 + f * 10 + m).astype(str),
            "segment": SEGMENT_GRID[r, f],
        },
        index=pd.Index(ids.astype(str), name="customer_id"),
    )


class RFMParams(ToolParams):
    snapshot_date: str | None = Field(
        None, description="Score as of this date (YYYY-MM-DD); default: the day after the "
        "last order. Only orders before it count.")
    window_days: int | None = Field(
        None, ge=1, le=36500, description="Only count orders in this many days before the "
        "snapshot date (e.g. 365 for the last year); default: all history.")
    segment: str | None = Field(None, description="Only score customers in this saved segment.")
    orders: str | None = Field(None, description="Orders dataset name, if there are several.")
    save_as: str | None = Field(
        "rfm", description="Save the RFM segments under this name for later questions; "
        "empty to not save.")


def _snapshot(orders: Orders, value: str | None) -> pd.Timestamp:
    snapshot = parse_date(value, "the snapshot date")
    if snapshot is None:
        return orders.end.normalize() + pd.Timedelta(days=1)
    if snapshot <= orders.start:
        raise ToolError(
            f"The snapshot date {snapshot.date()} is before the first order. The orders run "
            f"from {orders.start.date()} to {orders.end.date()}."
        )
    return snapshot


def _restrict(ws: Workspace, orders: Orders, segment: str | None) -> tuple[Orders, list[str]]:
    frame, _, notes = segment_orders(ws, orders.frame, segment)
    return orders.narrowed(frame), [orders.rule, *notes]


@tool("rfm", RFMParams)
def rfm(ws: Workspace, p: RFMParams) -> Result:
    orders = load_orders(ws, p.orders, only_standard=True)
    orders, notes = _restrict(ws, orders, p.segment)
    snapshot = _snapshot(orders, p.snapshot_date)
    scores = rfm_scores(orders, snapshot, p.window_days)
    total_revenue = scores["monetary"].sum()
    table = (
        scores.groupby("segment")
        .agg(customers=("R", "size"), revenue=("monetary", "sum"),
             avg_recency_days=("recency_days", "mean"), avg_orders=("frequency", "mean"),
             avg_revenue=("monetary", "mean"))
        .reindex(list(SEGMENT_NAMES)).fillna({"customers": 0, "revenue": 0.0})
        .reset_index()
    )
    table["customers"] = table["customers"].astype(int)
    table["share"] = table["customers"] / len(scores)
    table["revenue_share"] = table["revenue"] / total_revenue if total_revenue else 0.0
    table["low_confidence"] = table["customers"] < MIN_RELIABLE
    table = table[["segment", "customers", "share", "revenue", "revenue_share",
                   "avg_recency_days", "avg_orders", "avg_revenue", "low_confidence"]]
    facts = {
        "customers": Fact(len(scores), "customers", "customers scored"),
        "snapshot_date": Fact(str(snapshot.date()), "", "scores as of"),
    }
    for row in table.itertuples():
        slug = fact_key(row.segment)
        low = bool(row.low_confidence)
        facts[f"{slug}_customers"] = Fact(row.customers, "customers", row.segment, low)
        facts[f"{slug}_share"] = Fact(row.share, "share", f"share of customers: {row.segment}",
                                      low)
        facts[f"{slug}_revenue_share"] = Fact(
            row.revenue_share, "share", f"share of revenue: {row.segment}", low)
    largest = table.sort_values("customers", ascending=False).iloc[0]
    facts["largest_segment"] = Fact(largest["segment"], "", "largest RFM segment")
    facts["largest_segment_share"] = Fact(largest["share"], "share", "its share of customers")
    if p.save_as:
        save_segmentation(ws, Segmentation(
            p.save_as, "rfm", scores["segment"], p.model_dump(mode="json"),
            "RFM segments from recency and frequency scores"))
        notes.append(f"Saved as segmentation '{p.save_as}'.")
    chart = px.bar(table, x="segment", y="customers", color="revenue_share",
                   title="Customers per RFM segment (colour: share of revenue)",
                   color_continuous_scale="Blues")
    summary = say(
        "Of {customers}, {champions_share} are Champions and {at_risk_share} are "
        "At Risk; the largest group is {largest_segment} ({largest_segment_share}).", facts)
    return Result(
        table=table, facts=facts, summary=summary, chart=chart,
        tables={"customers": scores.reset_index(), "rules": rule_table()},
        provenance=Provenance("rfm", [orders.dataset], rows_in=len(orders.frame),
                              rows_out=len(scores), notes=notes),
    )


def rule_table() -> pd.DataFrame:
    return pd.DataFrame(
        [{"segment": name, "R": "–".join(map(str, (r[0], r[-1]))) if len(r) > 1 else str(r[0]),
          "F": "–".join(map(str, (f[0], f[-1]))) if len(f) > 1 else str(f[0])}
         for name, r, f in SEGMENT_RULES]
    )


class LifecycleParams(ToolParams):
    as_of: str | None = Field(None, description="Status as of this date (YYYY-MM-DD); default: "
                              "the last order date.")
    new_days: int = Field(90, ge=1, le=3650, description="New: first order within this many days.")
    at_risk_days: int = Field(120, ge=1, le=3650,
                              description="At risk: no order for more than this many days.")
    churned_days: int = Field(365, ge=1, le=7300,
                              description="Churned: no order for more than this many days.")
    loyal_orders: int = Field(10, ge=2, le=10000,
                              description="Loyal: at least this many orders (and not at risk).")
    segment: str | None = Field(None, description="Only customers in this saved segment.")
    save_as: str | None = Field("lifecycle", description="Save the statuses under this name.")


@tool("lifecycle", LifecycleParams)
def lifecycle(ws: Workspace, p: LifecycleParams) -> Result:
    if not p.new_days < p.churned_days or not p.at_risk_days < p.churned_days:
        raise ToolError("The at-risk and new limits must be shorter than the churned limit "
                        f"({p.churned_days} days).")
    orders, notes = _restrict(ws, load_orders(ws), p.segment)
    as_of = parse_date(p.as_of, "the status date")
    if as_of is not None:
        if as_of < orders.start:
            raise ToolError(f"{as_of.date()} is before the first order; the orders run from "
                            f"{orders.start.date()} to {orders.end.date()}.")
        orders = orders.narrowed(orders.frame[orders.frame["date"] <= as_of])
    features = customer_features(ws, orders, as_of)
    rules = LifecycleRules(p.new_days, p.at_risk_days, p.churned_days, p.loyal_orders)
    status = lifecycle_status(features, rules)
    counts = status.value_counts().reindex(list(LIFECYCLE_ORDER), fill_value=0)
    revenue = features["revenue"].groupby(status).sum().reindex(list(LIFECYCLE_ORDER),
                                                                fill_value=0.0)
    table = pd.DataFrame({"status": counts.index, "customers": counts.values,
                          "share": counts.values / len(status),
                          "revenue_share": revenue.values / revenue.sum()})
    table["low_confidence"] = table["customers"] < MIN_RELIABLE
    facts = {"customers": Fact(len(status), "customers", "customers with orders")}
    for row in table.itertuples():
        slug = fact_key(row.status)
        facts[f"{slug}_customers"] = Fact(int(row.customers), "customers", row.status)
        facts[f"{slug}_share"] = Fact(row.share, "share", f"share {row.status}")
    if p.save_as:
        save_segmentation(ws, Segmentation(p.save_as, "lifecycle", status,
                                           p.model_dump(mode="json"), "Lifecycle status"))
        notes.append(f"Saved as segmentation '{p.save_as}'.")
    summary = say("Of {customers}, {active_share} are active, {loyal_share} loyal, "
                  "{at_risk_share} at risk and {churned_share} churned.", facts)
    return Result(
        table=table, facts=facts, summary=summary,
        chart=px.bar(table, x="status", y="customers", title="Customers by lifecycle status"),
        tables={"customers": status.reset_index()},
        provenance=Provenance("lifecycle", [orders.dataset], rows_in=len(orders.frame),
                              rows_out=len(status), notes=[*notes, _rule_text(rules)]),
    )


def _rule_text(rules: LifecycleRules) -> str:
    return (f"Rules, first match wins: new = first order within {rules.new_days} days; churned "
            f"= no order for over {rules.churned_days} days; at risk = no order for over "
            f"{rules.at_risk_days} days; loyal = {rules.loyal_orders}+ orders; else active.")
