"""Finding a word in a question: whole English words, Chinese words as substrings.

Its own module because the modules that read columns, concepts and segments from a
question all build on it.
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff]")
_LETTER = r"[^\W\u3400-\u9fff]|-"
"""A letter or digit of a Latin-script word: a Chinese character next to an English name
('比较Champions和At Risk') is a word boundary."""


def contains_word(text: str, word: str) -> int:
    """Position of `word` in `text` as a whole word (-1 if absent); CJK words as substrings."""
    if CJK.search(word):
        return text.find(word)
    match = re.search(rf"(?<!{_LETTER}){re.escape(word)}(?!{_LETTER})", text)
    return match.start() if match else -1
