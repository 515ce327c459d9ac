"""Small planted groups, structureless data and bad inputs get clear, predictable handling."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tools.clustering import cluster_customers, cluster_frame
from tools.errors import ToolError


def _customers(frame: pd.DataFrame) -> pd.DataFrame:
    ids = [f"C{i:05d}" for i in range(len(frame))]
    return frame.assign(customer_id=ids)[["customer_id", *frame.columns]]


def _blobs(sizes: list[int], centres: list[tuple[float, float]], seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    parts = [rng.normal(c, 0.5, size=(n, 2)) for n, c in zip(sizes, centres, strict=True)]
    values = np.vstack(parts)
    return pd.DataFrame({"visits": values[:, 0] + 10, "basket": values[:, 1] + 10,
                         "truth": np.repeat(np.arange(len(sizes)), sizes)})


def test_a_planted_tiny_group_is_merged_or_flagged(make_ws) -> None:
    data = _blobs([400, 400, 12], [(0, 0), (6, 0), (3, 6)])
    ws = make_ws(customers=_customers(data.drop(columns="truth")))
    merged = cluster_customers(ws, n_segments=3, method="kmeans")
    assert merged.fact("n_segments") == 2 and merged.fact("merged_segments") == 1
    assert merged.table["customers"].sum() == 812 and merged.table["customers"].min() > 400
    flagged = cluster_customers(ws, n_segments=3, method="kmeans", small_segments="flag")
    tiny = flagged.table[flagged.table["below_min_size"]]
    assert tiny["customers"].tolist() == [12]
    assert tiny["low_confidence"].all() and flagged.facts["smallest_segment_share"].low_confidence
    assert any("fewer than" in w for w in flagged.warnings)


def test_uniform_noise_is_reported_as_weak_separation(make_ws) -> None:
    rng = np.random.default_rng(3)
    noise = pd.DataFrame(rng.uniform(size=(600, 12)), columns=[f"x{i}" for i in range(12)])
    result = cluster_customers(make_ws(customers=_customers(noise)), method="kmeans")
    assert result.fact("silhouette") < 0.1
    assert result.fact("weak_separation") == "yes"
    assert any("overlap" in w for w in result.warnings)


def test_shares_sum_to_one_and_every_customer_gets_one_segment(make_ws) -> None:
    data = _blobs([300, 200, 100], [(0, 0), (5, 0), (0, 5)], seed=4)
    ws = make_ws(customers=_customers(data.drop(columns="truth")))
    for method in ("kmeans", "gmm", "agglomerative"):
        result = cluster_customers(ws, method=method, save_as=None)
        assert np.isclose(result.table["share"].sum(), 1.0)
        members = result.tables["members"]
        assert members["customer_id"].is_unique and len(members) == 600
        assert sorted(result.table["customers"]) == [100, 200, 300]  # clean blobs, any method


def test_unknown_feature_names_the_closest_columns(make_ws) -> None:
    data = _blobs([100, 100], [(0, 0), (5, 5)]).drop(columns="truth")
    ws = make_ws(customers=_customers(data))
    with pytest.raises(ToolError, match="Did you mean 'basket'"):
        cluster_customers(ws, features=["baskt", "visits"])


def test_constant_and_missing_values_are_explained(make_ws) -> None:
    data = _blobs([100, 100], [(0, 0), (5, 5)]).drop(columns="truth")
    data["country"] = "FR"
    data.loc[:9, "basket"] = np.nan
    result = cluster_customers(make_ws(customers=_customers(data)), n_segments=2,
                               features=["visits", "basket", "country"])
    assert any("'country'" in w and "same value" in w for w in result.warnings)
    assert any("'basket' (5%)" in n for n in result.provenance.notes)
    assert result.fact("features_used") == 2


def test_categorical_traits_are_spoken_as_shares(make_ws) -> None:
    data = _blobs([150, 150], [(0, 0), (5, 5)]).drop(columns="truth")
    data["gender"] = np.where(np.arange(300) < 150, "Female", "Male")
    data.loc[::10, "gender"] = "Male"
    result = cluster_customers(make_ws(customers=_customers(data)), n_segments=2,
                               features=["visits", "basket", "gender"])
    traits = " ".join(result.table["traits"])
    assert "mostly Female (gender 90% vs 45%)" in traits


def test_plain_function_clusters_a_feature_table() -> None:
    data = _blobs([50, 50, 50], [(0, 0), (6, 0), (0, 6)], seed=9)
    labels = cluster_frame(data[["visits", "basket"]], n_segments=3)
    assert pd.crosstab(labels, data["truth"]).max(axis=1).tolist() == [50, 50, 50]
