"""Clean a raw table: trim text, give columns real types, and drop what is not data.

Each step returns what it did in words and counts, so the quality report can say
exactly why a row was dropped or a value left empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from tools.ingest.date_notes import explain, not_dates
from tools.ingest.dates import (
    DateReading,
    DateScan,
    Order,
    choose_order,
    file_order_hint,
    looks_like_dates,
    scan_dates,
)
from tools.ingest.naming import name_tokens
from tools.ingest.numbers import decimal_comma_share, parse_numbers, read_numbers
from tools.ingest.text_bytes import edge_candidates

# Exactly the characters Python's str.strip() removes, as one regex class (RE2 and re).
PYTHON_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_EDGE_SPACE = f"^[{PYTHON_WHITESPACE}]|[{PYTHON_WHITESPACE}]\\Z"
SAMPLE_ROWS = 1000  # a look at the first rows that can rule a costly full check out

_TRUE = {"true", "yes", "y", "t"}
_FALSE = {"false", "no", "n", "f"}
_KEEP_AS_TEXT = {
    "id",
    "code",
    "phone",
    "tel",
    "mobile",
    "zip",
    "postal",
    "postcode",
    "sku",
    "ean",
    "upc",
    "isbn",
    "iban",
    "no",
    "key",
}
_DATE_HINTS = {
    "date",
    "time",
    "day",
    "dt",
    "timestamp",
    "created",
    "signup",
    "joined",
    "when",
    "month",
    "period",
}
# Plain numbers are read as dates (Excel serials, Unix times) only under names like these.
_NUMBER_DATE_HINTS = {"date", "datetime", "timestamp", "dt", "ts", "created", "updated", "signup"}
_MIN_PARSED = 0.95


@dataclass
class CleaningLog:
    """What cleaning changed: dropped rows by reason, and warnings in plain words."""

    dropped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    date_formats: dict[str, str] = field(default_factory=dict)
    date_unparsed: dict[str, int] = field(default_factory=dict)
    questions: list[dict[str, Any]] = field(default_factory=list)
    date_order_hint: Order | None = None  # what the rest of the file says about day/month
    date_order_hint_source: str = ""

    def drop(self, reason: str, count: int) -> None:
        if count:
            self.dropped[reason] = self.dropped.get(reason, 0) + int(count)


def tidy_headers(frame: pd.DataFrame, log: CleaningLog) -> pd.DataFrame:
    """Trim column names, name empty ones, and make duplicates unique."""
    names: list[str] = []
    for position, raw in enumerate(frame.columns, start=1):
        name = "" if raw is None or (isinstance(raw, float) and np.isnan(raw)) else str(raw).strip()
        if not name or name.startswith("Unnamed:"):
            name = f"column_{position}"
        base, suffix = name, 2
        while name in names:
            name, suffix = f"{base}_{suffix}", suffix + 1
        if name != base:
            log.warnings.append(
                f"Two columns were both called '{base}'; the second is now '{name}'."
            )
        names.append(name)
    return frame.set_axis(names, axis=1)


def trim_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip spaces around text cells and treat empty cells as missing."""
    trimmed = {}
    for column in frame.columns:
        series = frame[column]
        if isinstance(series.dtype, pd.StringDtype):
            fixed = _trim_text(series)
            if fixed is not series:
                trimmed[column] = fixed
        elif series.dtype == object or pd.api.types.is_string_dtype(series):
            stripped = series.map(lambda v: v.strip() if isinstance(v, str) else v)
            trimmed[column] = stripped.mask(stripped.map(lambda v: isinstance(v, str) and v == ""))
    if not trimmed:
        return frame
    frame = frame.copy(deep=False)
    for column, series in trimmed.items():
        frame[column] = series
    return frame


def _trim_text(series: pd.Series) -> pd.Series:
    """Trim a text column in bulk: find the few cells that need it, fix only those."""
    candidates = edge_candidates(series)
    if candidates is None:
        needs = series.str.contains(_EDGE_SPACE, regex=True) | (series == "")
        candidates = needs.to_numpy(dtype=bool, na_value=False)
    positions = np.flatnonzero(candidates)
    changed, replacements = [], []
    for position, value in zip(positions, series.iloc[positions].tolist(), strict=True):
        stripped = value.strip() or np.nan
        if stripped != value:
            changed.append(position)
            replacements.append(stripped)
    if not changed:
        return series
    fixed = series.copy()
    fixed.iloc[changed] = replacements
    return fixed


def drop_empty(frame: pd.DataFrame, log: CleaningLog) -> pd.DataFrame:
    empty_rows = frame.isna().all(axis=1)
    log.drop("completely empty row", int(empty_rows.sum()))
    if empty_rows.any():
        frame = frame.loc[~empty_rows]
    empty_columns = [c for c in frame.columns if frame[c].isna().all()]
    if empty_columns:
        log.warnings.append(f"Dropped empty column(s): {', '.join(empty_columns)}.")
        frame = frame.drop(columns=empty_columns)
    return frame


def drop_index_column(frame: pd.DataFrame, log: CleaningLog) -> pd.DataFrame:
    """Drop an unnamed first column that only counts rows (a spreadsheet's saved index)."""
    first = frame.columns[0] if len(frame.columns) else None
    if first is None or not re.fullmatch(r"column_1", str(first)) or frame.shape[1] < 2:
        return frame
    values = pd.to_numeric(frame[first], errors="coerce")
    start = values.iloc[0] if len(values) else None
    if values.notna().all() and start in (0, 1) and (values.diff().iloc[1:] == 1).all():
        log.warnings.append("Dropped the unnamed first column: it only numbers the rows.")
        return frame.drop(columns=[first])
    return frame


def note_constant_columns(frame: pd.DataFrame, log: CleaningLog) -> None:
    """A column with one value in every row cannot tell customers apart: say so."""
    if len(frame) < 2:
        return
    for column in frame.columns:
        series = frame[column]
        if series.head(SAMPLE_ROWS).nunique(dropna=False) > 1:
            continue  # two values already in the first rows
        values = series.dropna()
        if len(values) == len(frame) and values.nunique() == 1:
            log.warnings.append(
                f"'{column}' has the same value ({values.iloc[0]}) in every row, "
                "so it cannot tell customers apart."
            )


def coerce_types(frame: pd.DataFrame, log: CleaningLog, date_order: str = "auto") -> pd.DataFrame:
    """Give text columns their real type: date, number or yes/no, when nearly all values fit.

    Date columns are scanned first so that one column's evidence (a day above 12) can
    settle the order of another column whose values are all ambiguous.
    """
    frame = frame.copy(deep=False)
    scans = _date_candidates(frame)
    log.date_order_hint = file_order_hint(list(scans.values()))
    log.date_order_hint_source = "the other date columns in this file"
    if log.date_order_hint is None and _decimal_commas(frame, scans):
        log.date_order_hint = "day_first"
        log.date_order_hint_source = (
            "the decimal commas in this file's numbers (a day-first locale)"
        )
    for column in frame.columns:
        series = frame[column]
        if column in scans:
            converted = _as_dates(scans[column], column, log, date_order)
            if converted is not None:
                frame[column] = converted.reindex(frame.index)
                continue
        if not (series.dtype == object or pd.api.types.is_string_dtype(series)):
            continue
        values = series.dropna()
        if values.empty or not _all_text(values):
            continue
        tokens = set(name_tokens(column))
        converted = _as_boolean(values)
        if (
            converted is None
            and not (tokens & _KEEP_AS_TEXT)
            and _numbers_in_sample(values)
            and not _has_leading_zeros(values)
        ):
            converted = _as_numbers(values, column, log)
        if converted is not None:
            whole = len(values) == len(series)
            frame[column] = converted if whole else converted.reindex(frame.index)
    return frame


def _date_candidates(frame: pd.DataFrame) -> dict[str, DateScan]:
    """Columns that may hold dates: text in date shapes, or numbers under a date name."""
    scans: dict[str, DateScan] = {}
    for column in frame.columns:
        series = frame[column]
        tokens = set(name_tokens(column))
        numbers = bool(tokens & _NUMBER_DATE_HINTS)
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            values = series.dropna()
            if values.empty or not _all_text(values) or _as_boolean(values) is not None:
                continue
            if not (tokens & (_DATE_HINTS | _NUMBER_DATE_HINTS) or looks_like_dates(values)):
                continue
        elif (
            numbers
            and pd.api.types.is_numeric_dtype(series)
            and not (pd.api.types.is_bool_dtype(series))
        ):
            values = series.dropna().astype("string")
        else:
            continue
        scan = scan_dates(values, numbers=numbers, months=bool(tokens & _DATE_HINTS))
        if scan.share >= 0.5:
            scans[column] = scan
    return scans


def _decimal_commas(frame: pd.DataFrame, scans: dict[str, DateScan]) -> bool:
    """Some column writes numbers as '1.234,50' or '12,5': a locale that writes dates day first."""
    for column in frame.columns:
        series = frame[column]
        if column in scans or not (series.dtype == object or pd.api.types.is_string_dtype(series)):
            continue
        sample = series.dropna().head(500)
        if sample.empty or not _all_text(sample) or not _numbers_in_sample(sample):
            continue
        if decimal_comma_share(sample) > 0.5:
            return True
    return False


def read_as_dates(series: pd.Series, column: str, log: CleaningLog, date_order: str) -> pd.Series:
    """A column the marketer marked as a date: every format auto-detection reads, numbers too.

    Values that are not dates are left empty and counted; returns all-NaT if none are dates.
    """
    values = series.dropna().astype("string")
    scan = scan_dates(values, numbers=True, months=True)
    order, source = choose_order(scan, date_order, log.date_order_hint, log.date_order_hint_source)
    reading = scan.read(order)
    if reading.parsed:
        _record(scan, column, reading, source, date_order, log)
        _answered_as_date(column, log)
    return reading.values.reindex(series.index)


def _answered_as_date(column: str, log: CleaningLog) -> None:
    """The marketer said 'date' to 'read it as dates anyway?': the note and answer say so."""
    log.warnings[:] = [w for w in log.warnings if not w.startswith(f"'{column}' looks like dates")]
    for asked in log.questions:
        if asked["column"] == column and asked["kind"] == "date_column":
            asked["chosen"] = "date"


def _as_dates(scan: DateScan, column: str, log: CleaningLog, date_order: str) -> pd.Series | None:
    order, source = choose_order(scan, date_order, log.date_order_hint, log.date_order_hint_source)
    reading = scan.read(order)
    if reading.share < _MIN_PARSED:
        mention = not_dates(column, reading)
        if mention is not None:
            log.warnings.append(mention[0])
            log.questions.append(mention[1])
        return None
    _record(scan, column, reading, source, date_order, log)
    return reading.values


def _record(
    scan: DateScan, column: str, reading: DateReading, source: str, setting: str, log: CleaningLog
) -> None:
    other = None
    if reading.order is not None and reading.evidence in ("ambiguous", "mixed"):
        # the span the other order would give, so the marketer sees what is at stake
        other = scan.read("day_first" if reading.order == "month_first" else "month_first")
    notes, asks = explain(column, reading, source, setting, other)
    log.warnings.extend(notes)
    log.questions.extend(asks)
    log.date_formats[column] = reading.describe()
    log.date_unparsed[column] = reading.unparsed


def _all_text(values: pd.Series) -> bool:
    if isinstance(values.dtype, pd.StringDtype):
        return True  # a text column holds only text
    return bool(values.map(lambda v: isinstance(v, str)).all())


def _has_leading_zeros(values: pd.Series) -> bool:
    """Zero-padded codes ('0042') are identifiers, not quantities."""
    return bool(values.str.fullmatch(r"0\d+").any())


def _as_boolean(values: pd.Series) -> pd.Series | None:
    if not values.head(SAMPLE_ROWS).str.lower().isin(_TRUE | _FALSE).all():
        return None
    lowered = values.str.lower()
    if lowered.isin(_TRUE | _FALSE).all() and lowered.nunique() == 2:
        return lowered.isin(_TRUE).astype("boolean")
    return None


def _numbers_in_sample(values: pd.Series) -> bool:
    """The first values settle it for text columns, cheaply."""
    return bool(parse_numbers(values.head(500)).notna().mean() >= _MIN_PARSED)


def _as_numbers(values: pd.Series, column: str, log: CleaningLog) -> pd.Series | None:
    numbers = read_numbers(values)
    share = float(numbers.notna().mean())
    if share < _MIN_PARSED:
        return None
    failed = int(numbers.isna().sum())
    if failed:
        log.warnings.append(
            f"{failed:,} value(s) in '{column}' are not numbers and were left empty."
        )
    finite = numbers.dropna()
    if len(finite) and (finite == finite.round()).all() and finite.abs().max() < 2**53:
        return numbers.astype("Int64")
    return numbers.astype("float64")
