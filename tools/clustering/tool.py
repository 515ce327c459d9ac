"""The `cluster_customers` tool: data-driven personas with sizes, profiles, traits and names."""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import pandas as pd
import plotly.express as px
from pydantic import Field

from tools.clustering.fit import SEED, ClusterFit, fit_clusters, merge_small, silhouette
from tools.clustering.matrix import FeatureMatrix, build_matrix
from tools.clustering.profile import profile_table, segment_names, segment_traits
from tools.clustering.sources import KIND_CATEGORICAL, gather_features
from tools.errors import ToolError
from tools.registry import ToolParams, tool
from tools.result import MIN_RELIABLE, Fact, Provenance, Result, say
from tools.segments import Segmentation, resolve_segment, save_segmentation
from tools.workspace import Workspace

WEAK_SEPARATION = 0.1
CHART_POINTS = 5_000
STABLE_CUSTOMERS = 100
"""Below this many customers, segments change a lot with a few customers more or less."""


class ClusterParams(ToolParams):
    features: list[str] | None = Field(
        None,
        description="Columns to group customers by, e.g. ['orders_per_month', "
        "'avg_order_value', 'age', 'region']. Behaviour columns: orders, revenue, "
        "avg_order_value, recency_days, tenure_days, orders_per_month, discount_share, "
        "return_rate, categories, tickets, avg_rating, nps, items_per_order, avg_item_price, "
        "quick_repeat_share; or any customers-table column. Empty = buying behaviour.",
    )
    method: Literal["auto", "kmeans", "gmm", "agglomerative"] = Field(
        "auto",
        description="Algorithm: kmeans, gmm (Gaussian mixture) or agglomerative; auto = "
        "agglomerative below 2,000 customers, kmeans otherwise.",
    )
    n_segments: int | None = Field(
        None, ge=2, le=15, description="Number of segments; empty = choose automatically."
    )
    k_min: int = Field(2, ge=2, le=15, description="Fewest segments tried when choosing.")
    k_max: int = Field(8, ge=2, le=15, description="Most segments tried when choosing.")
    min_segment_share: float = Field(
        0.05, ge=0.0, le=0.5,
        description="Smallest useful segment as a share of customers (never below 30 "
        "customers): the minimum segment size is the larger of the two.",
    )
    small_segments: Literal["merge", "flag"] = Field(
        "merge", description="What to do with segments below the minimum size: merge them "
        "into the nearest segments, or keep and flag them."
    )
    exclude: list[str] | None = Field(
        None, description="Columns to leave out, e.g. ['Churn'] to build segments from the "
        "other attributes and then see how churn differs between them.",
    )
    segment: str | None = Field(
        None, description="Cluster only the customers of this saved segment, e.g. 'Champions'."
    )
    save_as: str | None = Field(
        "clusters", description="Name to save the segmentation under (empty = do not save)."
    )


@tool("cluster_customers", ClusterParams)
def cluster_customers(ws: Workspace, p: ClusterParams) -> Result:
    members = resolve_segment(ws, p.segment)[2] if p.segment else None
    table = gather_features(ws, p.features, members, p.exclude)
    matrix = build_matrix(table.frame, table.kinds)
    n = len(matrix.index)
    min_size = min_segment_size(n, p.min_segment_share)
    if p.small_segments == "merge" and n < 2 * min_size:
        raise ToolError(f"{n:,} customers are too few for segments of at least {min_size:,} "
                        f"customers each (two need {2 * min_size:,}). Load more customers, or "
                        "ask with small_segments='flag' to see small, unreliable segments.")
    fit = fit_clusters(matrix.values, p.method, p.n_segments, p.k_min, p.k_max)
    labels, merged = fit.labels, 0
    notes = [*table.notes, *matrix.notes]
    if p.small_segments == "merge":
        labels, merged = merge_small(matrix.values, labels, min_size)
        if int(labels.max()) == 0:
            raise ToolError(f"No two groups of at least {min_size:,} customers stand apart on "
                            "these features: every split left a group too small. Try other "
                            "features, or small_segments='flag' to see the small groups.")
    score = silhouette(matrix.values, labels) if merged else fit.silhouette
    codes = pd.Series(labels, index=matrix.index, name="segment")
    profile = profile_table(matrix.readable, matrix.kinds, codes)
    traits = segment_traits(profile, matrix.kinds)
    names = segment_names(traits)
    main = _segment_table(matrix, codes, profile, traits, names, min_size)
    named = codes.map(names).rename("segment")
    warnings = list(matrix.warnings)
    if n < STABLE_CUSTOMERS:
        warnings.insert(0, f"Only {n:,} customers: with fewer than {STABLE_CUSTOMERS} the "
                        "segments are unstable (a few customers more or less can change them); "
                        "treat them as a first look.")
    if not math.isnan(score) and score < WEAK_SEPARATION:
        warnings.append(f"The segments overlap heavily (silhouette {score:.2f}, below "
                        f"{WEAK_SEPARATION}): these customers do not fall into clearly "
                        "separate groups, so treat the segments as rough groupings.")
    flagged = main[main["below_min_size"]]
    if len(flagged):
        warnings.append(f"{len(flagged)} segment(s) have fewer than {min_size:,} customers: "
                        + ", ".join(flagged["segment"]) + ".")
    facts = _facts(main, fit, score, merged, len(matrix.features))
    facts["min_segment_size"] = Fact(min_size, "customers", "Smallest segment size allowed")
    if p.save_as:
        save_segmentation(ws, Segmentation(
            p.save_as, "clusters", named, p.model_dump(mode="json"),
            f"{facts['n_segments'].value} clusters on " + ", ".join(matrix.features)))
        notes.append(f"Saved as the segmentation '{p.save_as}'.")
    profile = profile.assign(segment=profile["segment"].map(names))
    return Result(
        table=main,
        facts=facts,
        summary=say(_template(merged, p.small_segments), facts),
        provenance=Provenance(tool="cluster_customers", datasets=table.datasets,
                              rows_in=table.rows_in, rows_out=len(main), notes=notes),
        chart=_chart(matrix.values, named),
        tables={"profile": profile, "members": named.reset_index(),
                "k_curve": fit.curve},
        warnings=warnings,
    )


def min_segment_size(customers: int, share: float) -> int:
    """The smallest segment worth naming: `share` of the customers, never below 30."""
    return max(math.ceil(share * customers), MIN_RELIABLE)


def _template(merged: int, small_segments: str) -> str:
    text = ("Found {n_segments:bare} segments among {customers} (silhouette {silhouette}); the "
            "largest, {largest_segment}, holds {largest_segment_share} of customers.")
    if merged:
        return text + (" {merged_segments:bare} smaller segment(s) were merged into the nearest "
                       "ones, because every segment needs at least {min_segment_size}.")
    if small_segments == "flag":
        return text + " Segments below {min_segment_size} are flagged, not merged."
    return text + " Every segment has at least {min_segment_size}."


def _segment_table(
    matrix: FeatureMatrix, codes: pd.Series, profile: pd.DataFrame,
    traits: dict, names: dict, min_size: int,
) -> pd.DataFrame:
    sizes = codes.value_counts()
    main = pd.DataFrame({"segment_id": sizes.index, "customers": sizes.to_numpy()})
    main["segment"] = main["segment_id"].map(names)
    main["share"] = main["customers"] / len(codes)
    for feature in matrix.features:
        rows = profile[profile["feature"] == feature]
        if matrix.kinds.get(feature) == KIND_CATEGORICAL:
            top = rows.sort_values(["segment", "segment_value", "level"],
                                   ascending=[True, False, True]).drop_duplicates("segment")
            main[feature] = main["segment_id"].map(top.set_index("segment")["level"])
            continue
        by_segment = rows.set_index("segment")
        if (by_segment["level"] != "").any():  # ordered categories: the most common level
            main[feature] = main["segment_id"].map(by_segment["level"])
            continue
        main[feature] = main["segment_id"].map(by_segment["segment_value"])
        main[f"{feature}_lift"] = main["segment_id"].map(by_segment["lift"])
    main["traits"] = main["segment_id"].map(
        lambda s: "; ".join(t.text for t in traits[s]) or "close to the average on every feature")
    main["low_confidence"] = main["customers"] < MIN_RELIABLE
    main["below_min_size"] = main["customers"] < min_size
    ordered = main.sort_values(["customers", "segment"], ascending=[False, True])
    return ordered.drop(columns="segment_id").reset_index(drop=True)[
        ["segment", *[c for c in ordered.columns if c not in ("segment", "segment_id")]]]


def _facts(
    main: pd.DataFrame, fit: ClusterFit, score: float, merged: int, n_features: int
) -> dict[str, Fact]:
    largest, smallest = main.iloc[0], main.iloc[-1]
    weak = not math.isnan(score) and score < WEAK_SEPARATION
    return {
        "customers": Fact(int(main["customers"].sum()), "customers", "Customers clustered"),
        "n_segments": Fact(len(main), "count", "Segments"),
        "chosen_k": Fact(fit.k, "count", "Segments found before merging small ones"),
        "silhouette": Fact(round(score, 4) if not math.isnan(score) else score, "score",
                           "Silhouette (separation, -1 to 1)"),
        "weak_separation": Fact("yes" if weak else "no", "", "Segments overlap heavily"),
        "method": Fact(fit.method, "", "Clustering method"),
        "largest_segment": Fact(str(largest["segment"]), "", "Largest segment"),
        "largest_segment_share": Fact(float(largest["share"]), "share",
                                      "Share of customers in the largest segment"),
        "smallest_segment": Fact(str(smallest["segment"]), "", "Smallest segment"),
        "smallest_segment_share": Fact(float(smallest["share"]), "share",
                                       "Share of customers in the smallest segment",
                                       low_confidence=bool(smallest["low_confidence"])),
        "merged_segments": Fact(merged, "count", "Small segments merged"),
        "features_used": Fact(n_features, "count", "Features used"),
    }


def _chart(values: np.ndarray, named: pd.Series) -> object:
    """The customers on the first two principal components, coloured by segment."""
    rows = np.arange(len(values))
    if len(rows) > CHART_POINTS:
        rows = np.sort(np.random.default_rng(SEED).choice(len(rows), CHART_POINTS, replace=False))
    sample = values[rows] - values[rows].mean(axis=0)
    _, _, axes = np.linalg.svd(sample, full_matrices=False)
    points = sample @ axes[:2].T
    if points.shape[1] == 1:
        points = np.hstack([points, np.zeros((len(points), 1))])
    frame = pd.DataFrame({"component 1": points[:, 0], "component 2": points[:, 1],
                          "segment": named.iloc[rows].to_numpy()})
    return px.scatter(frame, x="component 1", y="component 2", color="segment",
                      title="Customers by segment (first two principal components)",
                      opacity=0.6)
