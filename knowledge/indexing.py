"""Keep a workspace's knowledge store in step with its text datasets and uploaded files.

A marketer who has loaded reviews should be able to ask about them at once, so the
search and theme tools index any text dataset not yet indexed before they run. A
dataset is re-indexed when its saved version changes; unchanged content costs nothing
because chunk ids are content hashes.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.errors import KnowledgeError
from knowledge.sources import documents_from_dataset, qualitative_datasets, read_documents
from knowledge.store import IngestReport, KnowledgeStore
from tools.workspace import Workspace

DATASET_PREFIX = "dataset:"


def dataset_source(name: str) -> str:
    """The source name under which a workspace dataset is indexed."""
    return DATASET_PREFIX + name


def index_dataset(
    store: KnowledgeStore,
    name: str,
    source_type: str | None = None,
    text_column: str | None = None,
) -> IngestReport:
    """(Re-)index one workspace dataset; rows removed from it leave the store too."""
    batch = documents_from_dataset(store.ws, name, source_type, text_column)
    report = store.ingest(
        batch.documents, dataset_source(name), replace=True, warnings=batch.report.warnings
    )
    store.ws.update_meta(
        "knowledge_datasets", lambda seen: {**(seen or {}), name: _version(store.ws, name)}
    )
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
    for name in qualitative_datasets(ws):
        if seen.get(name) != _version(ws, name):
            reports.append(index_dataset(store, name))
    store.ensure_backend()
    if store.chunks().empty:
        raise KnowledgeError(
            f"'{ws.name}' has no call transcripts, reviews or survey answers to search yet. "
            "Upload a file with a text column (CSV, Excel, JSON lines) or text files."
        )
    return reports


def _version(ws: Workspace, name: str) -> str:
    info = ws.dataset_info(name)
    return str(info.get("file") or info.get("version") or info.get("saved") or info.get("rows"))
