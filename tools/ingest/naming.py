"""Split column names into lowercase words, so CustomerID, customer_id, Customer Id and
CUSTOMERID agree."""

from __future__ import annotations

import re
from functools import lru_cache

from tools.ingest.words import SPLIT_VOCABULARY

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[\u4e00-\u9fff]+")
_SHORTEST_COMPOUND = 5  # 'ordid' at the least; shorter words are left whole


def name_tokens(name: object) -> list[str]:
    """'CustomerID' → ['customer', 'id']; 'ORDERNUMBER' → ['order', 'number'];
    'Annual Income (k$)' → ['annual', 'income', 'k']."""
    tokens: list[str] = []
    for token in _WORD.findall(str(name)):
        tokens.extend(split_compound(token.lower()))
    return tokens


@lru_cache(maxsize=4096)
def split_compound(word: str) -> tuple[str, ...]:
    """A word written without separators, as known words ('customername' → customer, name).

    Only when the whole word is made of known words, in as few pieces as possible (the
    longest match first); a known word, or one with any unknown part, stays whole.
    """
    if word in SPLIT_VOCABULARY or len(word) < _SHORTEST_COMPOUND or not word.isascii():
        return (word,)
    pieces = _pieces(word)
    return pieces if pieces is not None and len(pieces) > 1 else (word,)


@lru_cache(maxsize=4096)
def _pieces(word: str) -> tuple[str, ...] | None:
    """The fewest known words that make up `word`, longest first; None when none do."""
    if not word:
        return ()
    best: tuple[str, ...] | None = None
    for end in range(len(word), 1, -1):
        head = word[:end]
        if head not in SPLIT_VOCABULARY:
            continue
        rest = _pieces(word[end:])
        if rest is not None and (best is None or len(rest) + 1 < len(best)):
            best = (head, *rest)
    return best


def mentions(name: object, words: set[str]) -> bool:
    """True when the column name contains one of `words` (English tokens or Chinese substrings)."""
    tokens = name_tokens(name)
    return any(t in words for t in tokens) or any(
        w in str(name) for w in words if re.search(r"[\u4e00-\u9fff]", w)
    )
