"""Rows that are exact copies of another row: dropped by default, reported, and asked about.

A file without an order id can hold two identical purchases on the same day that are
both real, so the check says how many copies it found, shows one, and asks; the marketer
keeps them with the load option "Keep rows that are exact copies".
"""

from __future__ import annotations

import pandas as pd

from tools.ingest.cleaning import SAMPLE_ROWS, CleaningLog
from tools.ingest.column_stats import DistinctCounts
from tools.ingest.report import question


def _has_unique_column(frame: pd.DataFrame, counts: DistinctCounts) -> bool:
    """A column with no repeated value (missing counts as a value) rules out copied rows,
    and checking one column is much cheaper than comparing whole rows."""
    for column in frame.columns:
        series = frame[column]
        if not series.head(50 * SAMPLE_ROWS).duplicated().any() and counts.all_different(series):
            return True
    return False


def drop_duplicates(
    frame: pd.DataFrame, log: CleaningLog, keep: bool, counts: DistinctCounts | None = None
) -> pd.DataFrame:
    if len(frame) > SAMPLE_ROWS and _has_unique_column(frame, counts or DistinctCounts()):
        return frame
    duplicated = frame.duplicated()
    count = int(duplicated.sum())
    if not count:
        return frame
    example = ", ".join(str(v) for v in frame.loc[duplicated].iloc[0].tolist()[:4])
    log.questions.append(question(
        "", "duplicates",
        f"{count:,} rows are exact copies of another row (e.g. {example}). Identical "
        "purchases on the same day may be real when the file has no order id. Keep them?",
        ["drop", "keep"], "keep" if keep else "drop"))
    if keep:
        log.warnings.append(f"{count:,} rows are exact copies of another row; kept as asked.")
        return frame
    log.drop("exact duplicate of another row", count)
    log.warnings.append(
        f"{count:,} rows were exact copies of another row and were dropped. If your file has no "
        "order id, identical purchases on the same day may be real: tick “Keep rows that are "
        "exact copies” in the load options (keep_duplicates from Python) and check the file "
        "again."
    )
    return frame.loc[~duplicated]


# ----- types ---------------------------------------------------------------------
