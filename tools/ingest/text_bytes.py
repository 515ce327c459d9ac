"""Find the few text cells that need a closer look by scanning Arrow's raw UTF-8 bytes.

Trimming and word counting must treat whitespace exactly as Python does, which is slow
cell by cell. A byte scan over a whole column takes milliseconds and never misses a
cell: every Python whitespace character is an ASCII byte up to 0x20 or starts with a
byte of 0x80 or more. Only the cells it flags go through the exact (slow) rules.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

_SPACE_MAX = 0x20  # ASCII whitespace is \t \n \v \f \r, \x1c-\x1f and the space
_NON_ASCII = 0x80  # the other whitespace characters are multi-byte in UTF-8


def arrow_chunks(series: pd.Series) -> list[pa.Array] | None:
    """The Arrow string chunks behind a text column, or None for other storage."""
    dtype = series.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return None
    data = pa.array(series.array)  # Arrow-backed text hands over its chunks, no copy
    if isinstance(data, pa.Array):
        data = pa.chunked_array([data])
    if not (pa.types.is_large_string(data.type) or pa.types.is_string(data.type)):
        return None
    return data.chunks


def _offsets_and_bytes(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    offset_type = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    _, offsets_buffer, data_buffer = chunk.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=offset_type)
    offsets = offsets[chunk.offset : chunk.offset + len(chunk) + 1].astype(np.int64)
    data = (
        np.frombuffer(data_buffer, dtype=np.uint8)
        if data_buffer is not None
        else np.zeros(0, dtype=np.uint8)
    )
    return offsets, data


def _maybe_space(data: np.ndarray) -> np.ndarray:
    return (data <= _SPACE_MAX) | (data >= _NON_ASCII)


def edge_candidates(series: pd.Series) -> np.ndarray | None:
    """Cells that may start or end with whitespace, or are empty; None if not Arrow text."""
    chunks = arrow_chunks(series)
    if chunks is None:
        return None
    flags = []
    for chunk in chunks:
        offsets, data = _offsets_and_bytes(chunk)
        starts, ends = offsets[:-1], offsets[1:]
        empty = ends <= starts
        first = data[np.minimum(starts, max(len(data) - 1, 0))] if len(data) else None
        last = data[np.maximum(ends - 1, 0)] if len(data) else None
        if first is None:
            flag = np.ones(len(chunk), dtype=bool)
        else:
            flag = empty | _maybe_space(first) | _maybe_space(last)
        valid = chunk.is_valid().to_numpy(zero_copy_only=False)
        flags.append(flag & valid)
    return np.concatenate(flags) if flags else np.zeros(0, dtype=bool)


def inner_space_candidates(series: pd.Series) -> np.ndarray | None:
    """Cells that may contain whitespace anywhere, or are empty; None if not Arrow text.

    Every other (non-missing) cell is exactly one word.
    """
    chunks = arrow_chunks(series)
    if chunks is None:
        return None
    flags = []
    for chunk in chunks:
        offsets, data = _offsets_and_bytes(chunk)
        flag = offsets[1:] <= offsets[:-1]
        start, end = offsets[0], offsets[-1]
        positions = np.flatnonzero(_maybe_space(data[start:end])) + start
        if len(positions):
            rows = np.searchsorted(offsets, positions, side="right") - 1
            flag[np.unique(rows)] = True
        valid = chunk.is_valid().to_numpy(zero_copy_only=False)
        flags.append(flag & valid)
    return np.concatenate(flags) if flags else np.zeros(0, dtype=bool)
