"""The data-quality report: what was read, what was kept, and why anything was not."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

import pandas as pd


@dataclass
class ColumnReport:
    name: str
    dtype: str
    role: str
    missing: int
    distinct: int
    example: str


@dataclass
class QualityReport:
    """Everything a marketer needs to trust (or fix) a loaded file."""

    source: str
    file_format: str
    rows_read: int
    rows_kept: int
    dropped: dict[str, int]
    columns: list[ColumnReport]
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    has_header: bool = True
    date_formats: dict[str, str] = field(default_factory=dict)
    missing_customer_ids: int | None = None
    returns_flagged: int = 0
    seconds: float = 0.0
    # Sheet names of a workbook, so the page can offer the others.
    sheets: list[str] = field(default_factory=list)
    # Choices the marketer should confirm: {"column", "kind", "question", "options", "chosen"}.
    questions: list[dict[str, Any]] = field(default_factory=list)
    # Per date column: {"first": iso, "last": iso, "rows": parsed, "unparsed": n}.
    date_spans: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def rows_dropped(self) -> int:
        return sum(self.dropped.values())

    @property
    def roles(self) -> dict[str, str]:
        return {c.name: c.role for c in self.columns}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QualityReport:
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in known}  # older or newer saved reports
        data["columns"] = [ColumnReport(**c) for c in data.get("columns", [])]
        return cls(**data)

    def columns_frame(self) -> pd.DataFrame:
        return pd.DataFrame([asdict(c) for c in self.columns])

    def to_markdown(self) -> str:
        how = [self.file_format.upper()]
        how += [
            f"{label} {value}"
            for label, value in (
                ("encoding", self.encoding),
                ("delimiter", self.delimiter),
                ("sheet", self.sheet),
            )
            if value
        ]
        lines = [
            f"**{self.source}** ({', '.join(how)}): {self.rows_read:,} rows read, "
            f"{self.rows_kept:,} kept, {self.rows_dropped:,} dropped; "
            f"{len(self.columns)} columns.",
        ]
        lines += [f"- dropped {n:,}: {reason}" for reason, n in self.dropped.items()]
        if self.missing_customer_ids:
            lines.append(f"- {self.missing_customer_ids:,} rows have no customer id")
        lines += [f"- ⚠ {w}" for w in self.warnings]
        return "\n".join(lines)
