"""Keep a workspace's knowledge store in step with its text datasets and uploaded files.

A marketer who has loaded reviews should be able to ask about them at once, so the
search and theme tools index any text dataset not yet indexed before they run. A
dataset is re-indexed when its saved version changes; unchanged content costs nothing
because chunk ids are content hashes. Only customers' text is indexed by itself: a
dataset indexed automatically that no longer reads as feedback (product descriptions of
an orders table, indexed by an earlier version) leaves the store, so persona quotes and
themes never cite a catalogue. A dataset the marketer asked to index stays.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.errors import KnowledgeError
from knowledge.sources import documents_from_dataset, qualitative_datasets, read_documents
from knowledge.sources.frames import DATASET_SOURCE_PREFIX
from knowledge.store import IngestReport, KnowledgeStore
from tools.workspace import Workspace

DATASET_PREFIX = DATASET_SOURCE_PREFIX
CHOSEN_META = "knowledge_chosen_datasets"
"""Datasets the marketer asked to index by name (kept even when not read as feedback)."""


def dataset_source(name: str) -> str:
    """The source name under which a workspace dataset is indexed."""
    return DATASET_PREFIX + name


def index_dataset(
    store: KnowledgeStore,
    name: str,
    source_type: str | None = None,
    text_column: str | None = None,
    chosen: bool = True,
) -> IngestReport:
    """(Re-)index one workspace dataset; rows removed from it leave the store too.

    `chosen`: the marketer named this dataset, so it stays indexed even when its text is
    not read as feedback by itself (automatic indexing passes False).
    """
    batch = documents_from_dataset(store.ws, name, source_type, text_column)
    report = store.ingest(
        batch.documents, dataset_source(name), replace=True, warnings=batch.report.warnings
    )
    store.ws.update_meta(
        "knowledge_datasets", lambda seen: {**(seen or {}), name: _version(store.ws, name)}
    )
    if chosen:
        store.ws.update_meta(CHOSEN_META, lambda names: sorted({*(names or []), name}))
    return report


def index_file(
    store: KnowledgeStore,
    path: str | Path,
    source_type: str | None = None,
    text_column: str | None = None,
    source: str | None = None,
) -> IngestReport:
    """Index a file or a folder of transcripts, reviews, survey answers or notes."""
    batch = read_documents(path, source_type=source_type, text_column=text_column)
    return store.ingest(batch.documents, source or Path(path).name, warnings=batch.report.warnings)


def ensure_indexed(store: KnowledgeStore) -> list[IngestReport]:
    """Index every text dataset that is new or changed since it was last indexed."""
    ws = store.ws
    seen = ws.get_meta("knowledge_datasets") or {}
    reports = []
    feedback = qualitative_datasets(ws)
    for name in feedback:
        if seen.get(name) != _version(ws, name):
            reports.append(index_dataset(store, name, chosen=False))
    forget_non_feedback(store, set(feedback) | set(ws.get_meta(CHOSEN_META) or []))
    store.ensure_backend()
    if store.chunks().empty:
        raise KnowledgeError(
            f"'{ws.name}' has no call transcripts, reviews or survey answers to search yet. "
            "Upload a file with a text column (CSV, Excel, JSON lines) or text files."
        )
    return reports


def forget_non_feedback(store: KnowledgeStore, keep: set[str]) -> list[str]:
    """Remove datasets indexed automatically that are not (or no longer) customers' text."""
    indexed = {str(s) for s in store.sources() if str(s).startswith(DATASET_PREFIX)}
    doomed = sorted(s for s in indexed if s.removeprefix(DATASET_PREFIX) not in keep)
    for source in doomed:
        if source in set(store.chunks()["source"].dropna()):
            store.delete(source=source)
    if doomed:
        names = {s.removeprefix(DATASET_PREFIX) for s in doomed}
        store.ws.update_meta("knowledge_datasets",
                             lambda seen: {k: v for k, v in (seen or {}).items()
                                           if k not in names})
    return doomed


def _version(ws: Workspace, name: str) -> str:
    info = ws.dataset_info(name)
    return str(info.get("file") or info.get("version") or info.get("saved") or info.get("rows"))
