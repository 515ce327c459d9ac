"""Finding a word in a question: whole English words, Chinese words as substrings.

Its own module because the modules that read columns, concepts and segments from a
question all build on it.
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff]")


def contains_word(text: str, word: str) -> int:
    """Position of `word` in `text` as a whole word (-1 if absent); CJK words as substrings."""
    if CJK.search(word):
        return text.find(word)
    match = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
    return match.start() if match else -1
