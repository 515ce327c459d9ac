"""The two tables the knowledge store works with: documents and their chunks.

A *document* is one source item (a call, a review, a survey answer, a note). A *chunk*
is a verbatim piece of a document's text that keeps one meaning (a speaker turn, a
survey answer, a group of sentences). Both are plain DataFrames with fixed columns so
that readers, the chunker, the store and the theme finder agree without converting
row by row.

Why content-hash ids: the id of a chunk is a hash of its document id, position and
text, so ingesting the same file twice produces the same ids and adds nothing.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

SOURCE_TYPES = ("transcript", "review", "survey", "note")

# What a chunk inherits from its document (and what filters and themes read).
_DOCUMENT_FIELDS = {
    "title": "string",
    "customer_id": "string",
    "date": "datetime64[us]",
    "rating": "float64",
    "nps": "float64",
    "language": "string",
}

DOCUMENT_COLUMNS = {
    "doc_id": "string",
    "source_type": "string",
    "source": "string",  # file or dataset name the document came from
    "text": "string",
    **_DOCUMENT_FIELDS,
}

CHUNK_COLUMNS = {
    "chunk_id": "string",
    "doc_id": "string",
    "source_type": "string",
    "source": "string",
    "position": "int64",  # 0, 1, … within the document
    "start": "int64",  # character offset of the chunk in the document text
    "speaker": "string",  # "customer" / "agent" for transcripts, else missing
    "text": "string",  # exactly document.text[start : start + len(text)]
    **_DOCUMENT_FIELDS,
}


def empty_documents() -> pd.DataFrame:
    return _typed(pd.DataFrame(columns=list(DOCUMENT_COLUMNS)), DOCUMENT_COLUMNS)


def empty_chunks() -> pd.DataFrame:
    return _typed(pd.DataFrame(columns=list(CHUNK_COLUMNS)), CHUNK_COLUMNS)


def as_documents(frame: pd.DataFrame) -> pd.DataFrame:
    """Coerce a frame to the document schema: missing columns become empty."""
    return _typed(frame, DOCUMENT_COLUMNS)


def as_chunks(frame: pd.DataFrame) -> pd.DataFrame:
    """Coerce a frame to the chunk schema: missing columns become empty."""
    return _typed(frame, CHUNK_COLUMNS)


def _typed(frame: pd.DataFrame, schema: dict[str, str]) -> pd.DataFrame:
    out = pd.DataFrame(index=range(len(frame)))
    for column, dtype in schema.items():
        values = frame[column].to_numpy() if column in frame else np.full(len(frame), None)
        if dtype.startswith("datetime"):
            out[column] = pd.to_datetime(pd.Series(values), errors="coerce").astype(dtype)
        elif dtype == "string":
            out[column] = pd.Series(values, dtype="object").astype("string")
        else:
            out[column] = pd.to_numeric(pd.Series(values), errors="coerce").astype(dtype)
    return out


def chunk_ids(doc_ids: pd.Series, positions: pd.Series, texts: pd.Series) -> list[str]:
    """Content-hash ids: the same document piece always gets the same id."""
    return [
        hashlib.sha256(f"{d}\x1f{p}\x1f{t}".encode()).hexdigest()[:32]
        for d, p, t in zip(doc_ids, positions, texts, strict=True)
    ]


def text_doc_id(source_type: str, text: str) -> str:
    """An id for a document that came without one (a plain text file, a row with no id)."""
    digest = hashlib.sha256(f"{source_type}\x1f{text}".encode()).hexdigest()[:16]
    return f"{source_type[:1].upper()}-{digest}"


def embedding_texts(chunks: pd.DataFrame) -> list[str]:
    """What is embedded and keyword-indexed: the chunk, led by the document title on its
    first chunk (a review titled "Runs small" is about sizing whatever its text says)."""
    text = chunks["text"].fillna("").astype(str)
    title = chunks["title"].fillna("").astype(str).str.strip()
    lead = (chunks["position"] == 0) & (title != "")
    return np.where(lead, title + ". " + text, text).tolist()
