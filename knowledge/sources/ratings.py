"""Find the rating or sentiment column of a feedback table by its values, and read it as stars.

Why by values: exports call this column anything (`Rating`, `label`, `polarity`, or
`column_1` in a file without a header row). What it holds is recognisable: star ratings
1-5, scores 0-10 or 1-10, sentiment labels 0/1 or -1/0/1, or words such as
positive/negative, pos/neg, 好评/差评, 正面/负面. Every form is put on one scale, 1-5 stars,
because themes, filters and the rating mix read stars (1-2 stars = unhappy). The form
found and its mapping are stated in the source report, so the marketer can check them.

Mappings (one line each, kept as data):
- stars 1-5: as they are.
- score out of 10: linearly onto 1-5 (0 or 1 → 1 star, 10 → 5 stars).
- sentiment 0/1: 0 (negative) → 1 star, 1 (positive) → 5 stars.
- sentiment -1/0/1: -1 → 1 star, 0 → 3 stars, 1 → 5 stars.
- sentiment words: negative → 1 star, neutral → 3 stars, positive → 5 stars.

A column named like a rating wins when its values fit a form. Otherwise a column is
taken by its values only when it is the only one that fits, since two candidates
(say a 0/1 flag and a 0/1 label) cannot be told apart without asking.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

NEGATIVE, NEUTRAL, POSITIVE = 1.0, 3.0, 5.0
SENTIMENT_WORDS: dict[str, float] = {
    "positive": POSITIVE, "pos": POSITIVE, "好评": POSITIVE, "正面": POSITIVE,
    "积极": POSITIVE, "正向": POSITIVE,
    "negative": NEGATIVE, "neg": NEGATIVE, "差评": NEGATIVE, "负面": NEGATIVE,
    "消极": NEGATIVE, "负向": NEGATIVE,
    "neutral": NEUTRAL, "neu": NEUTRAL, "中评": NEUTRAL, "中性": NEUTRAL,
}  # fmt: skip
RATING_NAMES = (
    "rating", "stars", "star", "starrating", "score", "reviewscore", "sentiment", "polarity",
    "label", "评分", "星级", "评价", "情感", "标签",
)  # fmt: skip
MIN_WORD_SHARE = 0.95  # share of a text column's values that must be sentiment words


@dataclass(frozen=True)
class RatingColumn:
    """A column read as star ratings: its name, the form its values have, and how."""

    column: str
    form: str
    mapping: str

    def stars(self, series: pd.Series) -> pd.Series:
        """The column's values on the 1-5 star scale (unreadable values missing)."""
        return to_stars(series, self.form)

    def describe(self) -> str:
        return f"Ratings from '{self.column}' ({self.form}): {self.mapping}."


FORMS: dict[str, str] = {
    "stars 1-5": "read as stars",
    "score 0-10": "0 → 1 star, 10 → 5 stars (linear)",
    "score 1-10": "1 → 1 star, 10 → 5 stars (linear)",
    "sentiment 0/1": "0 (negative) → 1 star, 1 (positive) → 5 stars",
    "sentiment -1/0/1": "-1 → 1 star, 0 → 3 stars, 1 → 5 stars",
    "sentiment words": "negative → 1 star, neutral → 3 stars, positive → 5 stars",
}


def _normalized(name: object) -> str:
    return "".join(str(name).split()).replace("_", "").replace("-", "").lower()


def _words(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip().str.lower()


def rating_form(series: pd.Series, named: bool = False) -> str | None:
    """Which rating form the values have (see FORMS), or None when they have none.

    Stars need three different values unless the column is named like a rating: two
    codes such as 1/2 are more often a category (gender, channel) than stars.
    """
    present = series.dropna()
    if present.empty:
        return None
    if pd.api.types.is_bool_dtype(present.dtype):
        present = present.astype(int)
    if not pd.api.types.is_numeric_dtype(present.dtype):
        numbers = pd.to_numeric(present.astype("string").str.strip(), errors="coerce")
        if numbers.notna().all():
            present = numbers  # digits kept as text ("1", "0")
    if not pd.api.types.is_numeric_dtype(present.dtype):
        words = _words(present)
        known = words.isin(list(SENTIMENT_WORDS))
        if known.mean() >= MIN_WORD_SHARE and words[known].map(SENTIMENT_WORDS).nunique() >= 2:
            return "sentiment words"
        return None
    values = pd.to_numeric(present, errors="coerce").dropna().to_numpy(dtype=float)
    if values.size == 0:
        return None
    distinct = set(np.unique(values).tolist())
    whole = bool(np.all(values == np.round(values)))
    if distinct <= {0.0, 1.0} and len(distinct) == 2:
        return "sentiment 0/1"
    if whole and distinct <= {-1.0, 0.0, 1.0} and -1.0 in distinct and len(distinct) >= 2:
        return "sentiment -1/0/1"
    low, high = min(distinct), max(distinct)
    halves = bool(np.all(values * 2 == np.round(values * 2)))
    if low >= 1 and high <= 5 and len(distinct) >= (2 if named else 3) and halves:
        return "stars 1-5"
    if whole and high <= 10 and high > 5 and len(distinct) >= 3:
        return "score 0-10" if low == 0 else "score 1-10" if low >= 1 else None
    return None


def to_stars(series: pd.Series, form: str) -> pd.Series:
    """Values of `form` on the 1-5 star scale."""
    if form == "sentiment words":
        return _words(series).map(SENTIMENT_WORDS).astype("float64")
    if pd.api.types.is_bool_dtype(series.dtype):
        series = series.astype("Float64")
    elif not pd.api.types.is_numeric_dtype(series.dtype):
        series = series.astype("string").str.strip()
    values = pd.to_numeric(series, errors="coerce").astype("float64")
    if form == "sentiment 0/1":
        return values.map({0.0: NEGATIVE, 1.0: POSITIVE})
    if form == "sentiment -1/0/1":
        return values.map({-1.0: NEGATIVE, 0.0: NEUTRAL, 1.0: POSITIVE})
    if form == "score 0-10":
        return (1 + values * 4 / 10).round(2)
    if form == "score 1-10":
        return (1 + (values - 1) * 4 / 9).round(2)
    return values


def find_rating_column(frame: pd.DataFrame, exclude: set[str]) -> tuple[RatingColumn | None,
                                                                          list[str]]:
    """The rating column (named first, else the only one whose values fit) and notes."""
    fits = {
        str(column): form
        for column in frame.columns
        if str(column) not in exclude
        and (form := rating_form(frame[column], _normalized(column) in RATING_NAMES))
        is not None
    }
    named = [c for c in fits if _normalized(c) in RATING_NAMES]
    named.sort(key=lambda c: RATING_NAMES.index(_normalized(c)))
    if named:
        return RatingColumn(named[0], fits[named[0]], FORMS[fits[named[0]]]), []
    if len(fits) == 1:
        column, form = next(iter(fits.items()))
        return RatingColumn(column, form, FORMS[form]), []
    if len(fits) > 1:
        shown = ", ".join(f"'{c}'" for c in fits)
        return None, [f"Several columns could hold ratings ({shown}); none was used. "
                      "Rename the rating column to 'rating' to use it."]
    return None, []
