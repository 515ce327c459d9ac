"""Read documents from a file or a folder of files (tables, plain text, Markdown).

Why a folder reads as one source: call transcripts and notes usually arrive as a folder
of small files. Each file is read on its own; a file that cannot be read is named in the
report and left out, so one bad export does not block the rest.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from knowledge.chunking import LABEL_LINE
from knowledge.documents import as_documents
from knowledge.errors import KnowledgeError
from knowledge.language import detect_language
from knowledge.sources.columns import check_source_type
from knowledge.sources.frames import documents_from_frame
from knowledge.sources.report import SourceBatch, SourceReport
from knowledge.sources.text_files import read_text_file
from tools.errors import ToolError
from tools.ingest import IngestOptions, read_table

TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".parquet", ".json", ".jsonl", ".ndjson")
TEXT_SUFFIXES = (".txt", ".md")
SUPPORTED = (
    "CSV (.csv), TSV (.tsv), Excel (.xlsx), Parquet (.parquet), JSON (.json), "
    "JSON lines (.jsonl, .ndjson), plain text (.txt) or Markdown (.md)"
)


def read_documents(
    path: str | Path,
    source_type: str | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    max_bytes: int | None = None,
) -> SourceBatch:
    """Documents from one file or every supported file in a folder (recursively, sorted)."""
    path = Path(path)
    if source_type is not None:
        source_type = check_source_type(source_type)
    if path.is_dir():
        return _read_folder(path, source_type, text_column, id_column, max_bytes)
    if not path.is_file():
        raise KnowledgeError(f"There is no file or folder at '{path}'. Check the name.")
    return _read_file(path, path.name, source_type, text_column, id_column, max_bytes)


def _read_file(
    path: Path,
    name: str,
    source_type: str | None,
    text_column: str | None,
    id_column: str | None,
    max_bytes: int | None,
) -> SourceBatch:
    """One file; `name` is how documents and messages refer to it."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _text_document(path, name, source_type, max_bytes)
    if suffix not in TABLE_SUFFIXES:
        raise KnowledgeError(f"'{name}' is not a supported file. Use {SUPPORTED}.")
    try:
        table = read_table(path, IngestOptions(max_bytes=max_bytes))
    except KnowledgeError:
        raise
    except ToolError as exc:
        raise KnowledgeError(str(exc)) from exc
    roles = {str(c): str(r) for c, r in table.report.roles.items()}
    return documents_from_frame(table.frame, roles, name, source_type, text_column, id_column)


def _text_document(
    path: Path, name: str, source_type: str | None, max_bytes: int | None
) -> SourceBatch:
    text, warnings = read_text_file(path, name, max_bytes)
    source_type = source_type or text_source_type(text)
    frame = pd.DataFrame(
        {
            "doc_id": [name],
            "source_type": [source_type],
            "source": [name],
            "text": [text],
            "title": [path.stem],
            "language": detect_language(pd.Series([text])).to_numpy(),
        }
    )
    report = SourceReport(name, source_type, documents=1, warnings=warnings)
    return SourceBatch(as_documents(frame), report)


def text_source_type(text: str) -> str:
    """'transcript' when most non-empty lines read 'Label: …', else 'note'."""
    lines = sum(1 for line in text.splitlines() if line.strip())
    labelled = len(LABEL_LINE.findall(text))
    return "transcript" if lines and labelled > lines / 2 else "note"


def _read_folder(
    folder: Path,
    source_type: str | None,
    text_column: str | None,
    id_column: str | None,
    max_bytes: int | None,
) -> SourceBatch:
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    supported = [p for p in files if p.suffix.lower() in TABLE_SUFFIXES + TEXT_SUFFIXES]
    if not supported:
        raise KnowledgeError(f"The folder '{folder.name}' has no files to read. Add {SUPPORTED}.")
    report = SourceReport(folder.name, source_type or "")
    others = [p.relative_to(folder).as_posix() for p in files if p not in supported]
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        report.warnings.append(f"Skipped {len(others)} file(s) of other formats: {shown}.")
    batches, failures = [], []
    for path in supported:
        name = path.relative_to(folder).as_posix()
        try:
            batch = _read_file(path, name, source_type, text_column, id_column, max_bytes)
        except KnowledgeError as exc:
            failures.append(f"'{name}' was left out: {exc}")
            continue
        if path.suffix.lower() in TABLE_SUFFIXES:
            batch.documents["doc_id"] = name + ":" + batch.documents["doc_id"]
        batches.append(batch)
    report.warnings.extend(failures)
    if not batches:
        raise KnowledgeError(
            f"No file in the folder '{folder.name}' could be read. " + " ".join(failures)
        )
    return _combine(batches, report)


def _combine(batches: list[SourceBatch], report: SourceReport) -> SourceBatch:
    """One batch and one report for the whole folder; warnings keep their file's name."""
    for batch in batches:
        part = batch.report
        report.documents += part.documents
        report.skipped_empty += part.skipped_empty
        report.duplicate_ids += part.duplicate_ids
        if not report.columns and part.columns:
            report.columns = dict(part.columns)
        report.warnings.extend(
            w if w.startswith(f"'{part.source}'") else f"'{part.source}': {w}"
            for w in part.warnings
        )
    types = {b.report.source_type for b in batches}
    report.source_type = types.pop() if len(types) == 1 else "mixed"
    documents = pd.concat([b.documents for b in batches], ignore_index=True)
    return SourceBatch(as_documents(documents), report)
