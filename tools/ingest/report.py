"""The data-quality report: what was read, what was kept, and why anything was not."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

import pandas as pd


def question(column: str, kind: str, text: str, options: list[str], chosen: str) -> dict[str, Any]:
    """One choice for the marketer, and the load option each kind's answer goes to:
    'date_order' → IngestOptions.date_order; 'outliers' → leave_out_outliers (column
    listed for 'leave_out'); 'date_column' → roles[column] = 'date' for 'date';
    'has_header' → has_header (False for 'no_header', True for 'header')."""
    return {"column": column, "kind": kind, "question": text, "options": options, "chosen": chosen}


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
    distinct_customer_ids: int | None = None
    rows_sharing_customer_id: int | None = None  # rows whose customer id occurs more than once

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
        if len(self.sheets) > 1:
            lines.append(f"- sheets in the workbook: {', '.join(self.sheets)}")
        lines += [f"- dropped {n:,}: {reason}" for reason, n in self.dropped.items()]
        if self.missing_customer_ids:
            lines.append(f"- {self.missing_customer_ids:,} rows have no customer id")
        if self.distinct_customer_ids is not None:
            lines.append(
                f"- {self.distinct_customer_ids:,} distinct customer ids; "
                f"{self.rows_sharing_customer_id or 0:,} rows share a customer id with another row"
            )
        for column, span in self.date_spans.items():
            if span.get("rows"):
                unread = f", {span['unparsed']:,} not read as dates" if span.get("unparsed") else ""
                lines.append(
                    f"- '{column}': {span['rows']:,} dates from {str(span['first'])[:16]} "
                    f"to {str(span['last'])[:16]}{unread}"
                )
        lines += [f"- ⚠ {w}" for w in self.warnings]
        for asked in self.questions:
            choices = " / ".join(
                f"**{o}**" if o == asked.get("chosen") else str(o) for o in asked.get("options", [])
            )
            lines.append(f"- ❓ {asked.get('question', '')} ({choices})")
        return "\n".join(lines)
