"""Read dates written as text, deciding day/month order from the evidence of the whole column.

`scan_dates` matches every value against the shapes dates are written in (see
`date_shapes`) and collects the evidence for 03/04-style dates: a first number above
12 can only be a day (day-first), a second number above 12 only a day (month-first).
`DateScan.read` then builds the timestamps with the order the evidence, the
marketer's setting, the file's other date columns or a stated default gives.
Nothing loops over values in Python, so a 10-million-row column takes seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tools.ingest.date_shapes import (
    PATTERNS,
    SEPARATORS,
    ShapeMatch,
    build_timestamps,
    match_plain_iso,
    match_shape,
    number_kind,
    number_timestamps,
)

Order = Literal["day_first", "month_first"]
Evidence = Literal["day_first", "month_first", "mixed", "ambiguous"]
_TEXT_SHAPES = ("year_first", "year_last", "day_month_name", "month_name_day", "compact")
_SAMPLE = 1000
_YEAR_FIRST_LABELS = ["YYYY-MM-DD", "YYYY/MM/DD", "YYYY.MM.DD", "YYYY年MM月DD日"]
_YEAR_MONTH_LABELS = ["YYYY-MM", "YYYY/MM", "YYYY.MM", "YYYY年MM月"]
_NAME_LABELS = {"day_month_name": "DD Mon YYYY", "month_name_day": "Mon DD, YYYY"}
ORDER_WORDS = {"day_first": "day/month", "month_first": "month/day"}


@dataclass
class DateReading:
    """A column read as dates, and what the marketer should know about how."""

    values: pd.Series  # datetime64[ns], NaT where a value could not be read
    formats: dict[str, int]  # format label → how many values had it
    examples: dict[str, str]  # format label → one value as written
    unparsed: int
    unparsed_examples: list[str]
    evidence: Evidence | None  # for dd/mm-or-mm/dd dates only
    order: Order | None  # the order used for values the data does not settle
    order_counts: dict[str, int] = field(default_factory=dict)  # decided by the value itself
    order_examples: dict[str, str] = field(default_factory=dict)
    time_zones: bool = False
    has_time: bool = False

    @property
    def parsed(self) -> int:
        return int(self.values.notna().sum())

    @property
    def share(self) -> float:
        total = self.parsed + self.unparsed
        return self.parsed / total if total else 0.0

    def describe(self) -> str:
        """The formats used, most common first: 'MM/DD/YY HH:MM'."""
        ranked = sorted(self.formats, key=lambda k: -self.formats[k])
        suffix = " HH:MM" if self.has_time else ""
        return " + ".join(f"{label}{suffix}" for label in ranked)


@dataclass
class DateScan:
    """Every value of a column matched to a date shape; read it with `read`."""

    index: pd.Index
    text: pa.Array
    matches: list[ShapeMatch]
    unmatched: np.ndarray  # positions no shape fits

    @property
    def matched(self) -> int:
        return sum(len(m.rows) for m in self.matches)

    @property
    def share(self) -> float:
        return self.matched / len(self.index) if len(self.index) else 0.0

    def _year_last(self) -> ShapeMatch | None:
        return next((m for m in self.matches if m.shape == "year_last"), None)

    @property
    def evidence(self) -> Evidence | None:
        """What the 03/04-style values say about their order, across the whole column."""
        match = self._year_last()
        if match is None or not len(match.rows):
            return None
        a, b = match.parts["a"], match.parts["b"]
        day_first = bool(((a > 12) & (b <= 12)).any())
        month_first = bool(((b > 12) & (a <= 12)).any())
        if day_first and month_first:
            return "mixed"
        if day_first or month_first:
            return "day_first" if day_first else "month_first"
        return "ambiguous"

    def default_order(self) -> Order:
        """How people usually mean 03/04/2024: month first with '/', day first with '.' or '-'."""
        match = self._year_last()
        if match is None or match.separators is None or not len(match.separators):
            return "month_first"
        common = int(np.bincount(match.separators).argmax())
        return "month_first" if SEPARATORS[common] == "/" else "day_first"

    def read(self, order: Order) -> DateReading:
        """Timestamps for every value; `order` is used only where the value does not settle it."""
        stamps = np.full(len(self.index), np.datetime64("NaT", "ns"))
        formats: dict[str, int] = {}
        examples: dict[str, str] = {}
        order_counts: dict[str, int] = {}
        order_examples: dict[str, str] = {}
        zones = has_time = False
        for match in self.matches:
            built, codes, words = self._build(match, order)
            stamps[match.rows] = built
            codes = np.where(np.isnat(built), len(words), codes)  # unread values: no format
            counts = np.bincount(codes, minlength=len(words) + 1)
            for code in np.flatnonzero(counts[:-1]):
                label = words[code]
                formats[label] = formats.get(label, 0) + int(counts[code])
                first = match.rows[int(np.argmax(codes == code))]
                examples.setdefault(label, self._example(first))
            zones = zones or match.has_zones
            has_time = has_time or match.has_time
            if match.shape == "year_last":
                order_counts, order_examples = self._decided_by_value(match)
        failed = np.isnat(stamps)
        failed_positions = np.flatnonzero(failed)
        return DateReading(
            values=pd.Series(stamps, index=self.index, dtype="datetime64[ns]"),
            formats=formats,
            examples=examples,
            unparsed=int(failed.sum()),
            unparsed_examples=[self._example(p) for p in failed_positions[:3]],
            evidence=self.evidence,
            order=order if self._year_last() is not None else None,
            order_counts=order_counts,
            order_examples=order_examples,
            time_zones=zones,
            has_time=has_time,
        )

    def _build(self, match: ShapeMatch, order: Order) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Timestamps, and a format code per value with the words for each code."""
        parts, size = match.parts, len(match.rows)
        if match.shape == "number":
            kind = number_kind(parts["num"])
            if kind is None:
                return np.full(size, np.datetime64("NaT", "ns")), np.zeros(size, np.int64), [""]
            return number_timestamps(parts["num"], kind), np.zeros(size, np.int64), [kind]
        if match.shape == "year_last":
            a, b = parts["a"], parts["b"]
            day_first = (a > 12) | ((b <= 12) & (order == "day_first"))
            days, months = np.where(day_first, a, b), np.where(day_first, b, a)
            built = build_timestamps(parts["Y"], months, days, parts, match.zone_minutes)
            codes = (
                day_first.astype(np.int64) * 8
                + match.separators.astype(np.int64) * 2
                + (parts["Y"] < 100).astype(np.int64)
            )
            return built, codes, _YEAR_LAST_LABELS
        if match.stamps is not None:
            built = match.stamps
        else:
            days = parts["d"] if "d" in parts else np.ones(size, np.int64)  # a month: its 1st
            built = build_timestamps(parts["Y"], parts["m"], days, parts, match.zone_minutes)
        if match.shape == "year_first":
            return built, match.separators.astype(np.int64), _YEAR_FIRST_LABELS
        if match.shape == "year_month":
            return built, match.separators.astype(np.int64), _YEAR_MONTH_LABELS
        label = "YYYYMMDD" if match.shape == "compact" else _NAME_LABELS[match.shape]
        return built, np.zeros(size, np.int64), [label]

    def _decided_by_value(self, match: ShapeMatch) -> tuple[dict[str, int], dict[str, str]]:
        """How many values can only be day/month, only month/day, or either."""
        a, b = match.parts["a"], match.parts["b"]
        groups = {
            "day_first": (a > 12) & (b <= 12),
            "month_first": (b > 12) & (a <= 12),
            "either": (a <= 12) & (b <= 12),
        }
        counts = {k: int(v.sum()) for k, v in groups.items() if v.any()}
        examples = {
            k: self._example(match.rows[int(np.argmax(v))]) for k, v in groups.items() if v.any()
        }
        return counts, examples

    def _example(self, position: int) -> str:
        return str(self.text[int(position)].as_py())


def _year_last_words() -> list[str]:
    """'DD/MM/YYYY', 'MM-DD-YY', …, indexed by day-first × 8 + separator × 2 + short year."""
    words = []
    for code in range(16):
        first, second = ("DD", "MM") if code >= 8 else ("MM", "DD")
        sep = SEPARATORS[(code % 8) // 2]
        year = "YY" if code % 2 else "YYYY"
        words.append(f"{first}{sep}{second}{sep}{year}")
    return words


_YEAR_LAST_LABELS = _year_last_words()


def scan_dates(
    values: pd.Series, numbers: bool = False, sample_only: bool = False, months: bool = False
) -> DateScan:
    """Match every value (missing ones excluded) to a date shape.

    `numbers` allows Excel serial numbers and Unix times: only when the column's name
    or the marketer says it holds dates, since plain numbers are usually quantities.
    `months` allows year-month values ('2024-03', read as the 1st), also only on a
    date-like name: '2024-12' alone could be many things.
    `sample_only` looks at the first values, a quick test of whether a column is dates.
    """
    present = values.dropna()
    if sample_only:
        present = present.head(_SAMPLE)
    text = pc.utf8_trim_whitespace(_as_arrow_text(present))
    shapes = [*_TEXT_SHAPES, *(["year_month"] if months else []), *(["number"] if numbers else [])]
    head = text.slice(0, _SAMPLE)
    hits = {s: _count_matches(head, s) for s in shapes}
    ordered = sorted(shapes, key=lambda s: -hits[s])  # the column's own shape first
    remaining, taken = np.arange(len(text)), np.zeros(len(text), dtype=bool)
    matches = []
    if ordered[0] == "year_first":
        quick = match_plain_iso(text, remaining)
        if quick is not None:
            matches.append(quick)
            taken[quick.rows] = True
            remaining = np.flatnonzero(~taken)
    for shape in ordered:
        if not len(remaining):
            break
        subset = text if len(remaining) == len(text) else text.take(pa.array(remaining))
        match = match_shape(shape, subset, remaining)
        if not len(match.rows):
            continue
        matches.append(match)
        taken[match.rows] = True
        remaining = np.flatnonzero(~taken)
    if not numbers:  # compact 20240305 counts only when every value has that shape
        compact = next((m for m in matches if m.shape == "compact"), None)
        if compact is not None and len(compact.rows) < len(text):
            matches.remove(compact)
            remaining = np.sort(np.concatenate([remaining, compact.rows]))
    return DateScan(present.index, text, matches, remaining)


def _count_matches(text: pa.Array, shape: str) -> int:
    return int(pc.sum(pc.is_valid(pc.extract_regex(text, PATTERNS[shape]))).as_py() or 0)


def _as_arrow_text(values: pd.Series) -> pa.Array:
    """The values as one Arrow string array, without copying Arrow-backed text."""
    dtype = values.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        data = pa.array(values.array)
        if isinstance(data, pa.ChunkedArray):
            data = data.combine_chunks()
        return data.cast(pa.large_string())
    return pa.array(values.astype(str).to_numpy(dtype=object), type=pa.large_string())


def looks_like_dates(values: pd.Series) -> bool:
    """Nine in ten of the first values have a date shape (text dates only, not numbers)."""
    return scan_dates(values, sample_only=True).share > 0.9


def choose_order(
    scan: DateScan,
    setting: str,
    file_hint: Order | None,
    hint_source: str = "the other date columns in this file",
) -> tuple[Order, str]:
    """The order for values the data does not settle, and where that choice came from."""
    evidence = scan.evidence
    if evidence in ("day_first", "month_first"):
        return evidence, "the dates themselves"
    if setting in ("day_first", "month_first"):
        return setting, "your date order setting"  # type: ignore[return-value]
    if evidence == "mixed":
        decided = scan.read("month_first").order_counts
        if decided.get("day_first", 0) >= decided.get("month_first", 0):
            return "day_first", "most of the dates that settle it"
        return "month_first", "most of the dates that settle it"
    if file_hint is not None:
        return file_hint, hint_source
    separator = "'/'" if scan.default_order() == "month_first" else "'.' or '-'"
    return scan.default_order(), f"the usual reading of dates written with {separator}"


def file_order_hint(scans: list[DateScan]) -> Order | None:
    """The order the file's decisive date columns agree on, if they agree."""
    seen = {s.evidence for s in scans} & {"day_first", "month_first"}
    return seen.pop() if len(seen) == 1 else None  # type: ignore[return-value]
