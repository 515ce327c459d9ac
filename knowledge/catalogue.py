"""The chunk catalogue: every indexed chunk's text and metadata, as one Parquet file.

Loaded catalogues are cached per file (a new ingest writes a new file, so a cached one
is never stale). The keyword index is built from it on first use.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from knowledge.documents import as_chunks, embedding_texts, empty_chunks
from knowledge.keywords import KeywordIndex
from tools.caching import LruCache
from tools.workspace import Workspace, atomic_write

_CACHE: LruCache[tuple[str, int], Catalogue] = LruCache(4)


@dataclass
class Catalogue:
    frame: pd.DataFrame
    _memo_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @cached_property
    def row_of(self) -> dict[str, int]:
        """chunk id → row number."""
        return {cid: i for i, cid in enumerate(self.frame["chunk_id"].tolist())}

    @cached_property
    def _normalised_texts(self) -> list[str]:
        return [normalise_passage(t) for t in self.frame["text"].fillna("").astype(str)]

    def contains(self, passage: str) -> bool:
        """True if `passage` is verbatim (spacing, case and curly quotes aside) in a chunk."""
        wanted = normalise_passage(passage)
        return bool(wanted) and any(wanted in text for text in self._normalised_texts)

    @property
    def keywords(self) -> KeywordIndex:
        return self.memo("keywords", lambda: KeywordIndex(embedding_texts(self.frame)))

    def memo(self, name: str, build: Callable[[], Any]) -> Any:
        """What `build` derives from this catalogue, built once (catalogues never change)."""
        with self._memo_lock:
            memos = self.__dict__.setdefault("_memos", {})
            if name not in memos:
                memos[name] = build()
            return memos[name]

    @staticmethod
    def write(ws: Workspace, relative: str, chunks: pd.DataFrame) -> None:
        frame = as_chunks(chunks)
        atomic_write(ws.path(relative), lambda tmp: frame.to_parquet(tmp, index=False))


_SPACES = re.compile(r"\s+")


def normalise_passage(text: str) -> str:
    """Lower case, single spaces, straight quotes: how quotes are compared with sources."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _SPACES.sub(" ", text).strip().lower()


def load_catalogue(ws: Workspace, relative: str | None) -> Catalogue:
    """The catalogue named in the manifest, or an empty one."""
    if not relative:
        return Catalogue(empty_chunks())
    path = ws.path(relative)
    # catalogue files are never rewritten in place: name and size identify the content
    key = (relative, path.stat().st_size)
    return _CACHE.get(key, lambda: Catalogue(as_chunks(pd.read_parquet(path))))
