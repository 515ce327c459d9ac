"""Checks that report what looks wrong, with counts and examples, and change nothing
unless the marketer chose it: extreme and unusual numbers, and customer ids that repeat."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from tools.errors import IngestError, did_you_mean
from tools.ingest.report import question
from tools.ingest.roles import Role, _is_id_name, is_customer_id_name, is_customer_name

# A value this many times the column's typical size (interquartile range or median,
# whichever is larger) away from the median is a placeholder or a typo, not a sale.
EXTREME_FACTOR = 1000
MAX_EXTREME_SHARE = 0.05  # more than this is the column's nature, not a few bad values
# Tukey's far fences: beyond Q1 − 3·IQR or Q3 + 3·IQR a value is far from the rest.
FAR_FENCE = 3.0
# Few such values are worth a look (a birth year of 1893, an income of 666666) ...
MAX_UNUSUAL_SHARE = 0.005
MAX_UNUSUAL_COUNT = 20
# ... but when many lie beyond the fences the column is long-tailed (spend), not wrong.
HEAVY_TAIL_SHARE = 0.01
_SHOWN_EXAMPLES = 5
_CHECKED_ROLES = (Role.AMOUNT, Role.QUANTITY, Role.UNIT_PRICE, Role.NUMERIC)
# Rows that are events (purchases, tickets, reviews): a customer id is expected to repeat.
_EVENT_ROLES = {
    Role.TRANSACTION_DATE,
    Role.DATE,
    Role.ORDER_ID,
    Role.AMOUNT,
    Role.QUANTITY,
    Role.TEXT,
}


@dataclass
class QualityNotes:
    warnings: list[str] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)
    distinct_customer_ids: int | None = None
    rows_sharing_customer_id: int | None = None


def _examples(values: pd.Series, count: int = 3) -> str:
    return ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in values.head(count))


def extreme_values(series: pd.Series) -> pd.Series:
    """True for the few values absurdly far from the rest; all False when there are none."""
    values = series.astype("float64")
    present = values.dropna()
    none = pd.Series(False, index=series.index)
    if len(present) < 4:
        return none
    q1, median, q3 = present.quantile([0.25, 0.5, 0.75]).tolist()
    scale = max(q3 - q1, abs(median), float(np.finfo(float).eps))
    extreme = ((values - median).abs() > EXTREME_FACTOR * scale).fillna(False)
    if not extreme.any() or extreme.sum() > MAX_EXTREME_SHARE * len(present):
        return none
    return extreme.astype(bool)


def unusual_values(series: pd.Series) -> pd.Series:
    """True for the few values beyond Tukey's far fences; all False when there are none,
    too many (more than 0.5% of the values present, or more than 20), or when over 1%
    lie beyond the straight-scale fences (a long tail is the column's shape).

    A column that is never negative is also measured on a log scale, and a value counts
    only when it is beyond the fences on both scales: spend and counts are skewed, so a
    large purchase is far on a straight scale but not in proportion, while a birth year of
    1893 or an income of 666666 is far on both. A column whose middle half is one value
    (IQR 0) has no fences to speak of.
    """
    values = series.astype("float64")
    present = values.dropna()
    none = pd.Series(False, index=series.index)
    if present.empty:
        return none
    outside = _beyond_far_fences(values, present)
    if outside is None or outside.sum() > HEAVY_TAIL_SHARE * len(present):
        return none
    if present.min() >= 0:
        in_proportion = _beyond_far_fences(np.log1p(values), np.log1p(present))
        outside &= in_proportion if in_proportion is not None else False
    count = int(outside.sum())
    if not count or count > MAX_UNUSUAL_SHARE * len(present) or count > MAX_UNUSUAL_COUNT:
        return none
    return outside.astype(bool)


def _beyond_far_fences(values: pd.Series, present: pd.Series) -> pd.Series | None:
    """Values below Q1 − 3·IQR or above Q3 + 3·IQR; None when the IQR is 0."""
    q1, q3 = present.quantile([0.25, 0.75]).tolist()
    spread = q3 - q1
    if spread <= 0:
        return None
    low, high = q1 - FAR_FENCE * spread, q3 + FAR_FENCE * spread
    return ((values < low) | (values > high)).fillna(False).astype(bool)


def _plain_number(value: float) -> str:
    """1893, 666666, 12.5: as a person writes it, without an exponent where it fits."""
    if abs(value) >= 1e15 or 0 < abs(value) < 0.01:
        return f"{value:.3g}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _furthest_examples(values: pd.Series, centre: float) -> str:
    """Up to five of `values`, the furthest from `centre` first chosen, shown in order."""
    numbers = values.astype("float64")
    distance = (numbers - centre).abs()
    chosen = numbers.loc[distance.sort_values(ascending=False).index].drop_duplicates()
    return ", ".join(_plain_number(v) for v in chosen.head(_SHOWN_EXAMPLES).sort_values())


def check_outliers(
    frame: pd.DataFrame, roles: dict[str, Role], leave_out: list[str], notes: QualityNotes
) -> pd.DataFrame:
    """Report extreme numbers per column; leave them out (empty) only where asked."""
    for column in leave_out:
        if column not in frame.columns:
            raise IngestError(
                f"There is no column '{column}' to leave extreme or unusual values out of."
                + did_you_mean(column, [str(c) for c in frame.columns])
            )
    for column, role in roles.items():
        series = frame[column]
        if role not in _CHECKED_ROLES or not pd.api.types.is_numeric_dtype(series):
            continue
        if pd.api.types.is_bool_dtype(series):
            continue
        extreme = extreme_values(series)
        if not extreme.any():
            frame = _check_unusual(frame, column, column in leave_out, notes)
            continue
        count = int(extreme.sum())
        examples = _examples(series[extreme])
        leaving = column in leave_out
        if leaving:
            frame = frame.assign(**{column: series.astype("float64").mask(extreme)})
            notes.warnings.append(
                f"Left out {count:,} extreme value(s) in '{column}' as asked (e.g. {examples}); "
                "those cells are empty now."
            )
        else:
            notes.warnings.append(
                f"{count:,} extreme value(s) in '{column}' (e.g. {examples}), far from its "
                f"typical values (median {series.median():g}); kept as numbers."
            )
        notes.questions.append(
            question(
                column,
                "outliers",
                f"'{column}' has {count:,} extreme value(s) (e.g. {examples}). Leave them out "
                "of totals and averages?",
                ["keep", "leave_out"],
                "leave_out" if leaving else "keep",
            )
        )
    return frame


def _check_unusual(
    frame: pd.DataFrame, column: str, leaving: bool, notes: QualityNotes
) -> pd.DataFrame:
    """Report the few values beyond the far fences; leave them out (empty) only if asked."""
    series = frame[column]
    unusual = unusual_values(series)
    count = int(unusual.sum())
    if not count:
        return frame
    q1, median, q3 = series.dropna().astype("float64").quantile([0.25, 0.5, 0.75]).tolist()
    examples = _furthest_examples(series[unusual], median)
    if leaving:
        frame = frame.assign(**{column: series.astype("float64").mask(unusual)})
        notes.warnings.append(
            f"Left out {count:,} unusual value(s) in '{column}' as asked (e.g. {examples}); "
            "those cells are empty now."
        )
    else:
        notes.warnings.append(
            f"{count:,} unusual value(s) in '{column}' (e.g. {examples}), far outside the "
            f"range of most of its values (middle half {_plain_number(q1)} to "
            f"{_plain_number(q3)}); kept as they are. "
            "Check they are right."
        )
    notes.questions.append(
        question(
            column,
            "outliers",
            f"'{column}' has {count:,} unusual value(s) (e.g. {examples}). Leave them out "
            "of totals and averages?",
            ["keep", "leave_out"],
            "leave_out" if leaving else "keep",
        )
    )
    return frame


def check_customer_ids(frame: pd.DataFrame, roles: dict[str, Role], notes: QualityNotes) -> None:
    """How many rows share a customer id; a warning where one row per customer is expected."""
    column = next((c for c, r in roles.items() if r == Role.CUSTOMER_ID), None)
    if column is None:
        return
    ids = frame[column].dropna()
    counts = ids.value_counts()
    notes.distinct_customer_ids = len(counts)
    if is_customer_name(column, Role.PERSON_NAME) and not any(
        is_customer_id_name(str(other)) for other in frame.columns
    ):
        notes.warnings.append(
            f"No customer id column: customers are identified by {column}; two customers "
            "with the same name would be counted as one."
        )
    notes.rows_sharing_customer_id = int(counts[counts > 1].sum())
    if not notes.rows_sharing_customer_id or _rows_are_events(frame, roles, column):
        return
    top = counts.head(3)
    examples = ", ".join(f"'{i}' ×{n:,}" for i, n in top.items() if n > 1)
    notes.warnings.append(
        f"{len(ids):,} rows but only {len(counts):,} distinct customer ids in '{column}' "
        f"(e.g. {examples}): a customer table usually has one row per customer. "
        "Check the export, or mark another column as the customer id."
    )


def _rows_are_events(frame: pd.DataFrame, roles: dict[str, Role], customer: str) -> bool:
    """A date, an amount, free text or another id unique to each row: rows are events."""
    if _EVENT_ROLES & set(roles.values()):
        return True
    return any(
        column != customer
        and (role == Role.IDENTIFIER or _is_id_name(column))
        and frame[column].is_unique
        for column, role in roles.items()
    )
