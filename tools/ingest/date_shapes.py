"""The shapes dates are written in, matched on whole columns with Arrow's regex engine.

Each shape is one anchored pattern with named parts (year, month, day, time, zone).
Matching a column gives numbers per row, and timestamps are built from those numbers
with numpy: no Python loop over values, no per-value format guessing. Which of two
numbers is the day and which the month is decided by the caller from the whole column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_REST = r"(?P<rest>.*)$"  # a time and zone, read by a second, simpler pass
_QUICK_TIME = r"^(?:\s*T\s*|\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?$"
_TIME = (
    r"^(?:\s*T\s*|\s+)?(?:(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<F>\d{1,9}))?)?"
    r"\s*(?P<P>[AaPp]\.?[Mm]\.?)?)?"
    r"\s*(?P<Z>Z|UTC|GMT|[+-]\d{2}:?\d{2})?$"
)
_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"

# name → pattern; 'a' and 'b' are the two small numbers of 03/04/2024 (order undecided).
PATTERNS: dict[str, str] = {
    "year_first": (
        r"^(?P<Y>\d{4})(?P<sep>[-/.]|年)(?P<m>\d{1,2})(?:[-/.]|月)(?P<d>\d{1,2})日?" + _REST
    ),
    "year_last": (r"^(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})[-/.](?P<Y>\d{4}|\d{2})" + _REST),
    "day_month_name": (
        r"^(?P<d>\d{1,2})" + _ORDINAL + r"[ -]" + _MONTH + r",?[ -](?P<Y>\d{4}|\d{2})" + _REST
    ),
    "month_name_day": (
        r"^(?:[A-Za-z]{3,9},?\s+)?"
        + _MONTH
        + r"[ -](?P<d>\d{1,2})"
        + _ORDINAL
        + r",?[ -](?P<Y>\d{4})"
        + _REST
    ),
    "compact": r"^(?P<Y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])$",
    "year_month": r"^(?P<Y>\d{4})(?P<sep>[-/.]|年)(?P<m>\d{1,2})月?$",
    "number": r"^(?P<num>\d+(?:\.\d+)?)$",
}
SEPARATORS = ["-", "/", ".", "年"]
_MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_EPOCH = np.datetime64("1970-01-01T00:00:00", "ns")
_EXCEL_EPOCH = np.datetime64("1899-12-30T00:00:00", "ns")
# Plausible numeric dates: Excel serials 1954–2064, Unix seconds and milliseconds 1973–2099.
NUMBER_RANGES = {
    "Excel serial number": (20_000.0, 60_000.0),
    "Unix time (seconds)": (1e8, 4.1e9),
    "Unix time (milliseconds)": (1e11, 4.1e12),
}
FIRST_YEAR, LAST_YEAR = 1900, 2100


@dataclass
class ShapeMatch:
    """The rows of a column one shape matched, with their parts as numbers."""

    shape: str
    rows: np.ndarray  # positions in the column
    parts: dict[str, np.ndarray]  # int64 per row; -1 where a part is absent
    separators: np.ndarray | None = None  # index into SEPARATORS per row
    zone_minutes: np.ndarray | None = None  # minutes east of UTC; None when no zone is written
    stamps: np.ndarray | None = None  # timestamps already built (the plain ISO quick path)
    timed: bool = False  # some value has a time of day
    zoned: bool = False  # some value has a time zone

    @property
    def has_time(self) -> bool:
        return self.timed or bool("H" in self.parts and (self.parts["H"] >= 0).any())

    @property
    def has_zones(self) -> bool:
        return self.zoned or self.zone_minutes is not None


# Plain ISO 8601 ('2024-03-05', '2024-03-05T14:30:00.5+08:00'): pandas reads it in C.
_PLAIN_ISO = (
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_ISO_ZONE = r"(?:Z|[+-]\d{2}:?\d{2})$"


def match_plain_iso(text: pa.Array, rows: np.ndarray) -> ShapeMatch | None:
    """The quick path for the commonest export format; None when no value has it.

    Only values of exactly this shape are taken, so pandas' ISO reader (which also
    accepts '2024' or '2024-03') never decides anything the regular shapes would not.
    Zones are converted to UTC as the regular path does; the same year range applies.
    """
    plain = pc.match_substring_regex(text, _PLAIN_ISO).to_numpy(zero_copy_only=False)
    plain = plain.astype(bool)
    if not plain.any():
        return None
    chosen = text.filter(pa.array(plain))
    parsed = pd.to_datetime(
        pd.Series(chosen.to_pandas(types_mapper=_text_dtype)),
        format="ISO8601",
        errors="coerce",
        utc=True,
    )
    stamps = parsed.dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
    years = parsed.dt.year.to_numpy(dtype="float64", na_value=np.nan)
    stamps = np.where((years >= FIRST_YEAR) & (years <= LAST_YEAR), stamps, np.datetime64("NaT"))
    return ShapeMatch(
        "year_first",
        rows[plain],
        {},
        separators=np.zeros(len(chosen), dtype=np.int8),
        stamps=stamps.astype("datetime64[ns]"),
        timed=bool(pc.any(pc.greater(pc.utf8_length(chosen), 10)).as_py()),
        zoned=bool(pc.any(pc.match_substring_regex(chosen, _ISO_ZONE)).as_py()),
    )


def _text_dtype(arrow_type: pa.DataType) -> pd.StringDtype | None:
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype("pyarrow")
    return None


def match_shape(shape: str, text: pa.ChunkedArray | pa.Array, rows: np.ndarray) -> ShapeMatch:
    """Match one shape against `text` (the values at positions `rows`)."""
    found = pc.extract_regex(text, PATTERNS[shape])
    hit = pc.is_valid(found).to_numpy(zero_copy_only=False).astype(bool)
    if isinstance(found, pa.ChunkedArray):
        found = found.combine_chunks() if found.num_chunks != 1 else found.chunk(0)
    found = found.filter(pa.array(hit))
    names = [found.type.field(i).name for i in range(found.type.num_fields)]
    fields = {name: found.field(name) for name in names}
    parts = {name: _as_ints(fields[name]) for name in names if name in _NUMERIC_PARTS}
    zones = None
    if "rest" in fields:
        times, zones, timed = _read_times(fields["rest"])
        parts.update(times)
        if not timed.all():  # text after the date that is not a time: not this shape
            keep = pa.array(timed)
            fields = {name: values.filter(keep) for name, values in fields.items()}
            parts = {name: values[timed] for name, values in parts.items()}
            zones = None if zones is None else zones[timed]
            hit[np.flatnonzero(hit)[~timed]] = False
    for absent in ("H", "M", "S", "F"):
        parts.setdefault(absent, np.full(len(hit.nonzero()[0]), -1, dtype=np.int64))
    if "mon" in fields:
        parts["m"] = _month_numbers(fields["mon"])
    if "num" in fields:
        parts["num"] = pc.cast(fields["num"], pa.float64()).to_numpy(zero_copy_only=False)
    separators = None
    if "sep" in fields:
        codes = pc.index_in(fields["sep"].cast(pa.string()), value_set=pa.array(SEPARATORS))
        separators = pc.fill_null(codes, 0).to_numpy(zero_copy_only=False).astype(np.int8)
    return ShapeMatch(shape, rows[hit], parts, separators, zones)


def _read_times(rest: pa.Array) -> tuple[dict[str, np.ndarray], np.ndarray | None, np.ndarray]:
    """Hours, minutes, seconds, nanoseconds and zone from the text after a date.

    Most exports write plain 'HH:MM[:SS]', which a simple pattern reads quickly; only the
    rest (AM/PM, fractions, zones) goes through the full pattern. Returns the parts (-1
    where absent), minutes east of UTC (None if no zone is written) and which rows are
    a date with nothing after it or a readable time.
    """
    size = len(rest)
    parts = {k: np.full(size, -1, dtype=np.int64) for k in ("H", "M", "S", "F")}
    written = pc.not_equal(pc.utf8_trim_whitespace(rest), "")
    written = written.to_numpy(zero_copy_only=False).astype(bool)
    timed = ~written
    if not written.any():
        return parts, None, timed
    positions = np.flatnonzero(written)
    subset = rest.filter(pa.array(written))
    quick = pc.extract_regex(subset, _QUICK_TIME)
    quick_ok = pc.is_valid(quick).to_numpy(zero_copy_only=False).astype(bool)
    if quick_ok.any():
        found = quick.filter(pa.array(quick_ok))
        for key in ("H", "M", "S"):
            parts[key][positions[quick_ok]] = _as_ints(found.field(key))
        timed[positions[quick_ok]] = True
    zones = None
    if not quick_ok.all():
        slow_positions = positions[~quick_ok]
        full = pc.extract_regex(subset.filter(pa.array(~quick_ok)), _TIME)
        ok = pc.is_valid(full).to_numpy(zero_copy_only=False).astype(bool)
        found = full.filter(pa.array(ok))
        where = slow_positions[ok]
        hours = _twelve_hour(_as_ints(found.field("H")), found.field("P"))
        parts["H"][where] = hours
        parts["M"][where] = _as_ints(found.field("M"))
        parts["S"][where] = _as_ints(found.field("S"))
        parts["F"][where] = _fraction_ns(found.field("F"))
        timed[where] = True
        offsets = _zone_minutes(found.field("Z"))
        if offsets is not None:
            zones = np.zeros(size, dtype=np.int64)
            zones[where] = offsets
    return parts, zones, timed


_NUMERIC_PARTS = {"Y", "m", "d", "a", "b"}


def _as_ints(part: pa.Array) -> np.ndarray:
    empty = pc.equal(part, "")
    cleaned = pc.if_else(empty, pa.scalar(None, pa.string()), part.cast(pa.string()))
    numbers = pc.cast(cleaned, pa.int64())
    return pc.fill_null(numbers, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def _fraction_ns(part: pa.Array) -> np.ndarray:
    padded = pc.utf8_rpad(part.cast(pa.string()), width=9, padding="0")
    return _as_ints(pc.utf8_slice_codeunits(padded, 0, 9)).clip(min=0)


def _month_numbers(names: pa.Array) -> np.ndarray:
    start = pc.utf8_slice_codeunits(pc.utf8_lower(names.cast(pa.string())), 0, 3)
    index = pc.index_in(start, value_set=pa.array(_MONTH_NAMES))
    return (pc.fill_null(index, -2).to_numpy(zero_copy_only=False).astype(np.int64)) + 1


def _twelve_hour(hours: np.ndarray, marks: pa.Array) -> np.ndarray:
    """1–12 with AM/PM → 0–23; an hour outside 1–12 next to AM/PM is invalid (-2)."""
    lowered = pc.utf8_lower(marks.cast(pa.string()))
    pm = pc.starts_with(lowered, "p").to_numpy(zero_copy_only=False).astype(bool)
    am = pc.starts_with(lowered, "a").to_numpy(zero_copy_only=False).astype(bool)
    out = hours.copy()
    out[(pm | am) & ((hours < 1) | (hours > 12))] = -2
    ok = (hours >= 1) & (hours <= 12)
    out[ok & pm] = hours[ok & pm] % 12 + 12
    out[ok & am] = hours[ok & am] % 12
    return out


def _zone_minutes(zones: pa.Array) -> np.ndarray | None:
    """Minutes east of UTC per row (0 where no zone was written); None if none was."""
    text = zones.cast(pa.string())
    written = pc.not_equal(text, "").to_numpy(zero_copy_only=False).astype(bool)
    if not written.any():
        return None
    digits = pc.replace_substring(text, ":", "")
    is_offset = pc.match_substring_regex(digits, r"^[+-]\d{4}$")
    hours = _as_ints(pc.if_else(is_offset, pc.utf8_slice_codeunits(digits, 1, 3), ""))
    minutes = _as_ints(pc.if_else(is_offset, pc.utf8_slice_codeunits(digits, 3, 5), ""))
    sign = np.where(pc.starts_with(digits, "-").to_numpy(zero_copy_only=False), -1, 1)
    return np.where(hours >= 0, sign * (hours * 60 + minutes), 0).astype(np.int64)


def build_timestamps(
    years: np.ndarray,
    months: np.ndarray,
    days: np.ndarray,
    parts: dict[str, np.ndarray],
    zone_minutes: np.ndarray | None = None,
) -> np.ndarray:
    """datetime64[ns] from parts; NaT for impossible dates (31 April, hour 25, year 1700)."""
    years = np.where((years >= 0) & (years < 100), np.where(years < 69, 2000, 1900) + years, years)
    hours, minutes, seconds = (np.maximum(parts[k], 0) for k in ("H", "M", "S"))
    valid = (
        (years >= FIRST_YEAR)
        & (years <= LAST_YEAR)
        & (months >= 1)
        & (months <= 12)
        & (days >= 1)
        & (days <= 31)
        & (parts["H"] >= -1)
        & (hours <= 23)
        & (minutes <= 59)
        & (seconds <= 59)
    )
    safe_years = np.where(valid, years, 1970)
    month_index = (safe_years - 1970) * 12 + np.where(valid, months, 1) - 1
    month_start = month_index.astype("datetime64[M]")
    day = month_start.astype("datetime64[D]") + (np.where(valid, days, 1) - 1).astype(
        "timedelta64[D]"
    )
    valid &= day.astype("datetime64[M]") == month_start  # 31 April rolls into May: refuse
    stamp = day.astype("datetime64[ns]") + (
        (hours * 3600 + minutes * 60 + seconds) * 1_000_000_000 + np.maximum(parts["F"], 0)
    ).astype("timedelta64[ns]")
    if zone_minutes is not None:
        stamp = stamp - (zone_minutes * 60_000_000_000).astype("timedelta64[ns]")
    return np.where(valid, stamp, np.datetime64("NaT", "ns"))


def number_timestamps(numbers: np.ndarray, kind: str) -> np.ndarray:
    """Excel serial numbers or Unix times → datetime64[ns].

    Whole and fractional parts are scaled apart, so whole numbers stay exact in integer
    arithmetic; fractions are rounded to the millisecond (Excel keeps no finer time).
    """
    unit_ns = {
        "Excel serial number": 86_400_000_000_000,
        "Unix time (seconds)": 1_000_000_000,
        "Unix time (milliseconds)": 1_000_000,
    }[kind]
    whole = np.floor(numbers)
    fraction_ms = np.round((numbers - whole) * unit_ns / 1_000_000)
    offset = whole.astype(np.int64) * unit_ns + fraction_ms.astype(np.int64) * 1_000_000
    start = _EXCEL_EPOCH if kind == "Excel serial number" else _EPOCH
    return start + offset.astype("timedelta64[ns]")


def number_kind(numbers: np.ndarray) -> str | None:
    """Which numeric date every value fits, if one does."""
    if not len(numbers):
        return None
    low, high = float(np.min(numbers)), float(np.max(numbers))
    for kind, (start, end) in NUMBER_RANGES.items():
        if start <= low and high <= end:
            return kind
    return None
