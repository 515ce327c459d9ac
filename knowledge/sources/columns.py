"""Find which column of a table holds the text, the id, the customer, the date and the scores.

Why names and values: marketers' exports name these columns in a handful of common ways
(review_text, response_id, NPS), and a name match is easy to explain in the report. But
a file without a header row has only column_1, column_2 …, so the text is also found by
its content: prose is long (CJK characters count as words), made of words (spaces or
CJK), and mostly distinct. Text that repeats across many rows is a catalogue (product
names, campaign labels), and the text of an orders table describes products: neither is
what customers said, so neither is read as feedback unless asked for by name.
"""

from __future__ import annotations

import re

import pandas as pd

from knowledge.documents import SOURCE_TYPES
from knowledge.errors import KnowledgeError
from tools.errors import did_you_mean

PROSE_MIN_MEAN_CHARS = 20  # shorter values are labels or titles, not prose
PROSE_MIN_DISTINCT_SHARE = 0.5  # below this the values repeat: a catalogue, not feedback
PROSE_MIN_WORDY_SHARE = 0.5  # share of values with a space or a CJK character
CJK_WEIGHT = 3  # a CJK character carries about as much as a short word
NOT_PROSE_ROLES = ("email", "phone", "person_name")
ORDER_KEY_ROLES = ("order_id", "transaction_date")
ORDER_MEASURE_ROLES = ("amount", "quantity", "unit_price")
_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
_SAMPLE = 5_000
TEXT_NAMES = (
    "text", "reviewtext", "review", "answer", "comment", "comments", "feedback", "response",
    "transcript", "body", "content", "message", "notes",
)  # fmt: skip
ID_NAMES = ("reviewid", "responseid", "callid", "ticketid", "documentid", "docid", "id")
ID_ROLES = ("identifier", "order_id")
INDEX_NAMES = ("", "unnamed:0", "column1", "index", "rowid", "row")
CUSTOMER_NAMES = ("customerid", "customer", "clientid", "userid")
DATE_ROLES = ("date", "transaction_date", "signup_date")
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


def prose_length(series: pd.Series) -> float:
    """Mean length of the present values, a CJK character counting CJK_WEIGHT characters."""
    present = series.dropna().head(_SAMPLE).astype("string")
    if present.empty:
        return 0.0
    cjk = present.str.count(_CJK)
    return float((present.str.len() + (CJK_WEIGHT - 1) * cjk).mean())


def distinct_share(series: pd.Series) -> float:
    """Distinct present values ÷ present values (1.0: every value differs)."""
    present = series.dropna()
    if present.empty:
        return 0.0
    return float(present.astype("string").nunique() / len(present))


def wordy_share(series: pd.Series) -> float:
    """Share of (a sample of) the values written as words: with a space or a CJK character."""
    present = series.dropna().head(_SAMPLE).astype("string")
    if present.empty:
        return 0.0
    return float(present.str.contains(rf"\s|{_CJK}", regex=True).mean())


def is_order_table(roles: dict[str, str]) -> bool:
    """True for order lines or transactions: an order id or date with an amount or quantity."""
    found = set(roles.values())
    return bool(found & set(ORDER_KEY_ROLES)) and bool(found & set(ORDER_MEASURE_ROLES))


def is_prose(series: pd.Series, role: str | None, named: bool = False) -> bool:
    """Customer-written text by content: long enough, made of words, mostly distinct.

    A column named like feedback (review, comment …) or given the role 'text' need not be
    long; every column must be words, and an unnamed one must not repeat (a catalogue).
    """
    if not is_textual(series) or role in NOT_PROSE_ROLES:
        return False
    if not (named or role == "text" or prose_length(series) >= PROSE_MIN_MEAN_CHARS):
        return False
    if wordy_share(series) < PROSE_MIN_WORDY_SHARE:
        return False
    return named or distinct_share(series) >= PROSE_MIN_DISTINCT_SHARE


def pick_text_column(
    frame: pd.DataFrame, roles: dict[str, str], text_column: str | None, source: str
) -> str:
    """The column of prose: the one asked for, a well-named one, else the longest.

    In an orders table only a column named like feedback is taken by itself: its other
    text (product descriptions) is not what customers said.
    """
    if text_column is not None:
        return require_column(frame, text_column, source, "text column")
    orders = is_order_table(roles)
    lengths = {}
    for column in frame.columns:
        named = normalized(column) in TEXT_NAMES
        if (named or not orders) and is_prose(frame[column], roles.get(str(column)), named):
            lengths[column] = prose_length(frame[column])
    by_name = {normalized(c): c for c in lengths}
    for name in TEXT_NAMES:
        if name in by_name:
            return by_name[name]
    if lengths:
        return max(lengths, key=lambda c: lengths[c])
    names = ", ".join(f"'{c}'" for c in frame.columns)
    if orders:
        raise KnowledgeError(
            f"'{source}' is a table of orders (order ids or dates with amounts or "
            f"quantities); its text describes products, not what customers said (its "
            f"columns are {names}). Load reviews, survey answers or call transcripts as "
            "feedback, or pass text_column to index one of its columns anyway."
        )
    raise KnowledgeError(
        f"'{source}' has no column of customers' text (its columns are {names}; text that "
        "repeats across many rows, such as product names, is not read as feedback). "
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
