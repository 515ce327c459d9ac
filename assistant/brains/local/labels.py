"""Words of a question matched to the customers table's own columns, by their names' words.

"churn" finds the yes/no column about churn (named Churn, Exited, Attrition, churned …),
"retained" its other side; "monthly charge" finds MonthlyCharges and "payment method"
PaymentMethod. Column names are split into words (`name_tokens`) and compared with the
question's words (English words singularised; Chinese words through a small dictionary
of common CRM terms), so the match follows the workspace's schema, whatever it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.brains.local.context import Schema
from assistant.brains.local.flags import Flag
from assistant.brains.local.lexicon import LABEL_CONCEPTS, MONEY_TOKENS, ZH_COLUMN_TOKENS
from assistant.brains.local.slots import contains_word
from assistant.wording import spoken
from tools.ingest.naming import name_tokens

GENERIC_TOKENS = frozenset({"id", "type", "status", "total", "number", "num", "count", "is",
                            "has", "flag", "date", "code", "of", "the", "customer", "client",
                            "user", "rate", "value", "level", "k", "no", "yes", "by", "per"})
"""Name words too common to name a column on their own ('status' in 'churn status')."""
NEGATION = re.compile(r"\b(?:not|never|didn't|did not|haven't|hasn't|non)[- ]?$|[没未不]有?$")


def stem(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and len(word) > 3 and not word.endswith("ss"):
        return word[:-1]
    return word


_GENERIC = frozenset(stem(w) for w in GENERIC_TOKENS)
_MONEY = frozenset(stem(w) for w in MONEY_TOKENS)


def words_of(text: str) -> list[tuple[str, int, int]]:
    """The question's words (singular) with their spans; Chinese terms as English words."""
    found = [(stem(m.group()), m.start(), m.end())
             for m in re.finditer(r"[a-z0-9]+", text.lower())]
    for zh, english in ZH_COLUMN_TOKENS.items():
        start = text.find(zh)
        while start >= 0:
            found.extend((stem(word), start, start + len(zh)) for word in english.split())
            start = text.find(zh, start + len(zh))
    return found


@dataclass(frozen=True)
class ColumnHit:
    column: str
    at: int
    score: float
    spans: tuple[tuple[int, int], ...] = ()


def customer_columns_in(text: str, columns: list[str]) -> list[ColumnHit]:
    """Columns whose name words the text names, best match first.

    A column scores one per name word found in the text (a money word such as 'charge'
    or 'spend' counts half for another money word); a match on common words only
    ('status', 'total') does not count.
    """
    words = words_of(text)
    present = {w for w, _, _ in words}
    money_asked = present & _MONEY
    hits = []
    for column in columns:
        tokens = {stem(t) for t in name_tokens(column)}
        if not tokens:
            continue
        whole = [(a, b) for w, a, b in words if w in _compact_forms(column)]
        if whole:  # the name written as in the file, one word: 'creditscore', 'mntwines'
            hits.append(ColumnHit(column, whole[0][0], float(len(tokens)) + 0.5,
                                  tuple(whole)))
            continue
        matched = tokens & present
        money = bool(money_asked and tokens & _MONEY and not matched & _MONEY)
        if not matched - _GENERIC and not money:
            continue
        score = float(len(matched - _GENERIC)) + (0.5 if money else 0.0)
        spans = tuple((a, b) for w, a, b in words if w in matched or (money and w in money_asked))
        hits.append(ColumnHit(column, min(a for a, _ in spans), score, spans))
    return sorted(hits, key=lambda h: (-h.score, h.at))


MEAN = re.compile(r"\baverage\b|\bmean\b|\bavg\b|\btypical\b|平均")
MEDIAN = re.compile(r"\bmedian\b|中位")
SUM = re.compile(r"\btotal\b|\bsum\b|合计|总和|总额|总计")


def aggregate_asked(text: str) -> str | None:
    """The aggregate a question asks of a number: 'median', 'mean', 'sum', or None."""
    if MEDIAN.search(text):
        return "median"
    if MEAN.search(text):
        return "mean"
    return "sum" if SUM.search(text) else None


def _compact_forms(column: str) -> set[str]:
    """A column name as one lower-case word, as a person types it ('CreditScore')."""
    compact = re.sub(r"[^a-z0-9]+", "", str(column).lower())
    return {compact, stem(compact)} if len(compact) >= 4 else set()


def column_named(phrase: str, columns: list[str]) -> str | None:
    """The column a short phrase names in full ('payment method' → PaymentMethod, '合同类型'
    → Contract): every telling word of the phrase is a word of the name, so 'shoe size'
    never means company_size."""
    wanted = {w for w, _, _ in words_of(phrase)} - _GENERIC
    if not wanted:
        return None
    for column in columns:
        if wanted <= {stem(t) for t in name_tokens(column)}:
            return column
    return None


def blank(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> str:
    """The text with these spans replaced by spaces (positions stay true)."""
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


@dataclass(frozen=True)
class LabelMention:
    """A yes/no column the question is about, the side(s) it names, and where."""

    flag: Flag
    concept: str | None
    yes: bool
    both: bool
    at: int
    end: int
    others: tuple[str, ...] = ()
    """Other label columns the same word fits as well (the brain asks which)."""


def label_in(text: str, schema: Schema) -> LabelMention | None:
    """The customers' yes/no column the text speaks of: by its own name, or by a concept
    word ('churn', '流失', 'responded') whose family matches the column's name words."""
    found: list[tuple[int, int, Flag, str | None, bool]] = []
    for flag in schema.flags:
        for said in dict.fromkeys((" ".join(flag.words), spoken(flag.column))):
            at = contains_word(text, said) if len(said) > 2 else -1
            if at >= 0:
                found.append((at, at + len(said), flag, concept_of(flag), True))
    for concept, (yes_words, no_words, name_words) in LABEL_CONCEPTS.items():
        flags = [f for f in schema.flags if {stem(w) for w in f.words} & name_words
                 or (f.is_status and str(f.positive).strip().lower() in name_words)]
        if not flags:
            continue
        for words, yes in ((no_words, False), (yes_words, True)):
            for word in sorted(words, key=len, reverse=True):
                at = contains_word(text, word)
                if at >= 0:
                    best = _closest(flags, word)
                    found.append((at, at + len(word), best[0], concept, yes,
                                  tuple(f.column for f in best[1:])))
    if not found:
        return None
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    at, end, flag, concept, yes = found[0][:5]
    if NEGATION.search(text[max(0, at - 12):at].rstrip()):
        yes = not yes
    sides = {f[4] for f in found if f[2] == flag}
    others = found[0][5] if len(found[0]) > 5 else ()
    return LabelMention(flag, concept, yes, len(sides) == 2, at, end, others)


def _common_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _closest(flags: list[Flag], word: str) -> list[Flag]:
    """The label columns whose name is nearest the word used ('responded' → Response, not
    AcceptedCmp3): the longest common start of a name word and the word; ties all kept."""
    def nearness(flag: Flag) -> int:
        if not word.isascii():
            return len(word) if word in flag.column else 0
        return max((_common_start(stem(word), stem(t)) for t in flag.words), default=0)

    best = max(nearness(f) for f in flags)
    return [f for f in flags if nearness(f) == best]


def concept_of(flag: Flag) -> str | None:
    tokens = {stem(w) for w in flag.words}
    if flag.is_status:
        tokens.add(str(flag.positive).strip().lower())
    return next((c for c, (_, _, names) in LABEL_CONCEPTS.items() if tokens & names), None)


SEGMENT_NAMES = {"churn": ("Churned customers", "Retained customers"),
                 "response": ("Responders", "Non-responders")}


def segment_name(flag: Flag, concept: str | None, yes: bool) -> str:
    """A readable segment name for one side of a label: 'Churned customers', 'Exited 1'."""
    if concept in SEGMENT_NAMES:
        return SEGMENT_NAMES[concept][0 if yes else 1]
    words = " ".join(flag.words).capitalize()
    value = re.sub(r"[^A-Za-z0-9 _.-]", "", flag.value_text(yes)) or ("yes" if yes else "no")
    return f"{words} {value}"[:60]
