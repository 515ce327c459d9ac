"""Themes of a group of documents: what its customers talk about more than others do.

    >>> report = segment_themes(store, segment_of, "Discount hunters")
    >>> report.themes[0].label, report.themes[0].lift      # ('coupon · code', 5.8)
    >>> report.themes[0].quotes[0].text                    # the customer's own sentence

A theme is a set of distinctive terms that mean one thing (see `distinct`), with the
share of the group's documents that mention it, the same share among the comparison
documents, the lift between the two, the rating / NPS of the documents that mention
it, and a few verbatim sentences that are central to it. Only customers' words count:
agent turns in call transcripts are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from knowledge.errors import KnowledgeError
from knowledge.search import Filters
from knowledge.store import KnowledgeStore, empty_store_message
from knowledge.themes.distinct import contrast, distinctive_terms, join_terms
from knowledge.themes.mix import feedback_mix, theme_kind
from knowledge.themes.quotes import Quote, pick_quotes
from knowledge.themes.terms import SentenceTerms, document_term_matrix
from tools.errors import did_you_mean

__all__ = ["Quote", "Theme", "ThemeReport", "find_themes", "rating_themes", "segment_themes"]


@dataclass
class Theme:
    label: str
    keywords: list[str]
    documents: int  # documents of the group that mention it
    share: float  # … as a share of the group's documents
    comparison_share: float | None
    lift: float | None
    z: float
    kind: str | None  # "pain", "praise" or None when ratings cannot tell
    rating_mean: float | None
    nps_mean: float | None
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ThemeReport:
    group: str
    comparison: str | None
    documents: int
    comparison_documents: int
    themes: list[Theme]
    keywords: pd.DataFrame  # the distinctive terms: term, documents, share, lift, z
    mix: dict[str, Any]  # rating and NPS mix of the group's documents
    notes: list[str] = field(default_factory=list)

    @property
    def pain_points(self) -> list[Theme]:
        return [t for t in self.themes if t.kind == "pain"]

    def table(self) -> pd.DataFrame:
        """One row per theme, for display."""
        return pd.DataFrame(
            [
                {
                    "theme": t.label,
                    "kind": t.kind,
                    "documents": t.documents,
                    "share": t.share,
                    "comparison_share": t.comparison_share,
                    "lift": t.lift,
                    "rating_mean": t.rating_mean,
                    "nps_mean": t.nps_mean,
                    "quote": t.quotes[0].text if t.quotes else None,
                    "quote_doc_id": t.quotes[0].doc_id if t.quotes else None,
                }
                for t in self.themes
            ]
        )


def find_themes(
    store: KnowledgeStore,
    in_group: np.ndarray,
    in_comparison: np.ndarray,
    group: str,
    comparison: str | None,
    top: int = 5,
    quotes: int = 4,
) -> ThemeReport:
    """Themes of the chunks in `in_group` against those in `in_comparison` (row masks)."""
    if not 1 <= top <= 30 or not 1 <= quotes <= 10:
        raise KnowledgeError("Ask for 1 to 30 themes with 1 to 10 quotes each.")
    chunks = store.chunks()
    if chunks.empty:
        raise KnowledgeError(empty_store_message(store.ws))
    voice = (chunks["speaker"].fillna("customer") != "agent").to_numpy(bool)
    rows = np.flatnonzero((in_group | in_comparison) & voice)
    sentences = store.catalogue().memo(
        "sentence_terms", lambda: SentenceTerms.build(chunks, np.flatnonzero(voice)))
    units, matrix, terms = sentences.subset(rows, min_units=2)
    counter = sentences.counter
    unit_in_group = in_group[units.chunk_row]
    n_docs = int(units.document.max()) + 1 if len(units.document) else 0
    doc_in_group = np.zeros(n_docs, dtype=bool)
    doc_in_group[units.document[unit_in_group]] = True
    group_docs = int(doc_in_group.sum())
    if group_docs == 0:
        raise KnowledgeError(
            f"No indexed document belongs to {group}. Check the segment, or index the "
            "reviews, surveys or calls of these customers."
        )
    doc_in_comparison = ~doc_in_group
    notes: list[str] = []
    if group_docs < 30:
        notes.append(f"Only {group_docs} documents: treat these themes as indicative.")
    documents = document_term_matrix(units, matrix)
    stats = contrast(documents, doc_in_group, doc_in_comparison)
    min_docs = max(3, int(np.ceil(0.01 * group_docs)))
    picked = distinctive_terms(stats, min_docs)
    written = [counter.written(terms[i]) for i in picked]
    grouped = join_terms(written, matrix[unit_in_group][:, picked].tocsc(), store.embedder)
    doc_rows = _document_rows(units, n_docs)
    rating = chunks["rating"].to_numpy(float)[doc_rows]
    nps = chunks["nps"].to_numpy(float)[doc_rows]
    themes = []
    for members in grouped:
        columns = picked[members]
        mentions = np.asarray(documents[:, columns].max(axis=1).todense()).ravel() > 0
        theme_stats = contrast(mentions[:, None].astype(np.int8), doc_in_group, doc_in_comparison)
        in_theme = mentions & doc_in_group
        themes.append(
            Theme(
                label=" · ".join(written[m] for m in members[:3]),
                keywords=[written[m] for m in members],
                documents=int(in_theme.sum()),
                share=round(float(theme_stats.share[0]), 4),
                comparison_share=_maybe(theme_stats.comparison_share[0], stats.comparison_size),
                lift=_maybe(theme_stats.lift[0], stats.comparison_size, 2),
                z=round(float(theme_stats.z[0]), 2),
                kind=theme_kind(rating, nps, in_theme, doc_in_group),
                rating_mean=_mean(rating[in_theme]),
                nps_mean=_mean(nps[in_theme]),
                quotes=pick_quotes(chunks, units, matrix, columns, unit_in_group, quotes),
            )
        )
    themes.sort(key=lambda t: (-t.z, t.label))
    keywords = pd.DataFrame(
        {
            "term": written,
            "documents": stats.in_group[picked].astype(int),
            "share": np.round(stats.share[picked], 4),
            "lift": np.round(stats.lift[picked], 2),
            "z": np.round(stats.z[picked], 2),
        }
    )
    return ThemeReport(
        group=group,
        comparison=comparison,
        documents=group_docs,
        comparison_documents=int(doc_in_comparison.sum()),
        themes=themes[:top],
        keywords=keywords,
        mix=feedback_mix(rating[doc_in_group], nps[doc_in_group]),
        notes=notes,
    )


def segment_themes(
    store: KnowledgeStore,
    segment_of: Mapping[str, str] | pd.Series,
    segment: str,
    filters: Filters | None = None,
    top: int = 5,
    quotes: int = 4,
) -> ThemeReport:
    """Themes of one segment's documents against the documents of the other segments."""
    labels = pd.Series(segment_of, dtype="object").astype(str)
    labels.index = labels.index.astype(str)
    if segment not in set(labels):
        known = sorted(set(labels))
        raise KnowledgeError(f"There is no segment '{segment}'." + did_you_mean(segment, known))
    chunks = store.chunks()
    scope = (filters or Filters()).mask(chunks)
    segment_per_chunk = chunks["customer_id"].astype(object).map(labels).to_numpy(dtype=object)
    known = pd.notna(segment_per_chunk)
    in_group = scope & known & (segment_per_chunk == segment)
    in_comparison = scope & known & (segment_per_chunk != segment)
    return find_themes(store, in_group, in_comparison, segment, "other segments", top, quotes)


def rating_themes(
    store: KnowledgeStore,
    low: tuple[float, float],
    high: tuple[float, float],
    filters: Filters | None = None,
    top: int = 5,
    quotes: int = 4,
) -> ThemeReport:
    """Themes of documents rated within `low` against those rated within `high`."""
    chunks = store.chunks()
    scope = (filters or Filters()).mask(chunks)
    rating = chunks["rating"].to_numpy(float)
    in_group = scope & (rating >= low[0]) & (rating <= low[1])
    in_comparison = scope & (rating >= high[0]) & (rating <= high[1]) & ~in_group
    return find_themes(store, in_group, in_comparison, _stars(low), _stars(high), top, quotes)


def _stars(band: tuple[float, float]) -> str:
    low, high = (f"{v:g}" for v in band)
    return f"{low} star reviews" if low == high else f"{low}-{high} star reviews"


def _document_rows(units: Any, n_docs: int) -> np.ndarray:
    """One chunk row per document (its first sentence's chunk), for document-level fields."""
    first = np.full(n_docs, -1, dtype=np.int64)
    order = np.argsort(units.document, kind="stable")
    docs = units.document[order]
    starts = np.r_[0, np.flatnonzero(np.diff(docs)) + 1]
    first[docs[starts]] = units.chunk_row[order][starts]
    return first


def _maybe(value: float, comparison_size: int, digits: int = 4) -> float | None:
    return round(float(value), digits) if comparison_size else None


def _mean(values: np.ndarray) -> float | None:
    values = values[~np.isnan(values)]
    return round(float(values.mean()), 2) if values.size else None
