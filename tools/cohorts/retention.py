"""Acquisition cohorts: of the customers acquired in a month, how many buy in later months?

An acquisition cohort is the customers whose first purchase (or signup) fell in the
same month (or quarter). Retention in period k is the share of the cohort that bought
in the k-th calendar period after it (period 0 is the acquisition period itself).
A period counts only once it is over: the last period of the data counts when the
data runs to its last day, so cells not yet observable are empty (NaN), not 0.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from pydantic import Field

from tools.cohorts.periods import (
    Buyers,
    active_pairs,
    last_complete,
    period_label,
    period_serial,
)
from tools.data import is_member, load_customers, load_orders, parse_date, roles_of
from tools.errors import ToolError
from tools.ingest.naming import name_tokens
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, say
from tools.segments import segment_orders
from tools.workspace import Workspace

HEADLINE = {"month": (1, 3, 6, 12), "quarter": (1, 2, 4)}
SIGNUP_WORDS = {"signup", "sign", "registration", "registered", "joined", "join", "created"}


class CohortRetentionParams(ToolParams):
    max_months: int = Field(12, ge=1, le=60, description="How many periods after acquisition "
                            "to show (months, or quarters when period='quarter').")
    period: Literal["month", "quarter"] = Field("month", description="Cohorts by month or "
                                                "by quarter of acquisition.")
    cohort_by: Literal["first_purchase", "signup"] = Field(
        "first_purchase", description="Acquisition = the first purchase, or the signup date "
        "of the customers table.")
    start: str | None = Field(None, description="Only cohorts acquired on or after this date.")
    end: str | None = Field(None, description="Only cohorts acquired on or before this date.")
    segment: str | None = Field(None, description="Only customers of this saved segment.")


@tool("cohort_retention", CohortRetentionParams)
def cohort_retention(ws: Workspace, p: CohortRetentionParams) -> Result:
    orders = load_orders(ws)
    frame, members, _ = segment_orders(ws, orders.frame, p.segment)
    buyers = Buyers.of(frame)
    acquired, source = _acquisition(ws, buyers, members, p)
    start, end = parse_date(p.start, "the start"), parse_date(p.end, "the end")
    start = acquired.min() if start is None else start
    end = acquired.max() if end is None else end
    dates = pd.DatetimeIndex(acquired.to_numpy())
    in_window = (dates >= start) & (dates.normalize() <= end)
    if not in_window.any():
        raise ToolError(f"No customers were acquired between {start.date()} and {end.date()}. "
                        f"Acquisitions run from {acquired.min().date()} to "
                        f"{acquired.max().date()}.")
    serial = np.where(in_window, period_serial(dates, p.period), -1)
    if p.cohort_by == "first_purchase":  # acquired is already in code order
        cohort_of_code = serial
    else:
        cohort_of_code = pd.Series(serial, index=acquired.index).reindex(buyers.ids).fillna(
            -1).to_numpy(np.int64)
    sizes = pd.Series(serial[in_window]).value_counts().sort_index()
    codes, ks = active_pairs(buyers.codes, period_serial(buyers.dates, p.period),
                             cohort_of_code, p.max_months)
    row = np.searchsorted(sizes.index.to_numpy(), cohort_of_code[codes])
    width = p.max_months + 1
    counts = np.bincount(row * width + ks, minlength=len(sizes) * width).reshape(-1, width)
    last = last_complete(orders.end, p.period)
    observable = (sizes.index.to_numpy()[:, None] + np.arange(width)[None, :]) <= last
    observable[:, 0] = True
    counts = np.where(observable, counts.astype(float), np.nan)
    rates = counts / sizes.to_numpy()[:, None]
    name = p.period
    columns = [f"{name}_{k}" for k in range(width)]
    labels = [period_label(int(s), name) for s in sizes.index]
    head = pd.DataFrame({"cohort": labels, "customers": sizes.to_numpy(int),
                         "low_confidence": sizes.to_numpy() < MIN_RELIABLE})
    table = pd.concat([head, pd.DataFrame(rates, columns=columns)], axis=1)
    count_table = pd.concat([head, pd.DataFrame(counts, columns=columns)], axis=1)
    facts = _facts(counts, sizes.to_numpy(), labels, name, p.max_months)
    notes = [f"Cohort = {source}. Period 0 is the acquisition {name}; a {name} counts once "
             "it is over, so later cells of recent cohorts are empty, not 0. Averages are "
             f"weighted by cohort size, over the cohorts that reached that {name}.",
             orders.rule]
    return Result(
        table=table, facts=facts, summary=say(_template(facts, name), facts),
        chart=_heatmap(rates, labels, name), tables={"counts": count_table},
        provenance=Provenance(tool="cohort_retention", datasets=[orders.dataset],
                              rows_in=len(frame), rows_out=len(table), notes=notes),
    )


def _acquisition(ws: Workspace, buyers: Buyers, members: pd.Index | None,
                 p: CohortRetentionParams) -> tuple[pd.Series, str]:
    """Each customer's acquisition date (first purchase in code order, or signup)."""
    if p.cohort_by == "first_purchase":
        return (pd.Series(buyers.first_date, index=buyers.ids),
                f"the {p.period} of the first purchase")
    customers, name = load_customers(ws)
    roles = roles_of(ws, name)
    dated = [c for c, r in roles.items() if r in ("date", "transaction_date")]
    signup = [c for c in dated if set(name_tokens(c)) & SIGNUP_WORDS] or dated
    if not signup:
        raise ToolError(f"The customers table '{name}' has no signup date column. Use "
                        "cohort_by='first_purchase'.")
    acquired = pd.to_datetime(customers[signup[0]], errors="coerce").dropna()
    if members is not None:
        acquired = acquired[is_member(acquired.index, members)]
    if acquired.empty:
        raise ToolError(f"No customer has a '{signup[0]}' date. Use cohort_by='first_purchase'.")
    return acquired, f"the {p.period} of '{signup[0]}'"


def _facts(counts: np.ndarray, sizes: np.ndarray, labels: list[str], name: str,
           max_k: int) -> dict[str, Fact]:
    facts = {"cohorts": Fact(len(sizes), "count", "cohorts"),
             "customers": Fact(int(sizes.sum()), "customers", "customers in the cohorts")}
    for k in HEADLINE[name]:
        seen = ~np.isnan(counts[:, k]) if k <= max_k else np.zeros(len(sizes), bool)
        if seen.any():
            facts[f"avg_{name}_{k}_retention"] = Fact(
                float(counts[seen, k].sum() / sizes[seen].sum()), "share",
                f"share still buying in {name} {k} (cohort-size weighted)")
    ranked = [k for k in (3 if name == "month" else 1, 1)
              if k <= max_k and not np.isnan(counts[:, k]).all()]
    if not ranked:
        return facts
    k = ranked[0]
    rate = counts[:, k] / sizes
    pool = ~np.isnan(rate) & (sizes >= MIN_RELIABLE)
    pool = pool if pool.any() else ~np.isnan(rate)
    candidates = np.flatnonzero(pool)
    for which, at in (("best", candidates[np.argmax(rate[pool])]),
                      ("worst", candidates[np.argmin(rate[pool])])):
        small = bool(sizes[at] < MIN_RELIABLE)
        facts[f"{which}_cohort"] = Fact(labels[at], "", f"{which} cohort by {name}-{k} "
                                        "retention", small)
        facts[f"{which}_cohort_retention"] = Fact(float(rate[at]), "share",
                                                  f"its {name}-{k} retention", small)
    return facts


def _template(facts: dict[str, Fact], name: str) -> str:
    kind = "monthly" if name == "month" else "quarterly"
    text = "{cohorts} " + kind + " cohorts ({customers})"
    shown = [k for k in facts if k.startswith("avg_")][:2]
    if shown:
        parts = [f"{{{k}}} in {name} {k.split('_')[2]}" for k in shown]
        text += ": on average " + " and ".join(parts) + " are still buying"
    if "best_cohort" in facts:
        text += ("; the strongest cohort is {best_cohort} ({best_cohort_retention}) and the "
                 "weakest {worst_cohort} ({worst_cohort_retention})")
    return text + "."


def _heatmap(rates: np.ndarray, labels: list[str], name: str) -> go.Figure:
    text = np.where(np.isnan(rates), "",
                    np.char.add(np.round(np.nan_to_num(rates) * 100).astype(int).astype(str),
                                "%"))
    later = rates[:, 1:] if rates.shape[1] > 1 and np.isfinite(rates[:, 1:]).any() else (
        np.ones(1))
    figure = go.Figure(go.Heatmap(
        z=rates, x=[str(k) for k in range(rates.shape[1])], y=labels, text=text,
        texttemplate="%{text}", colorscale="Blues", zmin=0,
        zmax=max(float(np.nanmax(later)), 0.01), colorbar={"tickformat": ".0%"}))
    figure.update_layout(title=f"Share of each cohort buying, by {name}s since acquisition",
                         xaxis_title=f"{name}s since acquisition", yaxis_title="cohort",
                         yaxis_autorange="reversed")
    return figure
