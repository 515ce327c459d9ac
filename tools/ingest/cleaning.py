"""Clean a raw table: trim text, give columns real types, and drop what is not data.

Each step returns what it did in words and counts, so the quality report can say
exactly why a row was dropped or a value left empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tools.ingest.naming import name_tokens

_CURRENCY = re.compile(
    r"^(?:USD|EUR|GBP|CNY|RMB|JPY|CAD|AUD|US\$|C\$|A\$|[$€£¥￥₹₩₽¢])\s*|"
    r"\s*(?:USD|EUR|GBP|CNY|RMB|JPY|CAD|AUD|元|[$€£¥￥₹₩₽¢])$",
    re.IGNORECASE,
)
_US_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:[,'\u00a0\u202f ]\d{3})+|\d+)?(?:\.\d+)?$")
_EU_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:[.'\u00a0\u202f ]\d{3})+|\d+)(?:,\d+)?$")
_EU_HINT = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+,\d+$|^[-+]?\d+,\d{1,2}$")
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
DATE_FORMATS = (
    "ISO8601",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%d.%m.%Y",
    "%Y%m%d",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M:%S",
    "%d %b %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%B %d, %Y",
    "%d-%b-%Y",
    "%Y年%m月%d日",
    "%d/%m/%y",
    "%m/%d/%y",
)
_MIN_PARSED = 0.95


@dataclass
class CleaningLog:
    """What cleaning changed: dropped rows by reason, and warnings in plain words."""

    dropped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    date_formats: dict[str, str] = field(default_factory=dict)

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
    frame = frame.copy()
    frame.columns = names
    return frame


def trim_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip spaces around text cells and treat empty cells as missing."""
    frame = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            stripped = series.map(lambda v: v.strip() if isinstance(v, str) else v)
            frame[column] = stripped.mask(stripped.map(lambda v: isinstance(v, str) and v == ""))
    return frame


def drop_empty(frame: pd.DataFrame, log: CleaningLog) -> pd.DataFrame:
    empty_rows = frame.isna().all(axis=1)
    log.drop("completely empty row", int(empty_rows.sum()))
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
        values = frame[column].dropna()
        if len(values) == len(frame) and values.nunique() == 1:
            log.warnings.append(
                f"'{column}' has the same value ({values.iloc[0]}) in every row, "
                "so it cannot tell customers apart."
            )


def drop_duplicates(frame: pd.DataFrame, log: CleaningLog, keep: bool) -> pd.DataFrame:
    duplicated = frame.duplicated()
    count = int(duplicated.sum())
    if not count:
        return frame
    if keep:
        log.warnings.append(f"{count:,} rows are exact copies of another row; kept as asked.")
        return frame
    log.drop("exact duplicate of another row", count)
    log.warnings.append(
        f"{count:,} rows were exact copies of another row and were dropped. If your file has no "
        "order id, identical purchases on the same day may be real: load it again with "
        "duplicates kept."
    )
    return frame.loc[~duplicated]


# ----- types ---------------------------------------------------------------------
def coerce_types(frame: pd.DataFrame, log: CleaningLog) -> pd.DataFrame:
    """Give text columns their real type: date, number or yes/no, when nearly all values fit."""
    frame = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if not (series.dtype == object or pd.api.types.is_string_dtype(series)):
            continue
        values = series.dropna()
        if values.empty or not values.map(lambda v: isinstance(v, str)).all():
            continue
        tokens = set(name_tokens(column))
        converted = _as_boolean(values)
        if converted is None and (tokens & _DATE_HINTS or _looks_like_dates(values)):
            converted = _as_dates(values, column, log)
        if converted is None and not (tokens & _KEEP_AS_TEXT) and not _has_leading_zeros(values):
            converted = _as_numbers(values, column, log)
        if converted is not None:
            frame[column] = converted.reindex(frame.index)
    return frame


def _has_leading_zeros(values: pd.Series) -> bool:
    """Zero-padded codes ('0042') are identifiers, not quantities."""
    return bool(values.str.fullmatch(r"0\d+").any())


def _as_boolean(values: pd.Series) -> pd.Series | None:
    lowered = values.str.lower()
    if lowered.isin(_TRUE | _FALSE).all() and lowered.nunique() == 2:
        return lowered.isin(_TRUE).astype("boolean")
    return None


_COMPACT_DATE = r"^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$"


def _looks_like_dates(values: pd.Series) -> bool:
    """Dates with separators or month names, or compact YYYYMMDD in every row."""
    sample = values.head(500)
    if sample.str.fullmatch(_COMPACT_DATE).all():
        return True
    return bool(
        sample.str.match(r"^\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}|^[A-Za-z]{3,9} \d").mean() > 0.9
    )


def parse_dates(values: pd.Series) -> tuple[pd.Series, str]:
    """Parse text dates, trying known formats; mixed formats are parsed value by value."""
    sample = values.head(500)
    scores = []
    for fmt in DATE_FORMATS:
        parsed = pd.to_datetime(sample, format=fmt, errors="coerce", utc=True)
        scores.append((float(parsed.notna().mean()), fmt))
    ranked = [fmt for score, fmt in sorted(scores, key=lambda s: -s[0]) if score > 0]
    if not ranked:
        return pd.Series(pd.NaT, index=values.index), ""
    result = pd.to_datetime(values, format=ranked[0], errors="coerce", utc=True)
    used = [ranked[0]]
    for fmt in ranked[1:]:
        if result.notna().all():
            break
        missing = result.isna()
        extra = pd.to_datetime(values[missing], format=fmt, errors="coerce", utc=True)
        if extra.notna().any():
            result = result.where(~missing, extra)
            used.append(fmt)
    # Everything is read as UTC so mixed offsets agree; naive times are kept as written.
    return result.dt.tz_localize(None).astype("datetime64[ns]"), " + ".join(used)


def _as_dates(values: pd.Series, column: str, log: CleaningLog) -> pd.Series | None:
    parsed, fmt = parse_dates(values)
    share = float(parsed.notna().mean())
    if share < _MIN_PARSED:
        return None
    if fmt in ("%Y%m%d",) and not parsed.dropna().between("1900-01-01", "2100-12-31").all():
        return None
    years = parsed.dt.year.dropna()
    if len(years) and (years.min() < 1900 or years.max() > 2100):
        return None
    failed = int(parsed.isna().sum())
    if failed:
        log.warnings.append(
            f"{failed:,} value(s) in '{column}' could not be read as dates and were left empty."
        )
    if "%d/%m" in fmt or "%m/%d" in fmt:
        _note_ambiguous_day_month(values, column, fmt, log)
    log.date_formats[column] = fmt
    return parsed


def _note_ambiguous_day_month(values: pd.Series, column: str, fmt: str, log: CleaningLog) -> None:
    parts = values.str.extract(r"^(\d{1,2})[/.-](\d{1,2})[/.-]")
    first, second = pd.to_numeric(parts[0]), pd.to_numeric(parts[1])
    if (first > 12).any() or (second > 12).any():
        return
    order = "month/day" if fmt.startswith("%m") else "day/month"
    log.warnings.append(f"Dates in '{column}' could be day/month or month/day; read as {order}.")


def parse_numbers(values: pd.Series) -> pd.Series:
    """Read numbers written with currency symbols, thousands separators or decimal commas."""
    text = values.str.strip()
    negative = text.str.fullmatch(r"\(.*\)")
    text = text.str.strip("()").str.replace(_CURRENCY, "", regex=True).str.strip()
    text = text.str.replace(r"\s+", " ", regex=True)
    european = text.str.fullmatch(_EU_HINT).mean() > 0.5
    if european:
        valid = text.str.fullmatch(_EU_NUMBER)
        cleaned = text.str.replace(r"[.'\u00a0\u202f ]", "", regex=True).str.replace(",", ".")
    else:
        valid = text.str.fullmatch(_US_NUMBER) & text.str.contains(r"\d")
        cleaned = text.str.replace(r"[,'\u00a0\u202f ]", "", regex=True)
    numbers = pd.to_numeric(cleaned.where(valid), errors="coerce")
    return numbers.where(~negative, -numbers)


def _as_numbers(values: pd.Series, column: str, log: CleaningLog) -> pd.Series | None:
    if parse_numbers(values.head(500)).notna().mean() < _MIN_PARSED:
        return None  # a sample settles it for text columns, cheaply
    numbers = parse_numbers(values)
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


# ----- returns and cancellations --------------------------------------------------
_RETURN_WORDS = re.compile(r"return|refund|cancel|void|reversal|退", re.IGNORECASE)


def flag_returns(frame: pd.DataFrame, roles: dict[str, str], log: CleaningLog) -> pd.DataFrame:
    """Add `is_return`: negative quantity or amount, invoice ids starting with 'C', status words."""
    flags = pd.Series(False, index=frame.index)
    reasons = []
    for column, role in roles.items():
        series = frame[column]
        if role in ("quantity", "amount") and pd.api.types.is_numeric_dtype(series):
            hit = series.fillna(0) < 0
            if hit.any():
                reasons.append(f"negative {column}")
            flags |= hit
        elif role == "order_id":
            hit = series.astype("string").str.match(r"^[Cc]\d").fillna(False).astype(bool)
            if hit.any():
                reasons.append(f"{column} starting with 'C'")
            flags |= hit
        elif role == "categorical" and "status" in name_tokens(column):
            hit = series.astype("string").str.contains(_RETURN_WORDS).fillna(False).astype(bool)
            if hit.any():
                reasons.append(f"{column} saying returned/cancelled")
            flags |= hit
    if not flags.any():
        return frame
    frame = frame.copy()
    frame["is_return"] = flags.astype(bool)
    log.warnings.append(
        f"{int(flags.sum()):,} rows are returns or cancellations "
        f"({'; '.join(reasons)}); they are flagged in 'is_return' and kept."
    )
    return frame
