"""Column names as words a marketer reads: 'MonthlyCharges' → 'monthly charges'.

Digits stay on the word they belong to ('AcceptedCmp3' → 'accepted cmp3'), so a column's
name is never read as a figure that the answer would have to prove.
"""

from __future__ import annotations

from tools.ingest.naming import name_tokens


def spoken(column: object) -> str:
    words: list[str] = []
    for token in name_tokens(column):
        if token.isdigit() and words:
            words[-1] += token
        else:
            words.append(token)
    return " ".join(words) or str(column)


def segment_label(ref: object) -> str:
    """A segment's label from the reference tools use: 'rfm/Champions' → 'Champions'."""
    return str(ref).split("/")[-1]
