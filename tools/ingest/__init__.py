"""Load a marketer's file into a clean, typed table with a data-quality report.

    >>> table = read_table("orders.csv")            # detects format, encoding, delimiter
    >>> table.report.roles["order_date"]            # 'transaction_date'
    >>> load_into_workspace(ws, "orders", "orders.csv", IngestOptions(roles={"net": "amount"}))

Nothing is written to a workspace until the whole file has been read and checked,
so a bad file never changes what the workspace already holds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, Field

from tools.errors import IngestError
from tools.ingest import cleaning, duplicates, encodings, large_files, quality, reading, returns
from tools.ingest.column_stats import DistinctCounts
from tools.ingest.report import ColumnReport, QualityReport, question
from tools.ingest.roles import UNIQUE_ROLES, Role, apply_overrides, infer_roles
from tools.settings import DataSettings
from tools.workspace import Workspace

__all__ = [
    "IngestOptions",
    "LoadedTable",
    "QualityReport",
    "Role",
    "describe_table",
    "load_into_workspace",
    "read_table",
]

SUPPORTED = "CSV/TSV/TXT (any common delimiter), Excel (.xlsx), Parquet, JSON lines or JSON"


class IngestOptions(BaseModel):
    """How to read a file; every field has a default that detects it automatically."""

    sheet: str | int | None = Field(None, description="Excel sheet name or number (1 = first)")
    has_header: bool | None = Field(
        None, description="None = detect; False = name columns column_1…"
    )
    delimiter: str | None = Field(
        None, description="field separator of a text file: ',' ';' '\\t' '|'; None = detect"
    )
    encoding: str | None = Field(
        None, description="text encoding, e.g. 'utf-8', 'gb18030', 'latin-1'; None = detect"
    )
    date_order: Literal["auto", "day_first", "month_first"] = Field(
        "auto", description="how to read dates like 03/04/2024 when the values do not settle it"
    )
    leave_out_outliers: list[str] = Field(
        default_factory=list,
        description="numeric columns whose extreme values are left empty instead of kept",
    )
    roles: dict[str, str] = Field(default_factory=dict, description="column → role corrections")
    keep_duplicates: bool = Field(False, description="keep rows that are exact copies")
    max_bytes: int | None = Field(
        None, description="size limit; default from SEGMENT_MAX_UPLOAD_MB"
    )


@dataclass
class LoadedTable:
    frame: pd.DataFrame
    report: QualityReport


def read_table(path: str | Path, options: IngestOptions | None = None) -> LoadedTable:
    """Read, clean and type a file; raise `IngestError` with a fix for anything unusable."""
    started = time.perf_counter()
    options = options or IngestOptions()
    path = Path(path)
    raw = _read_raw(path, options)
    log = cleaning.CleaningLog(warnings=list(raw.notes))
    log.drop("wrong number of fields for the header", raw.rows_skipped_malformed)
    rows_read = len(raw.frame) + raw.rows_skipped_malformed

    if raw.frame.empty:
        raise IngestError(
            f"'{path.name}' has a header but no data rows. Choose a file with "
            "rows of data under the header."
        )
    frame = cleaning.tidy_headers(raw.frame, log)
    frame = cleaning.trim_strings(frame)
    frame = cleaning.drop_empty(frame, log)
    if frame.shape[1] < 2:
        only = f" ('{frame.columns[0]}')" if frame.shape[1] else ""
        raise IngestError(
            f"'{path.name}' has only one column{only}. A customer table needs at least an id "
            "and one more column. If the file uses another separator, choose it with the "
            "delimiter option (',' ';' '\\t' '|'), or save the file again as comma-separated CSV."
        )
    counts = DistinctCounts()
    frame = duplicates.drop_duplicates(frame, log, keep=options.keep_duplicates,
                                       counts=counts)
    frame = cleaning.drop_index_column(frame, log)
    frame = cleaning.coerce_types(frame, log, options.date_order)
    cleaning.note_constant_columns(frame, log)

    roles = apply_overrides(infer_roles(frame, counts), options.roles)
    frame = _match_types_to_roles(frame, roles, log, options.date_order)
    ignored = [c for c, r in roles.items() if r == Role.IGNORE]
    if ignored:
        frame = frame.drop(columns=ignored)
        roles = {c: r for c, r in roles.items() if r != Role.IGNORE}
        log.warnings.append(f"Left out column(s) marked 'ignore': {', '.join(ignored)}.")
    notes = quality.QualityNotes()
    frame = quality.check_outliers(frame, roles, options.leave_out_outliers, notes)
    quality.check_customer_ids(frame, roles, notes)
    frame, roles = _derive_amount(frame, roles, log)
    frame = returns.flag_returns(frame, {c: r.value for c, r in roles.items()}, log)
    if "is_return" in frame.columns and "is_return" not in roles:
        roles["is_return"] = Role.BOOLEAN
    frame = frame.reset_index(drop=True)

    report = QualityReport(
        source=path.name,
        file_format=raw.file_format,
        rows_read=rows_read,
        rows_kept=len(frame),
        dropped=log.dropped,
        columns=_describe(frame, roles, counts),
        warnings=log.warnings + notes.warnings,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        sheet=raw.sheet,
        has_header=raw.has_header,
        date_formats=log.date_formats,
        sheets=raw.sheets,
        questions=_header_question(raw, options) + log.questions + notes.questions,
        distinct_customer_ids=notes.distinct_customer_ids,
        rows_sharing_customer_id=notes.rows_sharing_customer_id,
        date_spans=_date_spans(frame, log.date_unparsed),
        missing_customer_ids=_missing_ids(frame, roles),
        returns_flagged=int(frame["is_return"].sum()) if "is_return" in frame else 0,
    )
    if report.missing_customer_ids:
        report.warnings.append(
            f"{report.missing_customer_ids:,} rows have no customer id; they "
            "are kept but cannot be assigned to a customer segment."
        )
    report.seconds = round(time.perf_counter() - started, 3)
    return LoadedTable(frame, report)


def load_into_workspace(
    workspace: Workspace, name: str, path: str | Path, options: IngestOptions | None = None
) -> QualityReport:
    """Read a file completely, then store it in the workspace in one atomic step."""
    table = read_table(path, options)
    workspace.save_dataset(
        name, table.frame, {"roles": table.report.roles, "report": table.report.to_dict()}
    )
    return table.report


def describe_table(frame: pd.DataFrame, source: str) -> QualityReport:
    """Roles and a report for a table that is already clean and typed (e.g. generated data)."""
    roles = infer_roles(frame)
    return QualityReport(
        source=source,
        file_format="generated",
        rows_read=len(frame),
        rows_kept=len(frame),
        dropped={},
        columns=_describe(frame, roles),
        missing_customer_ids=_missing_ids(frame, roles),
    )


# ----- steps -------------------------------------------------------------------------
def _read_raw(path: Path, options: IngestOptions) -> reading.RawTable:
    if not path.exists() or not path.is_file():
        raise IngestError(f"There is no file at '{path}'. Check the name and try again.")
    size = path.stat().st_size
    limit = options.max_bytes or DataSettings.from_env().max_upload_bytes
    if size > limit:
        raise IngestError(
            f"'{path.name}' is {size / 1024 / 1024:,.1f} MB; the limit is "
            f"{limit / 1024 / 1024:,.0f} MB. Split the file, or raise SEGMENT_MAX_UPLOAD_MB."
        )
    if size == 0:
        raise IngestError(f"'{path.name}' is empty. Choose a file with a header row and data rows.")
    with open(path, "rb") as handle:
        head = handle.read(8192)
    file_format = reading.detect_format(path, head)
    if file_format == "xlsx":
        return reading.read_excel(path, options.sheet, options.has_header)
    if file_format == "parquet":
        return reading.read_parquet(path)
    if options.sheet is not None:
        raise IngestError(
            f"'{path.name}' is not an Excel workbook, so it has no sheets. Leave the sheet empty."
        )
    delimiter = reading.delimiter_option(options.delimiter)
    encoding_choice = encodings.encoding_option(options.encoding)
    if file_format == "csv":
        large = large_files.read_large_delimited(
            path, options.has_header, delimiter, encoding_choice
        )
        if large is not None:
            return large
    text, encoding = encodings.decode(path.read_bytes(), path.name, options.encoding)
    if file_format in ("jsonl", "json"):
        raw = reading.read_json_text(text, path.name, lines=file_format == "jsonl")
    else:
        raw = reading.read_delimited(text, path.name, options.has_header, delimiter)
    raw.encoding = encoding
    return raw


def _match_types_to_roles(
    frame: pd.DataFrame, roles: dict[str, Role], log: cleaning.CleaningLog, date_order: str
) -> pd.DataFrame:
    """After a role override, make the values fit: 'amount' must be numbers, dates dates."""
    for column, role in roles.items():
        series = frame[column]
        if role in (
            Role.AMOUNT,
            Role.QUANTITY,
            Role.UNIT_PRICE,
            Role.NUMERIC,
        ) and not pd.api.types.is_numeric_dtype(series):
            numbers = cleaning.parse_numbers(series.astype("string"))
            lost = int((numbers.isna() & series.notna()).sum())
            if lost:
                log.warnings.append(
                    f"{lost:,} value(s) in '{column}' are not numbers and were left empty."
                )
            frame = frame.assign(**{column: numbers})
        elif role in (
            Role.DATE,
            Role.TRANSACTION_DATE,
        ) and not pd.api.types.is_datetime64_any_dtype(series):
            dates = cleaning.read_as_dates(series, column, log, date_order)
            if dates.notna().sum() == 0:
                raise IngestError(
                    f"'{column}' does not contain dates (e.g. "
                    f"'{series.dropna().iloc[0] if series.notna().any() else ''}'). "
                    "Choose another role for it."
                )
            frame = frame.assign(**{column: dates})
        elif role in (
            Role.CUSTOMER_ID,
            Role.ORDER_ID,
            Role.IDENTIFIER,
        ) and pd.api.types.is_float_dtype(series):
            frame = frame.assign(**{column: series.astype("Int64").astype("string")})
    return frame


def _derive_amount(
    frame: pd.DataFrame, roles: dict[str, Role], log: cleaning.CleaningLog
) -> tuple[pd.DataFrame, dict[str, Role]]:
    """No amount column but quantity and unit price: amount = quantity × unit price."""
    by_role = {r: c for c, r in roles.items() if r in UNIQUE_ROLES}
    if Role.AMOUNT in by_role or not {Role.QUANTITY, Role.UNIT_PRICE} <= set(by_role):
        return frame, roles
    name = "amount" if "amount" not in frame.columns else "line_amount"
    quantity, price = by_role[Role.QUANTITY], by_role[Role.UNIT_PRICE]
    frame = frame.assign(**{name: (frame[quantity] * frame[price]).astype("float64").round(2)})
    log.warnings.append(f"Added '{name}' = '{quantity}' × '{price}' as the order amount.")
    return frame, {**roles, name: Role.AMOUNT}


def _header_question(raw: reading.RawTable, options: IngestOptions) -> list[dict[str, object]]:
    """When the first row was judged to be data, ask: the marketer knows their file."""
    if raw.has_header or options.has_header is not None:
        return []
    return [
        question(
            "",
            "has_header",
            "The first row looks like data, so it was read as data and the columns were "
            "named column_1, column_2, … Is the first row a header instead?",
            ["no_header", "header"],
            "no_header",
        )
    ]


def _date_spans(frame: pd.DataFrame, unparsed: dict[str, int]) -> dict[str, dict[str, object]]:
    """First and last date and counts per date column, to show before the marketer confirms."""
    spans: dict[str, dict[str, object]] = {}
    for column in frame.columns:
        series = frame[column]
        if not pd.api.types.is_datetime64_any_dtype(series):
            continue
        present = series.dropna()
        spans[str(column)] = {
            "first": present.min().isoformat() if len(present) else None,
            "last": present.max().isoformat() if len(present) else None,
            "rows": len(present),
            "unparsed": int(unparsed.get(column, 0)),
        }
    return spans


def _missing_ids(frame: pd.DataFrame, roles: dict[str, Role]) -> int | None:
    column = next((c for c, r in roles.items() if r == Role.CUSTOMER_ID), None)
    return None if column is None else int(frame[column].isna().sum())


def _describe(
    frame: pd.DataFrame, roles: dict[str, Role], counts: DistinctCounts | None = None
) -> list[ColumnReport]:
    counts = counts or DistinctCounts()
    columns = []
    for name in frame.columns:
        series = frame[name]
        present = reading.first_present(series, 1)
        columns.append(
            ColumnReport(
                name=str(name),
                dtype=str(series.dtype),
                role=roles[name].value,
                missing=int(series.isna().sum()),
                distinct=counts.distinct(series),
                example=str(present.iloc[0])[:60] if len(present) else "",
            )
        )
    return columns
