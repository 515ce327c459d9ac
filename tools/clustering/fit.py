"""Fit the clusters: pick the algorithm and the number of segments, deterministically.

KMeans picks k by the silhouette (how much closer customers are to their own group
than to the next), a Gaussian mixture by BIC (fit against complexity), Ward
agglomerative clustering (small data) by the silhouette of each cut of one tree.
Large data is fitted on a fixed-seed sample and every customer is then assigned to
the nearest centre, which keeps a million customers within seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import KMeans
from sklearn.metrics import pairwise_distances, silhouette_score
from sklearn.mixture import GaussianMixture

from tools.clustering.matrix import build_matrix
from tools.errors import ToolError

SEED = 0
SILHOUETTE_SAMPLE = 3_000
"""Silhouettes are measured on a fixed sample of this many customers (standard error ~0.005)."""
FIT_SAMPLE = 50_000
"""Above this many customers the model is fitted on a sample, then applied to everyone."""
SEARCH_SAMPLE = 10_000
"""The search over k uses at most this many customers."""
AGGLOMERATIVE_LIMIT = 5_000
SMALL_DATA = 2_000
"""Below this many customers, `auto` uses agglomerative clustering."""
MIN_CUSTOMERS = 20
METHODS = ("kmeans", "gmm", "agglomerative")


@dataclass
class ClusterFit:
    """Labels 0..k-1 (0 = largest segment), the centres in the scaled space, and the k curve."""

    labels: np.ndarray
    centers: np.ndarray
    k: int
    method: str
    silhouette: float
    curve: pd.DataFrame


def choose_method(method: str, n_rows: int) -> str:
    if method == "auto":
        return "agglomerative" if n_rows < SMALL_DATA else "kmeans"
    if method not in METHODS:
        raise ToolError(f"'{method}' is not a clustering method; use kmeans, gmm, "
                        "agglomerative or auto.")
    return method


def fit_clusters(
    values: np.ndarray,
    method: str = "auto",
    n_segments: int | None = None,
    k_min: int = 2,
    k_max: int = 8,
    seed: int = SEED,
    score: bool = True,
) -> ClusterFit:
    """Cluster the rows of a scaled matrix; `n_segments=None` chooses k over k_min..k_max.

    `score=False` skips the reported silhouette (refits that only compare labels).
    """
    n = len(values)
    if n < MIN_CUSTOMERS:
        raise ToolError(f"Clustering needs at least {MIN_CUSTOMERS} customers; there are {n}.")
    method = choose_method(method, n)
    if n_segments is not None:
        ks = [n_segments]
    else:
        if k_min > k_max:
            raise ToolError(f"k_min ({k_min}) is larger than k_max ({k_max}).")
        ks = list(range(k_min, k_max + 1))
    if max(ks) >= n:
        raise ToolError(f"Cannot form {max(ks)} segments from {n} customers; ask for fewer.")
    search = _sample(values, SEARCH_SAMPLE, seed)
    judge: SilhouetteSample | None = None
    curve = pd.DataFrame()
    if len(ks) > 1:
        judge = SilhouetteSample(search, seed)
        curve = _k_curve(search, method, ks, seed, judge)
        column = "bic" if method == "gmm" else "silhouette"
        best = curve[column].idxmin() if method == "gmm" else curve[column].idxmax()
        k = int(curve.loc[best, "k"])
        curve["chosen"] = curve["k"] == k
    else:
        k = ks[0]
    labels, centers = _final_fit(values, method, k, seed)
    labels, centers = order_by_size(labels, centers)
    quality = float("nan")
    if score:  # the search's distances serve when the search sample is everyone
        reuse = judge is not None and search is values
        quality = (judge if reuse else SilhouetteSample(values, seed)).score(labels)
    return ClusterFit(labels, centers, k, method, quality, curve)


class SilhouetteSample:
    """Distances among a fixed sample of customers, computed once and reused for every k.

    Comparing k = 2..8 on the same sample costs one distance matrix instead of seven, and
    every k is judged on the same customers.
    """

    def __init__(self, values: np.ndarray, seed: int = SEED,
                 limit: int = SILHOUETTE_SAMPLE) -> None:
        n = len(values)
        self.rows = (None if n <= limit
                     else np.sort(np.random.default_rng(seed).choice(n, limit, replace=False)))
        sample = values if self.rows is None else values[self.rows]
        self.distances = pairwise_distances(sample)

    def score(self, labels: np.ndarray) -> float:
        """Mean silhouette of the sample under `labels` (labels of all rows); NaN for one group."""
        picked = labels if self.rows is None else labels[self.rows]
        if len(np.unique(picked)) < 2:
            return float("nan")
        return float(silhouette_score(self.distances, picked, metric="precomputed"))


def silhouette(
    values: np.ndarray, labels: np.ndarray, seed: int = SEED, limit: int = SILHOUETTE_SAMPLE
) -> float:
    """Mean silhouette on a fixed-seed sample of at most `limit` customers (NaN for one group)."""
    if len(np.unique(labels)) < 2:
        return float("nan")
    return SilhouetteSample(values, seed, limit).score(labels)


def nearest(values: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Index of the nearest centre for each row, in chunks to bound memory."""
    out = np.empty(len(values), dtype=np.int64)
    step = 200_000
    for start in range(0, len(values), step):
        block = values[start:start + step]
        dist = ((block[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
        out[start:start + step] = dist.argmin(axis=1)
    return out


def centres_of(values: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    counts = np.bincount(labels, minlength=k).astype(float)
    sums = np.zeros((k, values.shape[1]))
    np.add.at(sums, labels, values)
    return sums / np.maximum(counts, 1.0)[:, None]


def order_by_size(labels: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Renumber so 0 is the largest segment (ties: lower old number first): stable output."""
    sizes = np.bincount(labels, minlength=len(centers))
    order = np.lexsort((np.arange(len(sizes)), -sizes))
    mapping = np.empty_like(order)
    mapping[order] = np.arange(len(order))
    return mapping[labels], centers[order]


def _sample(values: np.ndarray, size: int, seed: int) -> np.ndarray:
    if len(values) <= size:
        return values
    rows = np.sort(np.random.default_rng(seed).choice(len(values), size, replace=False))
    return values[rows]


def _k_curve(values: np.ndarray, method: str, ks: list[int], seed: int,
             judge: SilhouetteSample) -> pd.DataFrame:
    rows = []
    tree = None
    if method == "agglomerative":
        if len(values) > AGGLOMERATIVE_LIMIT:  # the tree is built on a sample: judge that
            values = _sample(values, AGGLOMERATIVE_LIMIT, seed)
            judge = SilhouetteSample(values, seed)
        tree = linkage(values, method="ward")
    for k in ks:
        if method == "gmm":
            model = _gmm(k, seed, n_init=1).fit(values)
            labels = model.predict(values)
            rows.append({"k": k, "bic": float(model.bic(values)),
                         "silhouette": judge.score(labels)})
            continue
        if method == "agglomerative":
            labels = fcluster(tree, k, criterion="maxclust") - 1
        else:
            model = KMeans(k, n_init=3, random_state=seed).fit(values)
            labels = model.labels_
        rows.append({"k": k, "silhouette": judge.score(labels)})
    return pd.DataFrame(rows)


def _final_fit(
    values: np.ndarray, method: str, k: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    if method == "kmeans":
        model = KMeans(k, n_init=10, random_state=seed).fit(_sample(values, FIT_SAMPLE, seed))
        labels = model.predict(values)
        return labels, centres_of(values, labels, k)
    if method == "gmm":
        model = _gmm(k, seed, n_init=2).fit(_sample(values, FIT_SAMPLE, seed))
        labels = model.predict(values)
        return _compact(labels, values)
    fitted = _sample(values, AGGLOMERATIVE_LIMIT, seed)
    cut = fcluster(linkage(fitted, method="ward"), k, criterion="maxclust") - 1
    centers = centres_of(fitted, cut, int(cut.max()) + 1)
    labels = cut if len(fitted) == len(values) else nearest(values, centers)
    return _compact(labels, values)


def _gmm(k: int, seed: int, n_init: int) -> GaussianMixture:
    return GaussianMixture(k, covariance_type="full", reg_covar=1e-3, n_init=n_init,
                           random_state=seed)


def _compact(labels: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop empty components (a mixture can leave one unused) and number the rest 0..k-1."""
    used, labels = np.unique(labels, return_inverse=True)
    return labels, centres_of(values, labels, len(used))


def merge_small(values: np.ndarray, labels: np.ndarray, min_size: int) -> tuple[np.ndarray, int]:
    """Move the customers of segments below `min_size` to their nearest remaining centre.

    The smallest segment goes first and centres are recomputed after each merge, so a
    tiny group is absorbed by the groups its customers actually resemble.
    """
    labels = labels.copy()
    merged = 0
    while True:
        k = int(labels.max()) + 1
        sizes = np.bincount(labels, minlength=k)
        small = np.flatnonzero(sizes < min_size)
        if k <= 1 or len(small) == 0:
            return labels, merged
        victim = small[np.argmin(sizes[small])]
        keep = np.flatnonzero(np.arange(k) != victim)
        rows = labels == victim
        labels[rows] = keep[nearest(values[rows], centres_of(values, labels, k)[keep])]
        labels = np.unique(labels, return_inverse=True)[1]
        merged += 1


def cluster_frame(
    frame: pd.DataFrame,
    method: str = "kmeans",
    n_segments: int | None = None,
    k_min: int = 2,
    k_max: int = 8,
    seed: int = SEED,
) -> pd.Series:
    """Cluster any feature table (one row per customer) and return labels 0..k-1 by row.

    The plain-library entry point: the same scaling, imputation and model choice as the
    clustering tool, without profiles, names or saving.
    """
    matrix = build_matrix(frame)
    fit = fit_clusters(matrix.values, method, n_segments, k_min, k_max, seed)
    return pd.Series(fit.labels, index=frame.index, name="cluster")
