"""One bilingual table of common column concepts, matched to the workspace's real columns.

A marketer says 地区 or "region", 国家 or "country"; the file says `Region`, `COUNTRY` or
`Ship Country`. Each concept lists its English name words and the English and Chinese
words that name it in a question; a concept is found in a question only when some column
of the workspace has one of its name words among its own name tokens (`name_tokens`),
so 余额 finds `Balance` in a bank export and nothing in a shop's order lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.brains.local.context import Schema
from assistant.brains.local.lexicon import CONCEPTS, MEASURE_WORDS
from assistant.brains.local.words import contains_word
from tools.ingest.naming import name_tokens

_SKIPPED_ROLES = {"email", "phone", "person_name", "text", "identifier", "customer_id",
                  "order_id", "ignore"}

_KEY_WORDS = {"id", "code", "key", "no", "number"}


@dataclass(frozen=True)
class ConceptHit:
    concept: str
    dataset: str
    column: str
    at: int
    end: int


def _tokens(column: str) -> set[str]:
    joined = column.lower().replace("-", "").replace("_", "").replace(" ", "")
    return {t.lower() for t in name_tokens(column)} | {joined}


def concept_column(concept: str, schema: Schema, datasets: list[str] | None = None
                   ) -> tuple[str, str] | None:
    """(dataset, column) holding the concept: a single-word name first ('Region' before
    'Region Manager'), customers and orders tables before others."""
    names = set(CONCEPTS[concept][0])
    rank = {word: n for n, word in enumerate(CONCEPTS[concept][0])}
    order = datasets or sorted(schema.columns, key=lambda d: (d != schema.customers,
                                                             d != schema.orders, d))
    best: tuple[tuple[int, int], str, str] | None = None
    for dataset in order:
        for column, role in schema.columns.get(dataset, {}).items():
            if role in _SKIPPED_ROLES:
                continue
            tokens = _tokens(column)
            if not tokens & names:
                continue
            extra = len(tokens - names - {column.lower().replace(" ", "")})
            extra += 5 * bool(tokens & _KEY_WORDS)  # 'Product ID' is no group to show
            score = (extra, min(rank[t] for t in tokens & names))  # 'Region' before 'State'
            if best is None or score < best[0]:
                best = (score, dataset, column)
        if best is not None:
            return best[1], best[2]
    return None


def concepts_in(text: str, schema: Schema) -> list[ConceptHit]:
    """Concepts the text names that a workspace column holds, in reading order; the
    longest wording wins where two overlap ('产品线' over '产品')."""
    spans: list[ConceptHit] = []
    measures = {w for words in MEASURE_WORDS.values() for w in words} if schema.has_orders \
        else set()  # with orders, '收入' is the revenue the tools compute, not a column
    for concept, (_, words) in CONCEPTS.items():
        found = None
        for word in sorted(set(words) - measures, key=len, reverse=True):
            at = contains_word(text, word)
            if at >= 0:
                found = (at, at + len(word))
                break
        if found is None:
            continue
        place = concept_column(concept, schema)
        if place is None:
            continue
        spans.append(ConceptHit(concept, place[0], place[1], *found))
    chosen: list[ConceptHit] = []
    for hit in sorted(spans, key=lambda h: (-(h.end - h.at), h.at)):
        if any(hit.at < c.end and c.at < hit.end for c in chosen):
            continue
        if any(c.column == hit.column for c in chosen):
            continue
        chosen.append(hit)
    return sorted(chosen, key=lambda h: h.at)
