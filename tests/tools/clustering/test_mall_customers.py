"""Mall_Customers.csv: income × spending score splits into the five well-known groups."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler

from tools.clustering import cluster_customers
from tools.ingest import load_into_workspace
from tools.workspace import Workspace

FEATURES = ["Annual Income (k$)", "Spending Score (1-100)"]


@pytest.fixture
def mall_ws(shared_data: Path, tmp_path: Path) -> Workspace:
    ws = Workspace(tmp_path / "mall")
    load_into_workspace(ws, "customers", shared_data / "Mall_Customers.csv")
    return ws


def test_kmeans_five_groups_match_an_independent_run(mall_ws: Workspace,
                                                     shared_data: Path) -> None:
    raw = pd.read_csv(shared_data / "Mall_Customers.csv", dtype={"CustomerID": str})
    scaled = StandardScaler().fit_transform(raw[FEATURES])
    expected = KMeans(5, n_init=10, random_state=0).fit_predict(scaled)

    result = cluster_customers(mall_ws, features=FEATURES, method="kmeans", n_segments=5,
                               small_segments="flag")
    members = result.tables["members"].set_index("customer_id")["segment"]
    got = members.reindex(raw["CustomerID"])
    assert adjusted_rand_score(expected, got) == 1.0
    assert sorted(result.table["customers"]) == sorted(np.bincount(expected)) == [
        22, 23, 35, 39, 81]
    # centroids in the original units: the classic mid-income / mid-score core and four corners
    ours = result.table[FEATURES].round(2).sort_values(FEATURES).to_numpy()
    theirs = raw[FEATURES].groupby(expected).mean().round(2).sort_values(FEATURES).to_numpy()
    assert np.allclose(ours, theirs)
    assert result.fact("silhouette") == pytest.approx(0.55, abs=0.02)
    assert result.fact("silhouette") == pytest.approx(silhouette_score(scaled, expected),
                                                      abs=1e-4)
    # two groups are below 30 customers: flagged, not merged, and marked low-confidence
    small = result.table[result.table["customers"] < 30]
    assert len(small) == 2 and small["low_confidence"].all() and small["below_min_size"].all()
    assert result.table["segment"].is_unique


def test_small_groups_are_merged_by_default(mall_ws: Workspace) -> None:
    result = cluster_customers(mall_ws, features=FEATURES, method="kmeans", n_segments=5)
    assert result.table["customers"].min() >= 30
    assert result.fact("merged_segments") == 2 and result.fact("n_segments") == 3
    assert result.table["customers"].sum() == 200


def test_small_data_uses_agglomerative_clustering_by_default(mall_ws: Workspace) -> None:
    result = cluster_customers(mall_ws, features=FEATURES, small_segments="flag")
    assert result.fact("method") == "agglomerative"
    assert result.fact("n_segments") == 5  # the silhouette picks the five groups
