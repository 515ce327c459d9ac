"""Finding a word in a question: whole English words, Chinese words as substrings.

Its own module because the modules that read columns, concepts and segments from a
question all build on it.
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff]")


def _latin_letter(char: str) -> bool:
    """A letter, digit, '_' or '-' of a Latin-script word: a Chinese character next to an
    English name ('比较Champions和At Risk') is a word boundary."""
    return char == "-" or ((char.isalnum() or char == "_") and not CJK.match(char))


def contains_word(text: str, word: str) -> int:
    """Position of `word` in `text` as a whole word (-1 if absent); CJK words as substrings.
    Plain string search: questions are checked against hundreds of names per turn."""
    if CJK.search(word):
        return text.find(word)
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and _latin_letter(text[at - 1])) and not (
                end < len(text) and _latin_letter(text[end])):
            return at
        at = text.find(word, at + 1)
    return -1
