"""Which terms set a group's documents apart, and which of those terms form one theme.

Distinctiveness is the log odds ratio of a term's document share in the group against
the comparison documents, with the usual +0.5 correction, divided by its standard error
(a z-score). It favours terms that are both frequent and specific, and it says how sure
we are: a term that 3 of 40 documents mention is not a finding, one that 300 of 4,000
mention four times as often as elsewhere is.

Terms that mean one thing are then joined into a theme: terms that occur in the same
sentences ("promo" and "code"), and English terms whose embeddings are close ("late"
and "delayed"). Embedding similarity is not used for Chinese terms: the local model
does not tell Chinese words apart, so only co-occurrence joins them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from knowledge.embeddings import Embedder
from tools.caching import LruCache

_LATIN = re.compile(r"^[a-z][a-z' -]*$")
CO_OCCURRENCE = 0.5  # share of the rarer term's sentences that also hold the other term
SIMILAR_MEANING = 0.58  # cosine similarity of two English terms' embeddings
_MAX_TERMS_PER_THEME = 8


@dataclass(frozen=True)
class Contrast:
    """Document counts of one term (or theme) in the group and in the comparison."""

    in_group: np.ndarray
    group_size: int
    in_comparison: np.ndarray
    comparison_size: int

    @property
    def share(self) -> np.ndarray:
        return self.in_group / max(self.group_size, 1)

    @property
    def comparison_share(self) -> np.ndarray:
        return self.in_comparison / max(self.comparison_size, 1)

    @property
    def lift(self) -> np.ndarray:
        """How many times more often the group mentions it (smoothed; inf-free)."""
        inside = (self.in_group + 0.5) / (self.group_size + 1)
        outside = (self.in_comparison + 0.5) / (self.comparison_size + 1)
        return inside / outside

    @property
    def z(self) -> np.ndarray:
        """Log odds ratio over its standard error; frequency ranking without a comparison."""
        a, b = self.in_group + 0.5, self.group_size - self.in_group + 0.5
        if self.comparison_size == 0:
            return self.in_group / np.sqrt(np.maximum(self.group_size, 1))
        c, d = self.in_comparison + 0.5, self.comparison_size - self.in_comparison + 0.5
        return (np.log(a / b) - np.log(c / d)) / np.sqrt(1 / a + 1 / b + 1 / c + 1 / d)


def contrast(documents: sp.csr_matrix, in_group: np.ndarray, in_comparison: np.ndarray) -> Contrast:
    """Per-column document counts in the group and in the comparison."""
    return Contrast(
        in_group=np.asarray(documents[in_group].sum(axis=0)).ravel().astype(float),
        group_size=int(in_group.sum()),
        in_comparison=np.asarray(documents[in_comparison].sum(axis=0)).ravel().astype(float),
        comparison_size=int(in_comparison.sum()),
    )


def distinctive_terms(
    stats: Contrast, min_documents: int, max_terms: int = 40, min_z: float = 2.5
) -> np.ndarray:
    """Column numbers of the group's most distinctive terms, most distinctive first."""
    z = stats.z
    ok = stats.in_group >= min_documents
    if stats.comparison_size:
        ok &= (z >= min_z) & (stats.lift >= 1.3)
    candidates = np.flatnonzero(ok)
    order = candidates[np.lexsort((candidates, -z[candidates]))]
    return order[:max_terms]


def join_terms(
    terms: list[str],
    sentences: sp.csc_matrix,
    embedder: Embedder | None,
) -> list[list[int]]:
    """Group term positions (in z order) into themes; the first term of each leads it."""
    n = len(terms)
    if n == 0:
        return []
    together = _co_occurrence(sentences)
    similar = _similar_meaning(terms, embedder)
    linked = (together >= CO_OCCURRENCE) | (similar >= SIMILAR_MEANING)
    themes: list[list[int]] = []
    for term in range(n):
        home = next(
            (
                theme
                for theme in themes
                if len(theme) < _MAX_TERMS_PER_THEME and any(linked[term, m] for m in theme[:3])
            ),
            None,
        )
        if home is None:
            themes.append([term])
        else:
            home.append(term)
    return themes


def _co_occurrence(sentences: sp.csc_matrix) -> np.ndarray:
    """Overlap coefficient between the sentence sets of every pair of terms."""
    binary = sentences.astype(np.float32)
    both = (binary.T @ binary).toarray()
    counts = np.diag(both).copy()
    smaller = np.minimum.outer(counts, counts)
    overlap = np.divide(both, smaller, out=np.zeros_like(both), where=smaller > 0)
    np.fill_diagonal(overlap, 0)
    return overlap


def _similar_meaning(terms: list[str], embedder: Embedder | None) -> np.ndarray:
    n = len(terms)
    similar = np.zeros((n, n), dtype=np.float32)
    latin = [i for i, t in enumerate(terms) if _LATIN.match(t)]
    if embedder is None or len(latin) < 2:
        return similar
    vectors = _term_vectors([terms[i] for i in latin], embedder)
    block = vectors @ vectors.T
    similar[np.ix_(latin, latin)] = block
    np.fill_diagonal(similar, 0)
    return similar


_VECTORS: LruCache[tuple[str, str], np.ndarray] = LruCache(50_000)


def _term_vectors(terms: list[str], embedder: Embedder) -> np.ndarray:
    """Embeddings of short terms, remembered: the same terms recur in every analysis."""
    backend = getattr(embedder, "backend_id", type(embedder).__name__)
    unique = list(dict.fromkeys(terms))
    known = {term: vector for (_, term), vector in
             _VECTORS.lookup([(backend, t) for t in unique]).items()}
    missing = [t for t in unique if t not in known]
    if missing:
        for term, vector in zip(missing, embedder.embed(missing), strict=True):
            known[term] = vector
            _VECTORS.put((backend, term), vector)
    return np.vstack([known[t] for t in terms])
