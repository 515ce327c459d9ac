"""Hybrid retrieval: meaning (Chroma vectors) and exact words (BM25), fused by rank.

Reciprocal rank fusion (Cormack et al., 2009) adds 1 / (60 + rank) from each list, so
a chunk that both channels rank well comes first, and a chunk only one channel can
see (a Chinese sentence, a product code) still makes the list. Filters apply to both
channels: as a Chroma `where` clause for the vectors and as a mask over the catalogue
for the keywords (and again over the vector hits, so both agree exactly).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from knowledge.errors import KnowledgeError
from knowledge.keywords import IS_CJK
from knowledge.store import KnowledgeStore, date_keys, empty_store_message
from tools.data import is_member

_RRF_K = 60
_WIDE_SEARCH = 2_000  # nearest passages fetched to apply a broad filter afterwards (~12 ms)
_MAX_WHERE_IDS = 20_000  # beyond this a segment is filtered after the vector search only


@dataclass(frozen=True)
class Filters:
    """Which chunks a search or a theme analysis may use; empty fields do not filter."""

    source_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    rating_min: float | None = None
    rating_max: float | None = None
    nps_min: float | None = None
    nps_max: float | None = None
    date_from: date | None = None
    date_to: date | None = None
    customer_ids: frozenset[str] | None = None  # a segment's members
    sources: tuple[str, ...] = ()

    def _choices(self) -> list[tuple[str, tuple[str, ...]]]:
        """Catalogue column → the values allowed in it (empty: any)."""
        return [
            ("source_type", self.source_types),
            ("language", self.languages),
            ("speaker", self.speakers),
            ("source", self.sources),
        ]

    def mask(self, chunks: pd.DataFrame) -> np.ndarray:
        """True for every catalogue row these filters allow."""
        keep = np.ones(len(chunks), dtype=bool)
        for column, wanted in self._choices():
            if wanted:
                keep &= chunks[column].isin(list(wanted)).fillna(False).to_numpy(bool)
        for column, low, high in (
            ("rating", self.rating_min, self.rating_max),
            ("nps", self.nps_min, self.nps_max),
        ):
            values = chunks[column].to_numpy(float)
            if low is not None:
                keep &= values >= low
            if high is not None:
                keep &= values <= high
        if self.date_from is not None or self.date_to is not None:
            days = date_keys(chunks["date"]).to_numpy(dtype=float, na_value=np.nan)
            if self.date_from is not None:
                keep &= days >= _day(self.date_from)
            if self.date_to is not None:
                keep &= days <= _day(self.date_to)
        if self.customer_ids is not None:
            keep &= is_member(chunks["customer_id"], pd.Index(list(self.customer_ids)))
        return keep

    def where(self) -> dict[str, Any] | None:
        """The same filters as a Chroma `where` clause (one operator per condition)."""
        conditions: list[dict[str, Any]] = []
        for key, wanted in self._choices():
            if wanted:
                conditions.append({key: {"$in": list(wanted)}})
        for key, op, value in (
            ("rating", "$gte", self.rating_min),
            ("rating", "$lte", self.rating_max),
            ("nps", "$gte", self.nps_min),
            ("nps", "$lte", self.nps_max),
            ("day", "$gte", _day(self.date_from) if self.date_from else None),
            ("day", "$lte", _day(self.date_to) if self.date_to else None),
        ):
            if value is not None:
                conditions.append({key: {op: value}})
        if self.customer_ids is not None and len(self.customer_ids) <= _MAX_WHERE_IDS:
            conditions.append({"customer_id": {"$in": sorted(self.customer_ids) or ["\x00"]}})
        if not conditions:
            return None
        return conditions[0] if len(conditions) == 1 else {"$and": conditions}

    @property
    def active(self) -> bool:
        return self != Filters()


def mostly_cjk(text: str) -> bool:
    """True when at least a third of the letters are Chinese, Japanese or Korean."""
    letters = [c for c in text if c.isalpha()]
    cjk = sum(1 for c in letters if IS_CJK.match(c))
    return bool(letters) and cjk * 3 >= len(letters)


def _day(value: date) -> int:
    return value.year * 10000 + value.month * 100 + value.day


@dataclass
class Hit:
    """One retrieved chunk: verbatim text, where it came from, and why it ranked."""

    chunk_id: str
    doc_id: str
    source: str
    source_type: str
    text: str
    score: float  # fused rank score
    similarity: float | None  # cosine similarity to the query (vector channel)
    keyword_score: float | None  # BM25 (keyword channel)
    customer_id: str | None = None
    date: str | None = None
    rating: float | None = None
    nps: float | None = None
    language: str | None = None
    speaker: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def search(
    store: KnowledgeStore,
    query: str,
    k: int = 10,
    filters: Filters | None = None,
    one_per_document: bool = True,
) -> list[Hit]:
    """The k best chunks for `query` by meaning and by words, within `filters`."""
    query = (query or "").strip()
    if not query:
        raise KnowledgeError("Type what to look for, for example 'late delivery'.")
    if not 1 <= k <= 200:
        raise KnowledgeError(f"Ask for between 1 and 200 results (not {k}).")
    filters = filters or Filters()
    catalogue = store.catalogue()
    chunks = catalogue.frame
    if chunks.empty:
        raise KnowledgeError(empty_store_message(store.ws))
    allowed = filters.mask(chunks) if filters.active else None
    if allowed is not None and not allowed.any():
        return []
    depth = max(50, 5 * k)
    semantic = (
        _vector_hits(store, query, depth, filters, allowed, catalogue.row_of)
        if store.embedder.multilingual or not mostly_cjk(query)
        else []  # an English model ranks any Chinese text as similar: words decide here
    )
    keyword = catalogue.keywords.top(query, depth, allowed)
    fused: dict[int, float] = {}
    for ranked in (semantic, keyword):
        for rank, (row, _) in enumerate(ranked):
            fused[row] = fused.get(row, 0.0) + 1.0 / (_RRF_K + rank + 1)
    similarity = dict(semantic)
    bm25 = dict(keyword)
    order = sorted(fused, key=lambda r: (-fused[r], -similarity.get(r, -1.0), r))
    hits: list[Hit] = []
    seen: set[tuple[str, str]] = set()
    for row in order:
        record = chunks.iloc[row]
        document = (str(record["source"]), str(record["doc_id"]))
        if one_per_document and document in seen:
            continue
        seen.add(document)
        hits.append(_hit(record, fused[row], similarity.get(row), bm25.get(row)))
        if len(hits) == k:
            break
    return hits


def _vector_hits(
    store: KnowledgeStore,
    query: str,
    depth: int,
    filters: Filters,
    allowed: np.ndarray | None,
    row_of: Mapping[str, int],
) -> list[tuple[int, float]]:
    collection = store.collection()
    vector = store.embedder.embed([query])
    share = 1.0 if allowed is None else float(allowed.mean())
    wide = int(np.ceil(2 * depth / max(share, 1e-9)))
    # A filter that keeps a fair share of passages is cheaper to apply after a wider plain
    # search than inside Chroma, which first lists every passage the filter allows.
    replies = []
    if wide <= _WIDE_SEARCH:
        replies.append(_nearest(collection, vector, min(wide, len(row_of)), None))
    if not replies or (allowed is not None and _kept(replies[0], row_of, allowed) < depth // 2):
        replies.append(_nearest(collection, vector, depth, filters.where()))
    reply = replies[-1]
    out: list[tuple[int, float]] = []
    for chunk_id, distance in zip(reply["ids"][0], reply["distances"][0], strict=True):
        row = row_of.get(chunk_id)
        if row is None or (allowed is not None and not allowed[row]):
            continue  # a vector the catalogue does not list (an interrupted ingest)
        out.append((row, 1.0 - float(distance)))
    return out


def _nearest(collection: Any, vector: np.ndarray, n: int, where: dict | None) -> dict:
    return collection.query(
        query_embeddings=vector, n_results=max(n, 1), where=where, include=["distances"]
    )


def _kept(reply: dict, row_of: Mapping[str, int], allowed: np.ndarray) -> int:
    rows = [row_of.get(i) for i in reply["ids"][0]]
    return sum(1 for r in rows if r is not None and allowed[r])


def _hit(record: pd.Series, score: float, similarity: float | None, bm25: float | None) -> Hit:
    def text_or_none(column: str) -> str | None:
        value = record[column]
        return None if pd.isna(value) else str(value)

    def number_or_none(column: str) -> float | None:
        value = record[column]
        return None if pd.isna(value) else float(value)

    day = record["date"]
    return Hit(
        chunk_id=str(record["chunk_id"]),
        doc_id=str(record["doc_id"]),
        source=str(record["source"]),
        source_type=str(record["source_type"]),
        text=str(record["text"]),
        score=round(score, 6),
        similarity=None if similarity is None else round(similarity, 4),
        keyword_score=None if bm25 is None else round(bm25, 4),
        customer_id=text_or_none("customer_id"),
        date=None if pd.isna(day) else pd.Timestamp(day).date().isoformat(),
        rating=number_or_none("rating"),
        nps=number_or_none("nps"),
        language=text_or_none("language"),
        speaker=text_or_none("speaker"),
    )
