"""What reading a source found: how many documents, which columns were used, what to check."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd


@dataclass
class SourceReport:
    """Shown to the marketer after loading, so a wrong column guess is easy to spot."""

    source: str
    source_type: str
    documents: int = 0
    skipped_empty: int = 0
    duplicate_ids: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # role → column used
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SourceBatch:
    """Documents (in the document schema) read from one file, folder or dataset."""

    documents: pd.DataFrame
    report: SourceReport
