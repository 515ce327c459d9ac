"""Read qualitative sources (files, folders, workspace datasets) into documents.

    >>> batch = read_documents("calls/")                  # every .txt/.csv/… in the folder
    >>> batch.documents                                   # the document schema
    >>> batch.report.columns                              # {'text': 'transcript', …}
    >>> documents_from_dataset(ws, "reviews").report.source_type   # 'review'

Every reader returns a `SourceBatch`: the documents plus a report of what was used and
skipped, so the marketer can see and correct a wrong guess (pass text_column=…).
"""

from __future__ import annotations

from knowledge.sources.files import SUPPORTED, read_documents
from knowledge.sources.frames import (
    documents_from_dataset,
    documents_from_frame,
    is_feedback_source,
    qualitative_datasets,
)
from knowledge.sources.report import SourceBatch, SourceReport

__all__ = [
    "SUPPORTED",
    "SourceBatch",
    "SourceReport",
    "documents_from_dataset",
    "documents_from_frame",
    "is_feedback_source",
    "qualitative_datasets",
    "read_documents",
]
