"""Reading a yes/no column: which rows count as "yes", decided from the column's values.

A rate ("churn rate by contract") is the share of rows whose yes/no column holds the
value that counts. Exports write that column many ways: booleans, 0/1, Yes/No,
True/False, "Churned"/"Stayed", 是/否. The value that counts is, in this order: the one
the person named (`rate_value`, any column, any number of values); True or 1 in a
boolean or 0/1 column; the one of two text values that reads as positive (yes, true,
churned, exited, responded, …), or the other one when it reads as negative. Anything
else is a question back, listing the values, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tools.errors import ToolError

POSITIVE_WORDS = frozenset({
    "yes", "y", "true", "t", "1", "churned", "churn", "exited", "exit", "left", "lost",
    "cancelled", "canceled", "responded", "response", "accepted", "converted", "purchased",
    "bought", "subscribed", "clicked", "opened", "complained", "defaulted", "default",
    "positive", "是", "有", "真", "流失", "已流失", "响应", "已响应", "购买", "阳性",
})
"""Values that mean "it happened" — the value a rate counts by default."""
NEGATIVE_WORDS = frozenset({
    "no", "n", "false", "f", "0", "stayed", "retained", "active", "not churned",
    "no churn", "not exited", "none", "negative", "否", "无", "假", "未流失", "留存", "未响应",
})
"""Values that mean "it did not happen"; the other value of the column then counts."""
MAX_LISTED = 8
_BOOLEAN_SPELLINGS = {"1": "true", "yes": "true", "y": "true", "0": "false", "no": "false",
                      "n": "false"}


@dataclass(frozen=True)
class YesNo:
    """Which rows count (1.0), which do not (0.0), NaN where the column is empty."""

    values: pd.Series
    counted: str  # the value that counts, as shown to a person: "Yes", "1", "True"

    def rate_label(self, column: str, unit: str = "customers") -> str:
        """'share of customers with Churn = Yes'."""
        return f"share of {unit} with {column} = {self.counted}"


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_zero_one(present: pd.Series) -> bool:
    if not pd.api.types.is_numeric_dtype(present) or pd.api.types.is_bool_dtype(present):
        return False
    return bool(len(present)) and set(np.unique(present.to_numpy(float))) <= {0.0, 1.0}


def read_yes_no(series: pd.Series, column: str, rate_value: str | None = None) -> YesNo:
    """1.0 where `series` holds the counted value, 0.0 elsewhere, NaN where it is empty."""
    present = series.dropna()
    if isinstance(present.dtype, pd.CategoricalDtype):
        present = present.astype(object)
    if present.empty:
        raise ToolError(f"'{column}' is empty, so no rate can be taken from it.")
    if pd.api.types.is_bool_dtype(present) or (
            pd.api.types.infer_dtype(present, skipna=True) == "boolean"):
        text = series.map(lambda v: None if pd.isna(v) else ("True" if bool(v) else "False"))
    else:
        text = series.map(lambda v: None if pd.isna(v) else _text(v))
    text = text.mask(text == "")
    lowered: dict[str, str] = {}
    for value in text.dropna().unique():  # 'Yes' and 'yes' are one value, shown as first seen
        lowered.setdefault(value.lower(), value)
    shown = pd.Series(list(lowered.values()), dtype=object)
    if rate_value is not None:
        wanted = _text(rate_value).lower()
        if set(lowered) <= {"true", "false"}:
            wanted = _BOOLEAN_SPELLINGS.get(wanted, wanted)
        if wanted not in lowered:
            raise ToolError(f"'{column}' never holds '{rate_value}'. Its values are "
                            f"{_listing(shown)}; say which one counts with rate_value.")
        counted = lowered[wanted]
    else:
        counted = _default_counted(present, shown, column)
    mask = text.str.lower() == counted.lower()
    values = mask.astype(float).where(text.notna())
    return YesNo(values.astype(float), counted)


def _default_counted(present: pd.Series, shown: pd.Series, column: str) -> str:
    """True, 1, or the positive one of two words; otherwise ask which value counts."""
    if pd.api.types.is_bool_dtype(present) or (
            pd.api.types.infer_dtype(present, skipna=True) == "boolean"):
        return "True"
    if _is_zero_one(present):
        return "1"
    if len(shown) > 2:
        raise ToolError(f"'{column}' has {len(shown)} different values ({_listing(shown)}), so "
                        "it is not a yes/no column. Say which value counts with "
                        f"rate_value, e.g. rate_value='{shown.iloc[0]}'.")
    words = [v.lower() for v in shown]
    positive = [v for v, w in zip(shown, words, strict=True) if w in POSITIVE_WORDS]
    negative = [v for v, w in zip(shown, words, strict=True) if w in NEGATIVE_WORDS]
    if len(positive) == 1 and len(shown) <= 2:
        return positive[0]
    if len(negative) == 1 and len(shown) == 2:
        return next(v for v in shown if v != negative[0])
    raise ToolError(f"'{column}' holds {_listing(shown)}; which one should be counted? Say it "
                    f"with rate_value, e.g. rate_value='{shown.iloc[0]}'.")


def is_yes_no(series: pd.Series) -> bool:
    """True for booleans, 0/1 numbers and two text values of which one reads yes or no."""
    try:
        found = read_yes_no(series, "column")
    except ToolError:
        return False
    return found.values.dropna().nunique() == 2


def _listing(values: pd.Series) -> str:
    listed = ", ".join(f"'{v}'" for v in values.head(MAX_LISTED))
    more = len(values) - MAX_LISTED
    return listed + (f" and {more} more" if more > 0 else "")
