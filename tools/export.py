"""Segment member lists as CSV and Excel files, and any Result as Markdown.

Why the escaping: member lists are opened in spreadsheets, and a customer whose name
is `=HYPERLINK(...)` would otherwise become a live formula (CSV/formula injection).
Every text cell that starts with = + - @, a tab or a carriage return gets a leading
single quote, so it is shown as text; real numbers (negative ones too) stay numbers.
Files go to the workspace's `exports/` folder through atomic writes, under names made
only of letters, digits, '-' and '_'.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from pydantic import Field

from tools.registry import ToolParams, tool
from tools.result import Fact, Provenance, Result, format_value, say
from tools.rules.columns import ID, KEY_COLUMNS, customer_table
from tools.rules.evaluate import positions_mask
from tools.segments import resolve_segment
from tools.workspace import Workspace, atomic_write

EXPORT_FOLDER = "exports"
ALL_CUSTOMERS = "all customers"
EXCEL_MAX_ROWS = 50_000
"""openpyxl writes about 50,000 cells a second; bigger lists go to CSV only."""
_RISKY_START = re.compile(r"^[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$")
BEHAVIOUR_COLUMNS = (*KEY_COLUMNS, "last_order", "historical_clv")


class ExportSegmentParams(ToolParams):
    segment: str | None = Field(
        default=None, min_length=1, max_length=200,
        description="The saved segment to export, e.g. 'Champions', 'rfm/Champions' or a "
                    "rule segment's name. Leave empty to export all customers.")
    file_format: Literal["csv", "excel", "both"] = Field(
        default="both", description="Write a CSV file, an Excel file, or both.")
    include_personal_data: bool = Field(
        default=True,
        description="Include names, emails and phone numbers (needed to contact the "
                    "customers). Set to false for a list that is safe to share.")


@tool("export_segment", ExportSegmentParams)
def export_segment(ws: Workspace, p: ExportSegmentParams) -> Result:
    found = resolve_segment(ws, p.segment) if p.segment else None
    table = customer_table(ws)
    segmentation, label, ids = found or (ALL_CUSTOMERS, ALL_CUSTOMERS, table.frame.index)
    members = member_rows(table.frame, ids, table.customer_columns,
                          set() if p.include_personal_data else table.pii)
    safe = escape_formulas(members)
    stem = safe_file_stem(f"{segmentation}-{label}" if segmentation != label else label)
    warnings: list[str] = []
    files: list[tuple[str, Path]] = []
    if p.file_format in ("csv", "both"):
        path = ws.path(f"{EXPORT_FOLDER}/{stem}.csv")
        atomic_write(path, lambda tmp: write_csv(safe, tmp))
        files.append(("csv", path))
    if p.file_format in ("excel", "both"):
        if len(safe) > EXCEL_MAX_ROWS:
            warnings.append(f"Excel files are written for up to {EXCEL_MAX_ROWS:,} customers "
                            "and this segment has more, so only the CSV file was written "
                            "(Excel opens it too).")
            if p.file_format == "excel":
                path = ws.path(f"{EXPORT_FOLDER}/{stem}.csv")
                atomic_write(path, lambda tmp: write_csv(safe, tmp))
                files.append(("csv", path))
        else:
            path = ws.path(f"{EXPORT_FOLDER}/{stem}.xlsx")
            atomic_write(path, lambda tmp: write_excel(safe, tmp, sheet=label))
            files.append(("excel", path))
    if ids.empty:
        warnings.append(f"The segment '{label}' has no members; the files hold only headers.")
    listing = pd.DataFrame({
        "format": [kind for kind, _ in files],
        "file": [path.name for _, path in files],
        "path": [str(path) for _, path in files],
        "rows": len(safe),
    })
    facts = {
        "customers": Fact(len(safe), "customers", "customers exported"),
        "files": Fact(len(files), "count", "files written"),
        "columns": Fact(len(safe.columns), "count", "columns per row"),
    }
    return Result(
        table=listing,
        facts=facts,
        summary=say("Exported {customers} to {files:bare} file(s) with {columns:bare} "
                    "columns each.", facts),
        provenance=Provenance(
            tool="export_segment", datasets=list(table.datasets), rows_in=len(ids),
            rows_out=len(safe),
            notes=[f"Segment: {label if segmentation == label else f'{segmentation}/{label}'}",
                   *[f"File: {path}" for _, path in files],
                   "Text cells starting with = + - @ are prefixed with ' so spreadsheets "
                   "show them as text.", *([table.order_rule] if table.order_rule else [])]),
        warnings=warnings,
    )


def member_rows(frame: pd.DataFrame, ids: pd.Index, customer_columns: list[str],
                hidden: set[str]) -> pd.DataFrame:
    """customer_id, the customers table's columns, then key behaviour columns."""
    wanted = [c for c in [*customer_columns, *BEHAVIOUR_COLUMNS]
              if c in frame.columns and c not in hidden]
    wanted = list(dict.fromkeys(wanted))
    rows = frame.loc[positions_mask(frame.index, ids), wanted]
    return rows.reset_index().rename(columns={"index": ID})


def escape_text(value: object) -> object:
    """One cell made safe for spreadsheets: risky text gets a leading single quote."""
    if not isinstance(value, str):
        return value
    if _RISKY_START.match(value) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where no text cell (nor header) can start a formula; numbers stay numbers."""
    out = frame.copy()
    out.columns = [str(escape_text(str(c))) for c in out.columns]
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(
                series.dtype):
            continue
        # Escape each distinct value once, then spread back by code: fast on big lists.
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        escaped = np.array([escape_text(v) for v in uniques] + [None], dtype=object)
        text = pd.Series(escaped[codes], index=series.index, dtype=object)
        out[column] = text
    return out


def safe_file_stem(name: str) -> str:
    """A file name part with only letters, digits, '-' and '_' (no dots, slashes, spaces)."""
    stem = re.sub(r"[^\w-]+", "_", name, flags=re.UNICODE).strip("_-")[:60]
    return f"segment-{stem or 'members'}"


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 with a byte-order mark (Excel then reads accents and Chinese correctly) and
    CRLF line ends, so any text holding a line break or carriage return is quoted."""
    frame.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def write_excel(frame: pd.DataFrame, path: Path, sheet: str = "members") -> None:
    """Stream rows into a write-only workbook (fast and light on memory)."""
    book = Workbook(write_only=True)
    title = re.sub(r"[\[\]:*?/\\']", "_", sheet)[:31] or "members"
    worksheet = book.create_sheet(title=title)
    worksheet.append([_excel_cell(c) for c in frame.columns])
    columns = [_excel_column(frame[c]) for c in frame.columns]
    for row in zip(*columns, strict=True):
        worksheet.append(row)
    book.save(path)


def _excel_column(series: pd.Series) -> list:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return [None if pd.isna(v) else v.to_pydatetime() for v in series]
    if pd.api.types.is_bool_dtype(series.dtype):
        return [None if pd.isna(v) else bool(v) for v in series]
    if pd.api.types.is_numeric_dtype(series.dtype):
        values = series.to_numpy(dtype=float, na_value=np.nan)
        integer = pd.api.types.is_integer_dtype(series.dtype)
        return [None if np.isnan(v) else (int(v) if integer else float(v)) for v in values]
    return [_excel_cell(v) for v in series]


def _excel_cell(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, bool | int | float | datetime | date):
        return value
    return str(value)


# ----- Markdown --------------------------------------------------------------------------

def result_to_markdown(result: Result, max_rows: int = 20) -> str:
    """Any Result as Markdown: summary, facts, the main table's first rows, provenance."""
    parts = [result.summary.strip() or "(no summary)"]
    if result.warnings:
        parts.append("\n".join(f"> **Note:** {_md_text(w)}" for w in result.warnings))
    if result.facts:
        rows = [[f.label or name, f.text + (" (few customers)" if f.low_confidence else ""),
                 name] for name, f in result.facts.items()]
        parts.append("### Key figures\n\n" + _md_table(["figure", "value", "fact"], rows))
    table = result.table
    if table is not None and len(table.columns):
        shown = table.head(max_rows)
        rows = [[_md_cell(v) for v in record] for record in shown.itertuples(index=False)]
        more = f"\n\n_Showing {len(shown)} of {len(table):,} rows._" if len(table) > len(
            shown) else ""
        parts.append("### Table\n\n" + _md_table([str(c) for c in table.columns], rows) + more)
    parts.append(_md_provenance(result))
    return "\n\n".join(parts) + "\n"


def _md_provenance(result: Result) -> str:
    prov = result.provenance
    lines = [f"- Tool: `{prov.tool}`"]
    if prov.datasets:
        lines.append("- Data: " + ", ".join(_md_text(d) for d in prov.datasets))
    lines.append(f"- Rows in: {prov.rows_in:,}; rows out: {prov.rows_out:,}")
    lines.extend(f"- {_md_text(note)}" for note in prov.notes)
    return "### How this was computed\n\n" + "\n".join(lines)


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    head = "| " + " | ".join(_md_text(h) for h in header) + " |"
    rule = "|" + "|".join(" --- " for _ in header) + "|"
    body = ["| " + " | ".join(_md_text(c) for c in row) + " |" for row in rows]
    return "\n".join([head, rule, *body])


def _md_cell(value: object) -> str:
    if value is None or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return str(value.date()) if value == value.normalize() else str(value)
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | float | np.integer | np.floating):
        return format_value(float(value)) if isinstance(value, float | np.floating) else (
            f"{int(value):,}")
    return str(value)


def _md_text(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
