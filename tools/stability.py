"""Can the segments be trusted, and how do customers move between them over time?

`cluster_stability` refits the clustering on bootstrap resamples of the customers and
measures how well each refit agrees with the full-data segments (adjusted Rand index),
so a marketer knows whether a persona is real structure or an accident of the sample.
`segment_migration` takes two snapshots of lifecycle status (as of two dates) and
counts who moved where, e.g. how many active customers slipped to at risk.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
import plotly.express as px
from pydantic import Field
from sklearn.metrics import adjusted_rand_score

from tools.clustering.fit import SEED, fit_clusters
from tools.clustering.matrix import build_matrix
from tools.clustering.profile import profile_table, segment_names, segment_traits
from tools.clustering.sources import gather_features
from tools.data import Orders, is_member, load_orders, parse_date
from tools.errors import ToolError
from tools.features import LIFECYCLE_ORDER, customer_features, lifecycle_status
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, say
from tools.rfm import SEGMENT_NAMES, rfm_scores
from tools.segments import resolve_segment
from tools.workspace import Workspace

BOOTSTRAP_LIMIT = 20_000
"""Each resample holds at most this many customers, so a million customers stay quick."""
STABLE, MODERATE = 0.75, 0.6
NOT_YET = "not yet a customer"
DEFAULT_GAP_DAYS = 180


def verdict(score: float) -> str:
    if score >= STABLE:
        return "stable"
    return "moderately stable" if score >= MODERATE else "unstable"


class StabilityParams(ToolParams):
    features: list[str] | None = Field(
        None, description="Columns the clustering uses (as for cluster_customers); empty = "
        "buying behaviour.")
    method: Literal["auto", "kmeans", "gmm", "agglomerative"] = Field(
        "auto", description="Clustering algorithm, as for cluster_customers.")
    n_segments: int | None = Field(
        None, ge=2, le=15, description="Number of segments; empty = chosen automatically.")
    k_min: int = Field(2, ge=2, le=15, description="Fewest segments tried when choosing.")
    k_max: int = Field(8, ge=2, le=15, description="Most segments tried when choosing.")
    resamples: int = Field(20, ge=5, le=100, description="How many bootstrap resamples to fit.")
    segment: str | None = Field(
        None, description="Check the clustering of this saved segment's customers only.")


@tool("cluster_stability", StabilityParams)
def cluster_stability(ws: Workspace, p: StabilityParams) -> Result:
    members = resolve_segment(ws, p.segment)[2] if p.segment else None
    table = gather_features(ws, p.features, members)
    matrix = build_matrix(table.frame, table.kinds)
    values = matrix.values
    full = fit_clusters(values, p.method, p.n_segments, p.k_min, p.k_max)
    n, k = len(values), full.k
    size = min(n, BOOTSTRAP_LIMIT)
    rng = np.random.default_rng(SEED)
    scores, jaccard = [], np.zeros(len(full.centers))
    for b in range(p.resamples):
        rows = rng.choice(n, size, replace=True)
        refit = fit_clusters(values[rows], full.method, k, seed=SEED + b, score=False)
        scores.append(adjusted_rand_score(full.labels[rows], refit.labels))
        jaccard += _best_jaccard(rows, full.labels[rows], refit.labels, len(full.centers))
    jaccard /= p.resamples
    codes = pd.Series(full.labels, index=matrix.index)
    profile = profile_table(matrix.readable, matrix.kinds, codes)
    names = segment_names(segment_traits(profile, matrix.kinds))
    sizes = np.bincount(full.labels, minlength=len(full.centers))
    main = pd.DataFrame({
        "segment": [names[i] for i in range(len(sizes))],
        "customers": sizes,
        "share": sizes / n,
        "stability": jaccard,
        "verdict": [verdict(j) for j in jaccard],
        "low_confidence": sizes < MIN_RELIABLE,
    })
    ari = np.array(scores)
    mean = float(ari.mean())
    weakest = main.loc[main["stability"].idxmin()]
    facts = {
        "customers": Fact(n, "customers", "Customers clustered"),
        "n_segments": Fact(len(main), "count", "Segments"),
        "resamples": Fact(p.resamples, "count", "Bootstrap resamples"),
        "mean_ari": Fact(round(mean, 4), "score", "Mean adjusted Rand index"),
        "ari_p05": Fact(round(float(np.percentile(ari, 5)), 4), "score", "5th percentile ARI"),
        "ari_p95": Fact(round(float(np.percentile(ari, 95)), 4), "score", "95th percentile ARI"),
        "verdict": Fact(verdict(mean), "", "Stability verdict"),
        "least_stable_segment": Fact(str(weakest["segment"]), "", "Least stable segment"),
        "least_stable_score": Fact(round(float(weakest["stability"]), 4), "score",
                                   "Its Jaccard stability",
                                   low_confidence=bool(weakest["low_confidence"])),
        "method": Fact(full.method, "", "Clustering method"),
    }
    notes = [*table.notes, *matrix.notes,
             f"Each resample draws {size:,} customers with replacement and refits "
             f"{full.method} with {k} segments."]
    return Result(
        table=main,
        facts=facts,
        summary=say("Across {resamples:bare} resamples the {n_segments:bare} segments are "
                    "{verdict}: adjusted Rand index {mean_ari} on average, from {ari_p05} to "
                    "{ari_p95} in nine resamples out of ten.", facts),
        provenance=Provenance(tool="cluster_stability", datasets=table.datasets,
                              rows_in=table.rows_in, rows_out=len(main), notes=notes),
        chart=px.bar(main, x="segment", y="stability", color="verdict",
                     title="How often each segment reappears (mean best Jaccard)",
                     range_y=[0, 1]),
        tables={"resamples": pd.DataFrame({"resample": np.arange(1, p.resamples + 1),
                                           "ari": ari})},
        warnings=list(matrix.warnings),
    )


def _best_jaccard(
    rows: np.ndarray, original: np.ndarray, refit: np.ndarray, k: int
) -> np.ndarray:
    """For each original segment, its best Jaccard overlap with any refitted segment.

    Computed on the distinct customers of the resample (a customer drawn twice counts
    once); a segment absent from the resample scores 0.
    """
    _, first = np.unique(rows, return_index=True)
    a, b = original[first], refit[first]
    kb = int(b.max()) + 1
    counts = np.zeros((k, kb))
    np.add.at(counts, (a, b), 1.0)
    union = counts.sum(axis=1)[:, None] + counts.sum(axis=0)[None, :] - counts
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(union > 0, counts / union, 0.0)
    return ratio.max(axis=1)


class MigrationParams(ToolParams):
    first_date: str | None = Field(
        None, description="Date of the first snapshot, YYYY-MM-DD; empty = 180 days before "
        "the second date.")
    second_date: str | None = Field(
        None, description="Date of the second snapshot, YYYY-MM-DD; empty = the last order "
        "date.")
    segments: Literal["lifecycle", "rfm"] = Field(
        "lifecycle", description="Which segments to follow: lifecycle status (new, active, "
        "loyal, at risk, churned) or the named RFM segments, each computed as of both dates.")
    segment: str | None = Field(
        None, description="Only follow the customers of this saved segment.")


@tool("segment_migration", MigrationParams)
def segment_migration(ws: Workspace, p: MigrationParams) -> Result:
    orders = load_orders(ws)
    second = parse_date(p.second_date, "the second date") or orders.end.normalize()
    first = parse_date(p.first_date, "the first date") or second - pd.Timedelta(
        days=DEFAULT_GAP_DAYS)
    if first >= second:
        raise ToolError(f"The first date ({first.date()}) must be before the second date "
                        f"({second.date()}).")
    before = _status_as_of(ws, orders, first, p.segments)
    after = _status_as_of(ws, orders, second, p.segments)
    order = LIFECYCLE_ORDER if p.segments == "lifecycle" else SEGMENT_NAMES
    if p.segment:
        ids = resolve_segment(ws, p.segment)[2].astype(str)
        before, after = before[is_member(before.index, ids)], after[is_member(after.index, ids)]
    if after.empty:
        raise ToolError("None of these customers had ordered by the second date.")
    start = before.reindex(after.index).fillna(NOT_YET)
    rows = [NOT_YET, *order]
    counts = pd.crosstab(pd.Categorical(start, rows), pd.Categorical(after, order),
                         dropna=False)
    counts.index, counts.columns = list(rows), list(order)
    counts = counts.loc[counts.sum(axis=1) > 0]
    totals = counts.sum(axis=1)
    shares = counts.div(totals, axis=0)
    main = pd.concat([counts, totals.rename("customers"),
                      shares.add_suffix(" share")], axis=1).rename_axis("from_status")
    main = main.reset_index()
    existing = counts.drop(index=NOT_YET, errors="ignore")
    stayed = int(sum(existing.at[s, s] for s in existing.index))
    total = int(existing.to_numpy().sum())
    off = existing.astype(float).copy()
    for status in off.index:
        off.at[status, status] = -1.0
    source, target = (off.stack().idxmax() if total else ("", ""))
    flow = int(off.at[source, target]) if total else 0
    facts = {
        "customers": Fact(total, "customers", "Customers at both dates"),
        "customers_moved": Fact(total - stayed, "customers", "Customers who changed status"),
        "moved_share": Fact((total - stayed) / total if total else 0.0, "share",
                            "Share who changed status"),
        "stayed_share": Fact(stayed / total if total else 0.0, "share",
                             "Share who kept their status"),
        "biggest_flow": Fact(f"{source} → {target}" if flow else "none", "",
                             "Largest movement between statuses"),
        "biggest_flow_customers": Fact(flow, "customers", "Customers in the largest movement",
                                       low_confidence=0 < flow < MIN_RELIABLE),
        "new_customers": Fact(int(counts.loc[NOT_YET].sum()) if NOT_YET in counts.index else 0,
                              "customers", "First orders between the two dates"),
        "first_date": Fact(str(first.date()), "", "First snapshot"),
        "second_date": Fact(str(second.date()), "", "Second snapshot"),
    }
    return Result(
        table=main,
        facts=facts,
        summary=say("Between {first_date} and {second_date}, {moved_share} of {customers} "
                    "changed segment; the biggest flow was {biggest_flow} "
                    "({biggest_flow_customers}).", facts),
        provenance=Provenance(tool="segment_migration", datasets=[orders.dataset],
                              rows_in=orders.rows_in, rows_out=len(main),
                              notes=["Lifecycle status is computed from the orders up to each "
                                     "date (tools.features.lifecycle_status).", orders.rule]),
        chart=px.imshow(shares, text_auto=".0%", aspect="auto", color_continuous_scale="Blues",
                        labels={"x": f"status on {second.date()}",
                                "y": f"status on {first.date()}", "color": "share of row"},
                        title="Where customers moved (share of each starting status)"),
        tables={"flows": _flows(counts, shares)},
    )


def _status_as_of(ws: Workspace, orders: Orders, as_of: pd.Timestamp, kind: str) -> pd.Series:
    """Lifecycle status or RFM segment of every customer who had ordered by end of `as_of`."""
    frame = orders.frame[orders.frame["date"] < as_of + pd.Timedelta(days=1)]
    if frame.empty:
        raise ToolError(f"There are no orders on or before {as_of.date()}. The orders run "
                        f"from {orders.start.date()} to {orders.end.date()}.")
    # excluded=0: the return rate is not needed here and must not read later returns
    snapshot = orders.narrowed(frame.reset_index(drop=True), rows_in=len(frame), excluded=0)
    if kind == "rfm":
        return rfm_scores(snapshot, as_of + pd.Timedelta(days=1))["segment"]
    return lifecycle_status(customer_features(ws, snapshot, as_of))


def _flows(counts: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    long = counts.stack().rename("customers").reset_index()
    long.columns = ["from_status", "to_status", "customers"]
    long["share_of_from"] = shares.stack().to_numpy()
    return long[long["customers"] > 0].sort_values(
        ["customers", "from_status", "to_status"], ascending=[False, True, True]
    ).reset_index(drop=True)
