"""Read dates written as text, trying the formats marketers' exports use.

The format is chosen on the first values and then applied to the whole column at
once; values it does not fit are tried with the next-best formats (mixed columns).
"""

from __future__ import annotations

import pandas as pd

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


_COMPACT_DATE = r"^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$"


def looks_like_dates(values: pd.Series) -> bool:
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
