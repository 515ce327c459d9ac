"""Distinct counts of text columns, computed once per load and shared by every step.

Counting distinct values hashes every cell; on a 10-million-row id column that takes
seconds, and duplicate detection, role inference and the report all need it. Arrow
text is immutable, so its buffers identify the values: a column that was converted
or filtered in between has new buffers and is counted afresh. Numbers and dates are
quick to count and are not remembered.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from tools.ingest.text_bytes import arrow_chunks


def _arrow_key(series: pd.Series) -> tuple[tuple[int, ...], pa.ChunkedArray] | None:
    chunks = arrow_chunks(series)
    if chunks is None:
        return None
    key: list[int] = []
    for chunk in chunks:
        key += [chunk.offset, len(chunk)]
        key += [buffer.address if buffer is not None else 0 for buffer in chunk.buffers()]
    return tuple(key), pa.chunked_array(chunks)


class DistinctCounts:
    """Distinct values per column, as `nunique()` and `is_unique` give them."""

    def __init__(self) -> None:
        # key → (the values, kept alive so their buffers are not reused; counts)
        self._seen: dict[tuple[int, ...], tuple[pa.ChunkedArray, int, bool]] = {}

    def _count(self, series: pd.Series) -> tuple[int, bool]:
        """(distinct values counting missing as one value, whether any value is missing)."""
        keyed = _arrow_key(series)
        if keyed is not None and keyed[0] in self._seen:
            _, with_missing, has_missing = self._seen[keyed[0]]
            return with_missing, has_missing
        result = (int(series.nunique(dropna=False)), bool(series.hasnans))
        if keyed is not None:
            self._seen[keyed[0]] = (keyed[1], *result)
        return result

    def distinct(self, series: pd.Series) -> int:
        """Like `series.nunique()`."""
        if series.dtype == object:  # None and NaN may both occur: count as pandas does
            return int(series.nunique())
        with_missing, has_missing = self._count(series)
        return with_missing - int(has_missing)

    def all_different(self, series: pd.Series) -> bool:
        """Like `series.is_unique`: no value (missing included) occurs twice."""
        if series.dtype == object:
            return bool(series.is_unique)
        return self._count(series)[0] == len(series)
