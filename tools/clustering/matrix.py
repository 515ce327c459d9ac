"""Turn chosen customer features into numbers a clustering algorithm can compare fairly.

Every feature gets the same say: numbers are standardised (after log1p when they are
skewed and never negative, like spend or order counts, so a few big spenders do not
dominate), ordered categories become their order codes, and other categories become
one-hot columns scaled so that together they weigh as much as one number. Gaps are
filled (median / most frequent) and the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tools.clustering.sources import KIND_CATEGORICAL, KIND_ORDERED
from tools.errors import ToolError

SKEW_LIMIT = 1.0
MAX_LEVELS = 10
"""Categorical features keep their most frequent levels; the rest become 'other'."""

OTHER = "other"
NOT_GIVEN = "not given"
NOT_GIVEN_SHARE = 0.1
"""A category missing for this share of customers or more becomes its own level: when a
third of customers leave 'company size' empty, that absence is itself a trait."""


@dataclass
class FeatureMatrix:
    """The scaled matrix plus the readable (imputed, original-scale) values for profiles."""

    values: np.ndarray
    index: pd.Index
    readable: pd.DataFrame
    kinds: dict[str, str]
    logged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def features(self) -> list[str]:
        return list(self.readable.columns)


def build_matrix(frame: pd.DataFrame, kinds: dict[str, str] | None = None) -> FeatureMatrix:
    """Impute, transform and scale `frame` (one row per customer) into a FeatureMatrix."""
    kinds = dict(kinds or {c: _guess_kind(frame[c]) for c in frame.columns})
    readable = pd.DataFrame(index=frame.index)
    blocks: list[np.ndarray] = []
    result = FeatureMatrix(np.empty((len(frame), 0)), frame.index, readable, {})
    filled: list[str] = []
    many_levels: list[str] = []
    for name in frame.columns:
        column = frame[name]
        missing = int(column.isna().sum())
        if missing == len(column):
            result.warnings.append(f"'{name}' is empty for every customer and was left out.")
            continue
        kind = kinds.get(name, _guess_kind(column))
        if kind == KIND_CATEGORICAL:
            values, block = _categorical(column)
            if column.nunique() > MAX_LEVELS:
                many_levels.append(f"'{name}'")
        else:
            values, block = _numeric(column, kind, name, result)
        if block is None:
            result.warnings.append(f"'{name}' has the same value for every customer, so it "
                                   "cannot separate groups; it was left out.")
            continue
        if missing and not (kind == KIND_CATEGORICAL and missing / len(column) >= NOT_GIVEN_SHARE):
            filled.append(f"'{name}' ({missing / len(column):.0%})")
        readable[name] = values
        result.kinds[name] = kind
        blocks.append(block)
    if not blocks:
        raise ToolError("None of the chosen features varies between customers. Choose features "
                        "such as orders_per_month, avg_order_value, age or region.")
    if filled:
        result.notes.append("Missing values were filled with the median (numbers) or the most "
                            "frequent value (categories): " + ", ".join(filled) + ".")
    if result.logged:
        result.notes.append("Skewed columns were compared on a log scale: "
                            + ", ".join(result.logged) + ".")
    if many_levels:
        result.notes.append("Only the 10 most frequent values were kept for "
                            + ", ".join(many_levels) + "; the rest count as 'other'.")
    result.values = np.hstack(blocks)
    result.readable = readable
    return result


def _guess_kind(column: pd.Series) -> str:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return KIND_ORDERED if column.cat.ordered else KIND_CATEGORICAL
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return "numeric"
    return KIND_CATEGORICAL


def _numeric(
    column: pd.Series, kind: str, name: str, result: FeatureMatrix
) -> tuple[pd.Series, np.ndarray | None]:
    if kind == KIND_ORDERED:
        codes = column.cat.codes.astype(float).where(column.notna())
        fill = codes.mode().iloc[0] if codes.notna().any() else 0.0
        numbers = codes.fillna(fill)
        readable = column.fillna(column.cat.categories[int(fill)])
    else:
        numbers = pd.to_numeric(column.astype("float64") if pd.api.types.is_bool_dtype(column)
                                else column, errors="coerce").astype(float)
        numbers = numbers.fillna(numbers.median())
        readable = numbers
    values = numbers.to_numpy(float)
    if np.nanstd(values) == 0:
        return readable, None
    if kind != KIND_ORDERED and values.min() >= 0 and pd.Series(values).skew() > SKEW_LIMIT:
        values = np.log1p(values)
        result.logged.append(name)
    scaled = (values - values.mean()) / values.std()
    return readable, scaled[:, None]


def _categorical(column: pd.Series) -> tuple[pd.Series, np.ndarray | None]:
    text = column.astype("string")
    if text.isna().mean() >= NOT_GIVEN_SHARE:
        text = text.fillna(NOT_GIVEN)
    counts = text.value_counts()
    if len(counts) < 2:
        return text.fillna(counts.index[0] if len(counts) else ""), None
    text = text.fillna(counts.index[0])
    keep = set(counts.index[:MAX_LEVELS])
    if len(counts) > MAX_LEVELS:
        text = text.where(text.isin(keep), OTHER)
    dummies = pd.get_dummies(text).to_numpy(float)
    spread = dummies.std(axis=0)
    dummies = (dummies - dummies.mean(axis=0)) / np.where(spread > 0, spread, 1.0)
    return text.astype(str), dummies / np.sqrt(dummies.shape[1])
