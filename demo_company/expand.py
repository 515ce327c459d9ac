"""A tiny template language and the small imperfections of real typing.

Templates use `{a|b|}` for alternatives (nested, empty allowed) and `<slot>` for
values such as a product or an order id: "{Delivery|Shipping} took {ages|<days> days}".
Parsed templates are cached, so expanding thousands of sentences stays cheap.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class _Slot:
    name: str


@dataclass(frozen=True)
class _Alt:
    options: tuple[tuple[object, ...], ...]


def _parse(text: str, i: int, closing: bool) -> tuple[tuple[tuple[object, ...], ...], int]:
    """Parse until '}' (when closing) or the end; return the '|'-separated options."""
    options: list[tuple[object, ...]] = []
    parts: list[object] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            parts.append("".join(buf))
            buf.clear()

    while i < len(text):
        ch = text[i]
        if ch == "{":
            flush()
            inner, i = _parse(text, i + 1, closing=True)
            parts.append(_Alt(inner))
            continue
        if ch == "<":
            end = text.index(">", i)
            flush()
            parts.append(_Slot(text[i + 1:end]))
            i = end + 1
            continue
        if closing and ch == "|":
            flush()
            options.append(tuple(parts))
            parts = []
        elif closing and ch == "}":
            flush()
            options.append(tuple(parts))
            return tuple(options), i + 1
        else:
            buf.append(ch)
        i += 1
    if closing:
        raise ValueError(f"unbalanced braces in template: {text!r}")
    flush()
    options.append(tuple(parts))
    return tuple(options), i


@lru_cache(maxsize=4096)
def compile_template(text: str) -> tuple[object, ...]:
    options, _ = _parse(text, 0, closing=False)
    return options[0]


SlotFiller = Callable[[str], str]


def _render(parts: tuple[object, ...], rnd: random.Random, fill: SlotFiller,
            out: list[str]) -> None:
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, _Slot):
            out.append(fill(part.name))
        else:
            assert isinstance(part, _Alt)
            _render(part.options[rnd.randrange(len(part.options))], rnd, fill, out)


_SPACES = re.compile(r"\s+")
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)])")
_ARTICLE = re.compile(r"\b([Aa]) (?=[aeio])(?!one\b|one-)")
_ZH_SPACE = re.compile(r"\s*([，。！？、：；])\s*")


def expand(template: str, rnd: random.Random, fill: SlotFiller, lang: str = "en") -> str:
    """One random realisation of `template`, whitespace and articles tidied."""
    out: list[str] = []
    _render(compile_template(template), rnd, fill, out)
    text = "".join(out)
    if lang == "zh":
        return _ZH_SPACE.sub(r"\1", text).strip().strip("，")
    text = _SPACE_BEFORE.sub(r"\1", _SPACES.sub(" ", text)).strip()
    text = _ARTICLE.sub(lambda m: m.group(1) + "n ", text)
    return text.replace(",,", ",").lstrip(" ,").rstrip()


def options_count(template: str) -> int:
    """How many distinct realisations a template has, ignoring slots (for sanity checks)."""

    def count(parts: tuple[object, ...]) -> int:
        total = 1
        for p in parts:
            if isinstance(p, _Alt):
                total *= sum(count(o) for o in p.options)
        return total

    return count(compile_template(template))


# ----- the imperfections of real typing (English only) ------------------------------
def add_typo(sentence: str, rnd: random.Random) -> str:
    """Swap, drop or double one letter in a word of four letters or more."""
    words = sentence.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not candidates:
        return sentence
    i = rnd.choice(candidates)
    w = words[i]
    k = rnd.randrange(1, len(w) - 1)
    kind = rnd.randrange(3)
    if kind == 0:
        w = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    elif kind == 1:
        w = w[:k] + w[k + 1:]
    else:
        w = w[:k] + w[k] + w[k:]
    words[i] = w
    return " ".join(words)


def finish_en(sentence: str, rnd: random.Random, excited: float = 0.05,
              typo_rate: float = 0.03, casual: bool = True) -> str:
    """Capitalise and punctuate like people do: mostly properly, sometimes not.

    `casual=False` is for staff lines in call notes, which are always tidy.
    """
    if not sentence:
        return sentence
    if rnd.random() < typo_rate:
        sentence = add_typo(sentence, rnd)
    if casual and rnd.random() < 0.05:
        sentence = sentence[0].lower() + sentence[1:]
    else:
        sentence = sentence[0].upper() + sentence[1:]
    if sentence[-1] in "?!":
        return sentence
    r = rnd.random()
    if r < excited:
        return sentence + ("!" if rnd.random() < 0.8 else "!!")
    if casual and r < excited + 0.06:
        return sentence
    return sentence + "."


def finish_zh(sentence: str, rnd: random.Random, excited: float = 0.05) -> str:
    if not sentence or sentence[-1] in "？！。":
        return sentence
    return sentence + ("！" if rnd.random() < excited else "。")


def join_sentences(sentences: list[str], lang: str) -> str:
    """Join finished sentences; only the last one may go without a full stop."""
    if lang == "zh":
        return "".join(sentences)
    fixed = [s if s[-1:] in ".!?" else s + "." for s in sentences[:-1]]
    return " ".join(fixed + sentences[-1:])
