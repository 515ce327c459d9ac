"""Turning any column into readable groups: categories, number bands and calendar periods.

A breakdown or a distribution needs a small set of labelled groups in a sensible
order. Text columns are their own groups; numbers are cut into bands a marketer
recognises (age bands 18-24, 25-34, …; money in rounded steps); dates become months,
quarters, years, seasons or weekdays. Every key is an ordered pandas Categorical so
tables and charts keep the natural order (18-24 before 25-34, Jan before Feb).

Seasons are Northern-hemisphere meteorological seasons: Winter = Dec-Feb,
Spring = Mar-May, Summer = Jun-Aug, Autumn = Sep-Nov (December counts towards the
winter that follows it, whatever its year).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd

from tools.errors import ToolError
from tools.ingest.naming import name_tokens

TIME_PARTS = ("month", "quarter", "year", "season", "weekday", "month_of_year")
SEASON_ORDER = ("Winter", "Spring", "Summer", "Autumn")
SEASON_OF_MONTH = (0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 0)  # Jan..Dec → index in SEASON_ORDER
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec")
AGE_EDGES = (0, 18, 25, 35, 45, 55, 65, math.inf)
AGE_LABELS = ("under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
FEW_VALUES = 12
"""Whole numbers with at most this many distinct values are groups as they are (1, 2, 3…)."""


@dataclass(frozen=True)
class Key:
    """Group labels for each row (an ordered Categorical) and whether that order is meaningful."""

    values: pd.Series
    natural_order: bool
    how: str  # e.g. "age bands", "quintile bands", "order date by month"


def kind_of(series: pd.Series) -> str:
    """'boolean', 'numeric', 'datetime' or 'category' — what a column can be used for."""
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "datetime"
    if pd.api.types.is_numeric_dtype(series):
        return "numeric"
    if pd.api.types.infer_dtype(series, skipna=True) == "boolean":
        return "boolean"
    return "category"


# ----- dates --------------------------------------------------------------------------
def time_key(dates: pd.Series, part: str) -> Key:
    """Label each date with its month ('2024-05'), quarter ('2024Q2'), year, season, …"""
    dates = pd.to_datetime(dates)
    valid = dates.notna().to_numpy()
    year = dates.dt.year.fillna(0).to_numpy(int)
    month = dates.dt.month.fillna(1).to_numpy(int)
    if part == "month":
        serial = year * 12 + month - 1
        labels = [f"{s // 12}-{s % 12 + 1:02d}" for s in _span(serial, valid)]
    elif part == "quarter":
        serial = year * 4 + (month - 1) // 3
        labels = [f"{s // 4}Q{s % 4 + 1}" for s in _span(serial, valid)]
    elif part == "year":
        serial = year
        labels = [str(s) for s in _span(serial, valid)]
    elif part == "season":
        return _fixed(np.asarray(SEASON_OF_MONTH)[month - 1], valid, SEASON_ORDER, dates.index,
                      "season (Winter = Dec-Feb)")
    elif part == "weekday":
        day = dates.dt.dayofweek.fillna(0).to_numpy(int)
        return _fixed(day, valid, WEEKDAYS, dates.index, "weekday")
    elif part == "month_of_year":
        return _fixed(month - 1, valid, MONTH_NAMES, dates.index, "calendar month")
    else:
        raise ValueError(f"unknown time part {part!r}")
    low = serial[valid].min() if valid.any() else 0
    codes = np.where(valid, serial - low, -1)
    return Key(_categorical(codes, labels, dates.index), True, part)


def _span(serial: np.ndarray, valid: np.ndarray) -> range:
    if not valid.any():
        return range(0)
    return range(int(serial[valid].min()), int(serial[valid].max()) + 1)


def _fixed(codes: np.ndarray, valid: np.ndarray, labels: tuple[str, ...], index: pd.Index,
           how: str) -> Key:
    return Key(_categorical(np.where(valid, codes, -1), list(labels), index), True, how)


def _categorical(codes: np.ndarray, labels: list[str], index: pd.Index) -> pd.Series:
    cat = pd.Categorical.from_codes(codes.astype(int), categories=labels, ordered=True)
    return pd.Series(cat, index=index)


def period_for_span(dates: pd.Series) -> str:
    """Month for up to three years of dates, quarter up to ten years, year beyond."""
    days = (dates.max() - dates.min()).days if dates.notna().any() else 0
    return "month" if days <= 3 * 366 else "quarter" if days <= 10 * 366 else "year"


# ----- numbers ------------------------------------------------------------------------
def is_age(name: str, values: pd.Series) -> bool:
    present = values.dropna()
    return ("age" in name_tokens(name) and len(present) > 0
            and present.min() >= 0 and present.max() <= 120)


def is_whole(values: pd.Series) -> bool:
    present = values.dropna().to_numpy(float)
    return bool(len(present)) and bool(np.all(np.mod(present, 1) == 0))


def numeric_key(series: pd.Series, name: str, purpose: str = "group",
                bins: int | None = None) -> Key:
    """Bands for a number: age bands, each value when there are few, else rounded bands.

    purpose "group" makes about five bands of similar size (quintiles, rounded);
    "histogram" makes about `bins` (default 10) equal-width bands in round steps.
    """
    values = pd.to_numeric(series, errors="coerce").astype(float)
    present = values.dropna()
    if present.empty:
        return Key(_categorical(np.full(len(values), -1), [], values.index), True, "values")
    whole = is_whole(values)
    if is_age(name, values) and bins is None:
        return Key(_cut(values, np.asarray(AGE_EDGES, float), list(AGE_LABELS)), True,
                   "age bands")
    distinct = np.sort(present.unique())
    if whole and len(distinct) <= FEW_VALUES and bins is None:
        labels = [_number(v) for v in distinct]
        codes = np.searchsorted(distinct, values.fillna(distinct[0]).to_numpy())
        codes = np.where(values.isna().to_numpy(), -1, codes)
        return Key(_categorical(codes, labels, values.index), True, "each value")
    if purpose == "histogram" and bins is None and is_skewed(present.to_numpy()):
        edges = stepped_edges(present.to_numpy())
        how = "bands in 1-2-5 steps (the values are skewed)"
    elif purpose == "histogram":
        edges = histogram_edges(present.to_numpy(), bins or 10, whole)
        how = "equal-width bands"
    else:
        edges = quantile_edges(present.to_numpy(), bins or 5, whole)
        how = "bands of similar size (rounded quantiles)"
    return Key(_cut(values, edges, band_labels(edges, whole)), True, how)


def nice_step(raw: float) -> float:
    """The round step (1, 2, 2.5, 5 × a power of ten) at or above `raw`."""
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power * (1 + 1e-9):
            return factor * power
    return 10 * power


def histogram_edges(values: np.ndarray, bins: int, whole: bool) -> np.ndarray:
    """Equal round steps from the minimum to the 99th percentile; the last band is open."""
    low, high = float(values.min()), float(np.percentile(values, 99))
    if high <= low:
        high = float(values.max())
    step = nice_step((high - low) / max(bins, 1) or 1.0)
    if whole:
        step = max(1.0, math.ceil(step))
    start = math.floor(low / step) * step
    count = max(1, math.ceil((high - start) / step + 1e-9))
    edges = start + step * np.arange(count + 1, dtype=float)
    if edges[-1] <= values.max():
        edges = np.append(edges, math.inf)
    else:
        edges[-1] = math.inf
    return edges


def is_skewed(values: np.ndarray) -> bool:
    """Non-negative values with a long tail, such as revenue: a few are 8× the median."""
    median = float(np.median(values))
    return values.min() >= 0 and median > 0 and np.percentile(values, 99) > 8 * median


def stepped_edges(values: np.ndarray) -> np.ndarray:
    """Bands that widen in 1-2-5 steps (0-10, 10-20, 20-50, …) up to the 99th percentile."""
    low, high = float(np.percentile(values, 1)), float(np.percentile(values, 99))
    steps = [m * 10.0 ** k for k in range(-3, 13) for m in (1, 2, 5)]
    inner = [s for s in steps if low < s <= high]
    start = 0.0 if values.min() >= 0 else math.floor(values.min())
    return np.array([start, *inner, math.inf])


def quantile_edges(values: np.ndarray, bands: int, whole: bool) -> np.ndarray:
    """Quantile cut points rounded to two significant digits, so bands read '50-120'."""
    inner = np.quantile(values, np.linspace(0, 1, bands + 1)[1:-1])
    rounded = np.array([_round_sig(v) for v in inner])
    if whole:
        rounded = np.ceil(rounded)
    low = float(values.min())
    start = math.floor(low / nice_step(abs(low) / 10 or 1.0)) * nice_step(abs(low) / 10 or 1.0)
    inner = np.unique(rounded[rounded > start])
    return np.concatenate([[start], inner, [math.inf]])


def _round_sig(value: float, digits: int = 2) -> float:
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def band_labels(edges: np.ndarray, whole: bool) -> list[str]:
    """'18-24' style labels for whole numbers ([lo, hi-1]); '50-100' for amounts ([lo, hi))."""
    labels = []
    for low, high in pairwise(edges):
        if math.isinf(high):
            labels.append(f"{_number(low)}+")
        elif whole and high - low == 1:
            labels.append(_number(low))
        elif whole:
            labels.append(f"{_number(low)}-{_number(high - 1)}")
        else:
            labels.append(f"{_number(low)}-{_number(high)}")
    return labels


def _cut(values: pd.Series, edges: np.ndarray, labels: list[str]) -> pd.Series:
    codes = np.searchsorted(edges, values.to_numpy(float), side="right") - 1
    codes = np.clip(codes, 0, len(labels) - 1)
    codes = np.where(values.isna().to_numpy(), -1, codes)
    return _categorical(codes, labels, values.index)


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"


# ----- categories ---------------------------------------------------------------------
def category_key(series: pd.Series) -> Key:
    """Text and yes/no columns as groups; an ordered categorical keeps its own order."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        cat = series.cat.remove_unused_categories()
        cat = cat.cat.rename_categories([str(c) for c in cat.cat.categories])
        return Key(cat.cat.as_ordered(), bool(series.cat.ordered), "categories")
    if kind_of(series) == "boolean":
        mapped = series.map({True: "yes", False: "no"}).astype("object")
        return Key(mapped.astype(pd.CategoricalDtype(["yes", "no"], ordered=True)), True,
                   "yes / no")
    text = series.astype("string").str.strip()
    text = text.mask(text == "")
    return Key(text.astype("category"), False, "categories")


def fold_rare(key: Key, keep: list[str], other: str = "Other") -> Key:
    """Relabel every group not in `keep` as 'Other' (kept last)."""
    values = key.values
    wanted = set(keep) - {other}
    labels = [str(c) for c in values.cat.categories if str(c) in wanted]
    if len(labels) == len(values.cat.categories):
        return key
    folded = values.astype("object").where(values.isin(labels) | values.isna(), other)
    dtype = pd.CategoricalDtype([*labels, other], ordered=True)
    return Key(folded.astype(dtype), key.natural_order, key.how)


def key_for(series: pd.Series, name: str, part: str | None = None, purpose: str = "group",
            bins: int | None = None) -> Key:
    """The groups for any column: a date part, number bands, or categories."""
    kind = kind_of(series)
    if part is not None:
        if kind != "datetime":
            raise ToolError(f"'{name}' is not a date, so it has no {part.replace('_', ' ')}. "
                            f"Group by '{name}' itself, or by a date column.")
        return time_key(series, part)
    if kind == "datetime":
        return time_key(series, period_for_span(series))
    if kind == "numeric":
        return numeric_key(series, name, purpose, bins)
    return category_key(series)
