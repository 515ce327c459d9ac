"""Find which column of a table holds the text, the id, the customer, the date and the scores.

Why names before values: marketers' exports name these columns in a handful of common
ways (review_text, response_id, NPS), and a name match is easy to explain in the report.
Values only break ties (the longest text) or rule a column out (a "score" of 0-1000).
"""

from __future__ import annotations

import re

import pandas as pd

from knowledge.documents import SOURCE_TYPES
from knowledge.errors import KnowledgeError
from tools.errors import did_you_mean

PROSE_MIN_MEAN_CHARS = 20  # shorter values are labels or titles, not prose
TEXT_NAMES = (
    "text", "reviewtext", "review", "answer", "comment", "comments", "feedback", "response",
    "transcript", "body", "content", "message", "notes",
)  # fmt: skip
ID_NAMES = ("reviewid", "responseid", "callid", "ticketid", "documentid", "docid", "id")
ID_ROLES = ("identifier", "order_id")
INDEX_NAMES = ("", "unnamed:0", "column1", "index", "rowid", "row")
CUSTOMER_NAMES = ("customerid", "customer", "clientid", "userid")
DATE_ROLES = ("date", "transaction_date", "signup_date")
RATING_NAMES = ("rating", "stars", "star", "starrating", "score", "reviewscore")
NPS_NAMES = ("nps", "npsscore", "likelihoodtorecommend", "recommendscore")
TITLE_NAMES = ("title", "subject", "headline", "summary", "reviewtitle")
LANGUAGE_NAMES = ("language", "lang", "locale")
SCORE_RANGE = (0, 10)
NAMED_ID_UNIQUE_SHARE = 0.9


def normalized(name: object) -> str:
    """'Review Text', 'review_text' and 'review-text' all become 'reviewtext'."""
    return re.sub(r"[\s_\-]+", "", str(name)).lower()


def check_source_type(source_type: str) -> str:
    """The source type in canonical form, or a KnowledgeError that lists the valid ones."""
    value = str(source_type).strip().lower()
    if value in SOURCE_TYPES:
        return value
    if value.rstrip("s") in SOURCE_TYPES:
        return value.rstrip("s")
    raise KnowledgeError(
        f"'{source_type}' is not a source type. Choose one of "
        + ", ".join(f"'{t}'" for t in SOURCE_TYPES)
        + "."
    )


def require_column(frame: pd.DataFrame, column: str, source: str, what: str) -> str:
    """`column` when the table has it; otherwise say which columns exist."""
    if column in frame.columns:
        return column
    names = [str(c) for c in frame.columns]
    raise KnowledgeError(
        f"'{source}' has no column '{column}' to use as the {what}." + did_you_mean(column, names)
    )


def is_textual(series: pd.Series) -> bool:
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return pd.api.types.is_string_dtype(dtype.categories)
    return pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype)


def mean_length(series: pd.Series) -> float:
    """Mean number of characters of the present values (0 for an empty column)."""
    present = series.dropna()
    if present.empty:
        return 0.0
    return float(present.astype("string").str.len().mean())


def pick_text_column(
    frame: pd.DataFrame, roles: dict[str, str], text_column: str | None, source: str
) -> str:
    """The column of prose: the one asked for, a well-named one, else the longest."""
    if text_column is not None:
        return require_column(frame, text_column, source, "text column")
    lengths = {}
    for column in frame.columns:
        if not is_textual(frame[column]):
            continue
        length = mean_length(frame[column].head(5_000))
        if roles.get(str(column)) == "text" or length >= PROSE_MIN_MEAN_CHARS:
            lengths[column] = length
    by_name = {normalized(c): c for c in lengths}
    for name in TEXT_NAMES:
        if name in by_name:
            return by_name[name]
    if lengths:
        return max(lengths, key=lambda c: lengths[c])
    names = ", ".join(f"'{c}'" for c in frame.columns)
    raise KnowledgeError(
        f"'{source}' has no column of text (its columns are {names}). "
        "Pass text_column with the name of the column that holds the words."
    )


def id_strings(series: pd.Series) -> pd.Series:
    """Ids as trimmed strings; whole floats lose their '.0' (1.0 → '1')."""
    if pd.api.types.is_float_dtype(series.dtype):
        present = series.dropna()
        if (present == present.round()).all():
            series = series.astype("Int64")
    return series.astype("string").str.strip().replace("", pd.NA)


def pick_id_column(frame: pd.DataFrame, roles: dict[str, str], exclude: set[str]) -> str | None:
    """A column whose values name each row once: an id by name or role, else a row index.

    A column named like an id (review_id, call_id …) may repeat a few values (an export
    that listed a row twice); the repeats are dropped later and reported.
    """
    named = {normalized(c): c for c in frame.columns if c not in exclude}
    for column in (named[n] for n in ID_NAMES if n in named):
        values = id_strings(frame[column])
        if values.notna().all() and values.nunique() >= NAMED_ID_UNIQUE_SHARE * len(values):
            return column
    candidates = [c for c in frame.columns if roles.get(str(c)) in ID_ROLES and c not in exclude]
    candidates += [
        named[n]
        for n in INDEX_NAMES
        if n in named and pd.api.types.is_integer_dtype(frame[named[n]].dtype)
    ]
    for column in candidates:
        values = id_strings(frame[column])
        if values.notna().all() and values.is_unique:
            return column
    return None


def pick_customer_column(
    frame: pd.DataFrame, roles: dict[str, str], exclude: set[str | None]
) -> str | None:
    """The customer id column by role, else by name (never the document id column)."""
    by_role = [c for c in frame.columns if roles.get(str(c)) == "customer_id" and c not in exclude]
    if by_role:
        return by_role[0]
    return pick_named(frame, CUSTOMER_NAMES, {c for c in exclude if c is not None})


def pick_named(frame: pd.DataFrame, names: tuple[str, ...], exclude: set[str]) -> str | None:
    """The first column (in `names` order) whose normalised name is one of `names`."""
    by_name = {normalized(c): c for c in frame.columns if c not in exclude}
    return next((by_name[n] for n in names if n in by_name), None)


def pick_score_column(frame: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    """A numeric column named like a score whose values all lie within 0-10."""
    column = pick_named(frame, names, set())
    if column is None or pd.api.types.is_bool_dtype(frame[column].dtype):
        return None
    values = pd.to_numeric(frame[column], errors="coerce").dropna()
    if values.empty or values.min() < SCORE_RANGE[0] or values.max() > SCORE_RANGE[1]:
        return None
    return column


def as_dates(series: pd.Series) -> pd.Series:
    """Dates without time zone (UTC when the source had one); unreadable values missing."""
    if not pd.api.types.is_datetime64_any_dtype(series.dtype):
        series = pd.to_datetime(series.astype("string"), errors="coerce", format="mixed")
    if getattr(series.dt, "tz", None) is not None:
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    return series


def pick_date_column(frame: pd.DataFrame, roles: dict[str, str]) -> str | None:
    """A date column by role or type first, else by name when most values read as dates."""
    for column in frame.columns:
        if roles.get(str(column)) in DATE_ROLES or pd.api.types.is_datetime64_any_dtype(
            frame[column].dtype
        ):
            return column
    for column in frame.columns:
        name = normalized(column)
        if "date" in name or name.startswith(("created", "time")):
            present = frame[column].dropna().head(1_000)
            if len(present) and as_dates(present).notna().mean() >= 0.5:
                return column
    return None
