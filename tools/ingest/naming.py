"""Split column names into lowercase words, so CustomerID, customer_id and Customer Id agree."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[\u4e00-\u9fff]+")


def name_tokens(name: object) -> list[str]:
    """'CustomerID' → ['customer', 'id']; 'Annual Income (k$)' → ['annual', 'income', 'k']."""
    return [token.lower() for token in _WORD.findall(str(name))]


def mentions(name: object, words: set[str]) -> bool:
    """True when the column name contains one of `words` (English tokens or Chinese substrings)."""
    tokens = name_tokens(name)
    return any(t in words for t in tokens) or any(
        w in str(name) for w in words if re.search(r"[\u4e00-\u9fff]", w)
    )
