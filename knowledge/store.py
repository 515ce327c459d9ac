"""The knowledge store: chunk vectors in Chroma, the chunk catalogue in the workspace.

- Chroma (`PersistentClient` under `<workspace>/chroma`, telemetry off) holds one vector
  per chunk with the metadata used for filtering. Vectors are always computed here and
  passed in, so Chroma never loads its own embedding model (which would download one).
- The catalogue (`knowledge/chunks-*.parquet`) holds the chunk texts and metadata. It is
  written whole to a new file and switched in the workspace manifest in one step, like
  datasets: a failed ingest leaves the previous catalogue in place, and vectors added by
  it are removed again. What the catalogue lists is what exists.
- The embedding backend is recorded with the collection (one collection per backend).
  Opening the store with another backend re-embeds every chunk into that backend's
  collection before anything is searched, so vectors of two models are never mixed.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from knowledge.catalogue import Catalogue, load_catalogue
from knowledge.chunking import chunk_documents
from knowledge.documents import as_chunks, as_documents, embedding_texts, empty_chunks
from knowledge.embeddings import Embedder, embedder_from_env
from knowledge.errors import KnowledgeError
from tools.workspace import Workspace

META_KEY = "knowledge"
_ADD_BATCH = 2048  # chunks embedded and written per step (Chroma's limit is 5,461)
_CLIENTS: dict[str, Any] = {}
_CLIENTS_LOCK = threading.Lock()
_WRITE_LOCKS: dict[str, threading.RLock] = {}


def chroma_client(ws: Workspace) -> Any:
    """One Chroma client per workspace folder and process (Chroma requires it)."""
    import chromadb
    from chromadb.config import Settings

    path = str(ws.root / "chroma")
    with _CLIENTS_LOCK:
        if path not in _CLIENTS:
            _CLIENTS[path] = chromadb.PersistentClient(
                path=path, settings=Settings(anonymized_telemetry=False, allow_reset=False)
            )
        return _CLIENTS[path]


def write_lock(ws: Workspace) -> threading.RLock:
    """One writer per workspace folder: every tool call opens its own store, and two
    ingests that overlap would otherwise each switch in a catalogue without the other's."""
    with _CLIENTS_LOCK:
        return _WRITE_LOCKS.setdefault(str(ws.root), threading.RLock())


def collection_name(backend_id: str) -> str:
    return "chunks-" + hashlib.sha256(backend_id.encode()).hexdigest()[:16]


@dataclass
class IngestReport:
    """What one ingest did; `chunks_added` is 0 when the same source is ingested again."""

    source: str
    documents: int
    chunks: int
    chunks_added: int
    chunks_already_indexed: int
    chunks_removed: int
    seconds: float
    embed_seconds: float
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class KnowledgeStore:
    """Qualitative sources of one workspace, searchable by meaning and by exact words."""

    def __init__(self, ws: Workspace, embedder: Embedder | None = None) -> None:
        self.ws = ws
        self.embedder = embedder or embedder_from_env()
        self._lock = write_lock(ws)

    # ----- state ----------------------------------------------------------------
    @property
    def state(self) -> dict[str, Any]:
        return dict(self.ws.get_meta(META_KEY) or {})

    def catalogue(self) -> Catalogue:
        """The indexed chunks (cached per catalogue file)."""
        return load_catalogue(self.ws, self.state.get("catalogue"))

    def chunks(self) -> pd.DataFrame:
        return self.catalogue().frame

    def sources(self) -> dict[str, dict[str, Any]]:
        return dict(self.state.get("sources", {}))

    def collection(self) -> Any:
        """This backend's Chroma collection, re-indexed first if the backend changed."""
        self.ensure_backend()
        return self._collection(self.embedder.backend_id)

    def _collection(self, backend_id: str) -> Any:
        return chroma_client(self.ws).get_or_create_collection(
            collection_name(backend_id),
            embedding_function=None,
            metadata={"backend": backend_id},
            configuration={"hnsw": {"space": "cosine"}},
        )

    # ----- writing --------------------------------------------------------------
    def ingest(
        self, documents: pd.DataFrame, source: str, replace: bool = False, warnings: list[str] = ()
    ) -> IngestReport:
        """Chunk, embed and index documents from `source`; the same content is added once.

        A document whose text changed replaces its old chunks. With `replace=True`,
        documents of `source` that are not in `documents` are removed.
        """
        started = time.perf_counter()
        documents = as_documents(documents)
        documents["source"] = source
        new_chunks = chunk_documents(documents)
        new_chunks = new_chunks.drop_duplicates("chunk_id", ignore_index=True)  # repeated docs
        with self._lock:
            self.ensure_backend()
            old = self.chunks()
            same_source = old["source"] == source
            if replace:
                stale = same_source & ~old["chunk_id"].isin(new_chunks["chunk_id"])
            else:
                touched = same_source & old["doc_id"].isin(documents["doc_id"])
                stale = touched & ~old["chunk_id"].isin(new_chunks["chunk_id"])
            fresh = new_chunks[~new_chunks["chunk_id"].isin(old["chunk_id"])]
            embed_seconds = self._add_vectors(fresh)
            kept = old[~stale]
            combined = as_chunks(pd.concat([kept, fresh], ignore_index=True))
            try:
                self._switch_catalogue(combined, source, documents, list(warnings))
            except Exception as exc:
                self._delete_vectors(fresh["chunk_id"].tolist())
                raise KnowledgeError(
                    f"The chunk catalogue could not be saved ({type(exc).__name__}: {exc}). "
                    "Nothing was added; the knowledge store is as it was. Check that the "
                    "workspace folder has free space and try again."
                ) from exc
            self._delete_vectors(old.loc[stale, "chunk_id"].tolist())
        return IngestReport(
            source=source,
            documents=len(documents),
            chunks=len(new_chunks),
            chunks_added=len(fresh),
            chunks_already_indexed=len(new_chunks) - len(fresh),
            chunks_removed=int(stale.sum()),
            seconds=round(time.perf_counter() - started, 3),
            embed_seconds=round(embed_seconds, 3),
            warnings=list(warnings),
        )

    def delete(self, source: str | None = None, doc_ids: list[str] | None = None) -> int:
        """Remove documents (by id, optionally within one source) or a whole source."""
        if source is None and not doc_ids:
            raise KnowledgeError("Say which documents to delete: a source name or document ids.")
        with self._lock:
            old = self.chunks()
            if source is not None and source not in set(old["source"].dropna()):
                known = sorted(set(old["source"].dropna()))
                raise KnowledgeError(
                    f"There is no source '{source}' in the knowledge store. "
                    f"Indexed sources: {', '.join(known) or 'none yet'}."
                )
            doomed = pd.Series(True, index=old.index)
            if source is not None:
                doomed &= old["source"] == source
            if doc_ids:
                doomed &= old["doc_id"].isin([str(d) for d in doc_ids])
            if not doomed.any():
                raise KnowledgeError(
                    "None of those documents is in the knowledge store; nothing was deleted."
                )
            kept = old[~doomed].reset_index(drop=True)
            self._switch_catalogue(kept, None, None, [], forget=source if doc_ids is None else None)
            self._delete_vectors(old.loc[doomed, "chunk_id"].tolist())
            return int(doomed.sum())

    def ensure_backend(self) -> bool:
        """Re-embed every chunk if the store was built with another backend. True if it did."""
        with self._lock:
            return self._ensure_backend()

    def _ensure_backend(self) -> bool:
        state = self.state
        recorded = state.get("backend")
        wanted = self.embedder.backend_id
        if recorded in (None, wanted):
            if recorded is None and not state.get("catalogue"):
                self.ws.update_meta(META_KEY, lambda s: {**(s or {}), "backend": wanted})
            return False
        chunks = self.chunks()
        self._add_vectors(chunks)
        self.ws.update_meta(
            META_KEY,
            lambda s: {**(s or {}), "backend": wanted, "reindexed_from": recorded},
        )
        with contextlib.suppress(Exception):  # an old collection already gone is fine
            chroma_client(self.ws).delete_collection(collection_name(recorded))
        return True

    # ----- internals ------------------------------------------------------------
    def _add_vectors(self, chunks: pd.DataFrame) -> float:
        """Embed and upsert chunks; on any failure remove what this call added."""
        if chunks.empty:
            return 0.0
        collection = self._collection(self.embedder.backend_id)
        texts = embedding_texts(chunks)
        ids = chunks["chunk_id"].tolist()
        metadatas = chroma_metadata(chunks)
        written: list[str] = []
        # Shortest first, so every encode batch holds texts of about one length (little
        # padding); all vectors before any write, so Chroma's index building never competes
        # with the model for the two cores (measured: overlapping them was slower).
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        embed_seconds = 0.0
        try:
            tick = time.perf_counter()
            in_order = [texts[i] for i in order]
            sorted_vectors = np.vstack([
                self.embedder.embed(in_order[lo : lo + _ADD_BATCH])
                for lo in range(0, len(in_order), _ADD_BATCH)
            ])
            embed_seconds = time.perf_counter() - tick
            vectors = np.empty_like(sorted_vectors)
            vectors[order] = sorted_vectors
            for lo in range(0, len(ids), _ADD_BATCH):
                hi = min(lo + _ADD_BATCH, len(ids))
                collection.upsert(
                    ids=ids[lo:hi], embeddings=vectors[lo:hi], metadatas=metadatas[lo:hi]
                )
                written.extend(ids[lo:hi])
        except Exception as exc:
            self._delete_vectors(written)
            if isinstance(exc, KnowledgeError):
                raise
            raise KnowledgeError(
                f"Indexing stopped ({type(exc).__name__}: {exc}). Nothing was added; "
                "the knowledge store is as it was. Try again, or index fewer documents."
            ) from exc
        return embed_seconds

    def _delete_vectors(self, ids: list[str]) -> None:
        if not ids:
            return
        collection = self._collection(self.embedder.backend_id)
        for lo in range(0, len(ids), 5000):
            collection.delete(ids=ids[lo : lo + 5000])

    def _switch_catalogue(
        self,
        chunks: pd.DataFrame,
        source: str | None,
        documents: pd.DataFrame | None,
        warnings: list[str],
        forget: str | None = None,
    ) -> None:
        relative = f"knowledge/chunks-{uuid.uuid4().hex[:12]}.parquet"
        Catalogue.write(self.ws, relative, chunks)
        previous = self.state.get("catalogue")

        def change(state: dict[str, Any] | None) -> dict[str, Any]:
            state = dict(state or {})
            sources = dict(state.get("sources", {}))
            if source is not None and documents is not None:
                sources[source] = {
                    "documents": int(chunks.loc[chunks["source"] == source, "doc_id"].nunique()),
                    "chunks": int((chunks["source"] == source).sum()),
                    "source_types": sorted(set(documents["source_type"].dropna())),
                    "updated": pd.Timestamp.now().isoformat(timespec="seconds"),
                    "warnings": warnings,
                }
            if forget is not None:
                sources.pop(forget, None)
            for name in list(sources):
                if not (chunks["source"] == name).any():
                    sources.pop(name)
            state.update(
                catalogue=relative,
                sources=sources,
                backend=self.embedder.backend_id,
                version=int(state.get("version", 0)) + 1,
            )
            return state

        try:
            self.ws.update_meta(META_KEY, change)
        except BaseException:
            self.ws.path(relative).unlink(missing_ok=True)
            raise
        if previous and previous != relative:
            with contextlib.suppress(OSError):  # switched already; a leftover file is harmless
                self.ws.path(previous).unlink(missing_ok=True)


def chroma_metadata(chunks: pd.DataFrame) -> list[dict[str, Any]]:
    """Filterable fields per chunk; Chroma takes no missing values, so those are left out."""
    frame = pd.DataFrame(
        {
            "doc_id": chunks["doc_id"].astype(object),
            "source": chunks["source"].astype(object),
            "source_type": chunks["source_type"].astype(object),
            "language": chunks["language"].astype(object),
            "speaker": chunks["speaker"].astype(object),
            "customer_id": chunks["customer_id"].astype(object),
            "rating": chunks["rating"].astype(object),
            "nps": chunks["nps"].astype(object),
            "day": date_keys(chunks["date"]).astype(object),
        }
    )
    frame = frame.where(frame.notna(), None)
    return [{k: v for k, v in row.items() if v is not None} for row in frame.to_dict("records")]


def date_keys(dates: pd.Series) -> pd.Series:
    """Dates as whole numbers YYYYMMDD (Chroma filters numbers, not dates)."""
    parsed = pd.to_datetime(dates, errors="coerce")
    keys = parsed.dt.year * 10000 + parsed.dt.month * 100 + parsed.dt.day
    return keys.astype("Int64")


def empty_store_message(ws: Workspace) -> str:
    return (
        f"The knowledge store of '{ws.name}' is empty. Index call transcripts, reviews or "
        "survey answers first (upload them, or index the workspace's text datasets)."
    )


__all__ = [
    "META_KEY",
    "IngestReport",
    "KnowledgeStore",
    "chroma_client",
    "collection_name",
    "empty_chunks",
    "empty_store_message",
]
