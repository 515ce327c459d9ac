"""Read the arguments of a question: columns, measures, numbers, time windows, values.

Every slot is matched against the real schema: a concept is kept only if the workspace
has the column; unknown words after "by" are passed on as written so the tool can say
which columns exist ("There is no column 'planet'. Did you mean …?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from assistant.brains.local.concepts import concepts_in
from assistant.brains.local.context import Schema
from assistant.brains.local.lexicon import (
    COLUMN_WORDS,
    MEASURE_WORDS,
    PLACE_NAMES,
    PLACE_WORDS_ZH,
    VALUE_WORDS_ZH,
)
from assistant.brains.local.words import contains_word

_CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = r"[0-9A-Za-z_\u00c0-\u024f-]"
"""A letter of a Latin-script word: a value is a whole word of these (a Chinese character
beside it, as in 在App下单, is no part of the word)."""
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}
_PERSONAL_ROLES = {"email", "phone", "person_name", "text", "identifier"}
PERIODS = ("month", "quarter", "weekday", "season")
_AGGREGATES = ("revenue", "orders", "avg_order_value", "recency_days", "tenure_days")
_PLACES = ("country", "region", "city")
_NOT_COLUMNS = ("segment", "segments", "value", "number of customers", "customers", "count",
                "customer", "order", "person", "head", "buyer")
"""Words after "per" or "by" that name no column: "average basket per order"."""


def is_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


_EN_DIGITS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "twelve": 12}
_COUNTED = r"(?=\s+(?:\w+\s+)?(?:segments?|groups?|clusters?|personas?|tiers?|buckets?|months?))"


def normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("，", ",").replace("？", "?")
    for word, digit in _EN_DIGITS.items():  # "five groups" → "5 groups"
        text = re.sub(rf"\b{word}\b{_COUNTED}", str(digit), text)
    for zh, digit in _ZH_DIGITS.items():
        text = re.sub(rf"(?<![\d]){zh}(?=[个组类群段月天年])", str(digit), text)
    return text


@dataclass(frozen=True)
class Mention:
    concept: str
    column: str
    at: int


def columns_in(text: str, schema: Schema) -> list[Mention]:
    """Concepts named in the text that this workspace has, in reading order.

    The longest wording wins: "marketing channel" names the acquisition channel, and the
    "channel" inside it is not read a second time as the sales channel.
    """
    spans: list[tuple[int, int, str, str]] = []
    for concept, (words, candidates) in COLUMN_WORDS.items():
        column = concept if concept in PERIODS else next(
            (c for c in candidates if schema.has_column(c)), None)
        if column is None:
            continue
        for word in words:
            at = contains_word(text, word)
            if at >= 0:
                spans.append((at, at + len(word), concept, column))
    for name in {c for ds in schema.columns.values() for c, role in ds.items()
                 if role not in _PERSONAL_ROLES}:
        spoken = name.lower().replace("_", " ")
        at = contains_word(text, spoken) if len(spoken) > 2 else -1
        if at >= 0:
            spans.append((at, at + len(spoken), name, name))
    spans += [(h.at, h.end, h.concept, h.column) for h in concepts_in(text, schema)]
    chosen: list[tuple[int, int, str, str]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if any(span[0] < c[1] and c[0] < span[1] for c in chosen):
            continue
        if any(c[3] == span[3] for c in chosen):
            continue
        chosen.append(span)
    if any(c[2] in _PLACES for c in chosen):  # "which countries do they come from"
        chosen = [c for c in chosen if not (c[2] == "source_channel" and text[c[0]:c[1]] in (
            "come from", "came from"))]
    return [Mention(concept, column, at) for at, _, concept, column in sorted(chosen)]


def measure_in(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for measure, words in MEASURE_WORDS.items():
        for word in words:
            at = contains_word(text, word)
            if at >= 0 and (best is None or len(word) > len(best[1])):
                best = (at, word)
                chosen = measure
    return chosen if best else None


def unknown_by_column(text: str, schema: Schema) -> str | None:
    """The word after "by"/"per" (or "average X of") when it names no column we know."""
    match = re.search(r"\b(?:by|per|across|for each)\s+([a-z][a-z_ ]{1,30}?)(?:\s+and\b|[?.!,]|$)",
                      text) or re.search(
        r"\b(?:average|mean|median|distribution of|spread of)\s+([a-z][a-z_ ]{2,30}?)\s+"
        r"(?:of|for|among|across)\b", text) or re.search(
        r"按([\u3400-\u9fff]{1,6}?)(?:显示|统计|细分|分组|看)", text)
    if not match:
        return None
    word = match.group(1).strip()
    if columns_in(word, schema) or measure_in(word) or word in _NOT_COLUMNS:
        return None
    return word


def number_before(text: str, nouns: str) -> int | None:
    match = re.search(rf"(\d+)\s*-?\s*(?:(?:customer|distinct|different|separate)s?\s+)?"
                      rf"(?:{nouns})", text)
    return int(match.group(1)) if match else None


def percent_in(text: str) -> float | None:
    match = re.search(r"(\d+(?:\.\d+)?)\s*(?:%|percent|个百分点)", text)
    return float(match.group(1)) if match else None


def months_ahead(text: str) -> int | None:
    match = re.search(r"(?:next|coming|over|future|未来)\s*(\d+)\s*(?:months?|个月|月)", text)
    if match:
        return int(match.group(1))
    if re.search(r"next year|coming year|明年|未来一年", text):
        return 12
    return None


@dataclass(frozen=True)
class Window:
    start: str | None
    end: str | None
    days: int | None = None


def window_in(text: str, schema: Schema) -> Window | None:
    """A time window relative to the data's last order date (not today's date)."""
    last = schema.last_date if schema.last_date is not None else pd.Timestamp.today()
    day = pd.Timedelta(days=1)
    match = re.search(r"(?:last|past|recent|最近|过去)\s*(\d+)\s*"
                      r"(days?|weeks?|months?|years?|天|周|个月|月|年)", text)
    if match:
        n, unit = int(match.group(1)), match.group(2)
        days = n * (7 if unit[0] in "w周" else 30 if unit[0] in "m个月" else
                    365 if unit[0] in "y年" else 1)
        return Window(_iso(last - pd.Timedelta(days=days) + day), _iso(last), days)
    match = re.search(r"(?:q([1-4])\s*(20\d\d)|(20\d\d)\s*(?:年)?\s*(?:q|第)([1-4一二三四])"
                      r"(?:\s*季度)?)", text)
    if match:
        quarter = match.group(1) or match.group(4)
        year = int(match.group(2) or match.group(3))
        q = int(_ZH_DIGITS.get(quarter, quarter))
        start = pd.Timestamp(year=year, month=3 * q - 2, day=1)
        return Window(_iso(start), _iso(start + pd.offsets.QuarterEnd(0)))
    match = re.search(r"since\s+(20\d\d-\d\d-\d\d|20\d\d)", text)
    if match:
        return Window(match.group(1) if "-" in match.group(1) else f"{match.group(1)}-01-01", None)
    if re.search(r"\blast year\b|去年", text):
        year = last.year - 1
        return Window(f"{year}-01-01", f"{year}-12-31")
    if re.search(r"\bthis year\b|今年", text):
        return Window(f"{last.year}-01-01", _iso(last))
    match = re.search(r"(?:\bin|during|for)\s+(20\d\d)\b|(20\d\d)\s*年", text)
    if match:
        year = match.group(1) or match.group(2)
        return Window(f"{year}-01-01", f"{year}-12-31")
    return None


def _iso(when: pd.Timestamp) -> str:
    return when.strftime("%Y-%m-%d")


def values_in(text: str, schema: Schema) -> list[tuple[str, str, str]]:
    """Category values named in the text: (dataset, column, value), in reading order.

    "Californian" names California; Chinese names of common values are understood.
    """
    return [value for _, _, value in _values_found(text, schema)]


def values_at(text: str, schema: Schema) -> list[tuple[int, int, str, str]]:
    """(start, end, column, value as stored) of every category value the text names, in
    reading order; positions are the text's own (德国 is where 德国 is written)."""
    return [(a, b, column, value) for a, b, (_, column, value) in _values_found(text, schema)]


def filter_values_at(text: str, schema: Schema) -> list[tuple[int, int, str, str]]:
    """The values of `values_at` that can choose customers: those of the customers' and
    orders' own columns (a ticket topic or a review's word is what is talked about, not who),
    and not a word that names a column itself ('education' is the column, not the industry
    value 'Education')."""
    tables = {schema.customers, schema.orders} - {None}
    names = {c.lower().replace("_", " ") for t in tables for c in schema.columns.get(t, {})}
    return [(a, b, column, value) for a, b, (dataset, column, value)
            in _values_found(text, schema)
            if dataset in tables and value.lower() not in names]


def _values_found(text: str, schema: Schema) -> list[tuple[int, int, tuple[str, str, str]]]:
    found: list[tuple[int, int, tuple[str, str, str]]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    words = [*VALUE_WORDS_ZH.items(), *PLACE_WORDS_ZH.items()]
    for zh, english_names in sorted(words, key=lambda n: -len(n[0])):
        stored = next((e.lower() for e in english_names if e.lower() in schema.values), None)
        if stored is None:
            continue
        for match in re.finditer(re.escape(zh), text):
            if free(match.start(), match.end()):
                taken.append((match.start(), match.end()))
                found.append((match.start(), match.end(), schema.values[stored]))
                break
    for low in sorted(schema.values, key=len, reverse=True):
        match = re.search(rf"(?<!{LATIN}){re.escape(low)}(?:n|ns|s)?(?!{LATIN})", text)
        if not match or not free(match.start(), match.end()):
            continue
        taken.append((match.start(), match.end()))
        found.append((match.start(), match.end(), schema.values[low]))
    return sorted(found, key=lambda item: item[0])


def absent_places(text: str, schema: Schema) -> list[str]:
    """Places the question names that the data holds no customer of, as the question
    writes them ('Japan', '日本')."""
    missing = []
    for place in PLACE_NAMES:
        if place.lower() not in schema.values and re.search(
                rf"(?<!{LATIN}){re.escape(place.lower())}(?!{LATIN})", text):
            missing.append(place)
    chinese = {zh: n for zh, n in VALUE_WORDS_ZH.items() if n[0] in PLACE_NAMES} | PLACE_WORDS_ZH
    for zh, english in chinese.items():
        if zh in text and not any(e.lower() in schema.values for e in english) and \
                english[0] in PLACE_NAMES:
            missing.append(zh)
    return missing


def place_columns(schema: Schema) -> dict[str, list[str]]:
    """Columns holding places (a value is a known place name) → their stored values."""
    known = {p.lower() for p in PLACE_NAMES}
    holding = {column for low, (_, column, _) in schema.values.items() if low in known}
    return {column: sorted(value for _, col, value in schema.values.values() if col == column)
            for column in holding}
