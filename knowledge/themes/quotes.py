"""Representative quotes: a theme's most central sentences, verbatim, one per document.

Central means closest to the theme's average sentence in term space (cosine), with a
bonus for each of the theme's terms a sentence holds: it says the theme plainly.
Sentences of 4 to 45 words are preferred, as a quote should be readable on its own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from knowledge.themes.terms import Units


@dataclass
class Quote:
    text: str  # the customer's words exactly as written
    doc_id: str
    source: str
    source_type: str
    chunk_id: str
    offset: int  # where the quote starts in the document text
    customer_id: str | None
    rating: float | None
    nps: float | None
    date: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def pick_quotes(
    chunks: pd.DataFrame,
    units: Units,
    matrix: sp.csr_matrix,
    theme_columns: np.ndarray,
    unit_in_group: np.ndarray,
    n: int,
) -> list[Quote]:
    coverage = np.asarray(matrix[:, theme_columns].sum(axis=1)).ravel()
    candidates = np.flatnonzero((coverage > 0) & unit_in_group)
    if candidates.size == 0:
        return []
    vectors = normalize(matrix[candidates].astype(np.float32))
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    central = vectors @ (centroid / norm) if norm else np.zeros(candidates.size)
    words = np.array([len(units.text[i].split()) for i in candidates])
    readable = (words >= 4) & (words <= 45)
    score = central + 0.1 * coverage[candidates] + 0.5 * readable
    chunk_ids = chunks["chunk_id"].to_numpy(dtype=object)[units.chunk_row[candidates]]
    order = np.lexsort((chunk_ids.astype(str), units.start[candidates], -score))
    picked: list[Quote] = []
    seen_documents: set[int] = set()
    for position in order:
        unit = int(candidates[position])
        document = int(units.document[unit])
        if document in seen_documents:
            continue
        seen_documents.add(document)
        picked.append(_quote(chunks.iloc[int(units.chunk_row[unit])], units, unit))
        if len(picked) == n:
            break
    return picked


def _quote(chunk: pd.Series, units: Units, unit: int) -> Quote:
    def text_or_none(column: str) -> str | None:
        return None if pd.isna(chunk[column]) else str(chunk[column])

    def number_or_none(column: str) -> float | None:
        return None if pd.isna(chunk[column]) else float(chunk[column])

    return Quote(
        text=units.text[unit],
        doc_id=str(chunk["doc_id"]),
        source=str(chunk["source"]),
        source_type=str(chunk["source_type"]),
        chunk_id=str(chunk["chunk_id"]),
        offset=int(chunk["start"]) + int(units.start[unit]),
        customer_id=text_or_none("customer_id"),
        rating=number_or_none("rating"),
        nps=number_or_none("nps"),
        date=None if pd.isna(chunk["date"]) else pd.Timestamp(chunk["date"]).date().isoformat(),
    )
