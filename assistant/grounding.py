"""Check that every number and every quote in a written answer or persona is grounded.

A *grounding pack* holds what the words may use: the facts of the tool results behind
them (named numbers with units) and the verbatim quotes taken from the knowledge store.
The checker finds each number and each quotation in a text and accepts it only if

- the number equals a fact at the precision it is written with ("18%" grounds on a
  share of 0.183, "$1,240" on 1,239.6, "2.4 times" on a ratio of 2.43), or
- the quotation is, apart from spacing and curly quote marks, a verbatim passage of a
  document in the pack or in the store.

What it cannot ground is marked or removed, never silently kept.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from knowledge.catalogue import normalise_passage
from tools.result import Fact

# A number as people write it: 1,234.5  18%  $12.50  2.4x; not a part of an id like R000123.
_NUMBER = re.compile(
    r"(?<![\w.])(?P<currency>[$€£¥])?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<percent>\s?%)?(?![\w-]*\d)(?![A-Za-z])"
)
_LIST_MARKER = re.compile(r"(?m)^\s*(\d+)[.)]\s")
_QUOTED = re.compile(r'"(?P<straight>[^"]*)"|“(?P<curly>[^”]*)”')  # pairs in reading order
_MIN_QUOTE = 12


@dataclass(frozen=True)
class Mention:
    """A number found in a text, with what it looks like."""

    text: str
    start: int
    value: float
    decimals: int
    percent: bool
    currency: bool


@dataclass
class GroundingPack:
    """What a text may cite: tool facts and verbatim quotes (with their document ids)."""

    facts: dict[str, Fact] = field(default_factory=dict)
    quotes: list[str] = field(default_factory=list)

    def add_facts(self, facts: dict[str, Fact], prefix: str = "") -> None:
        for name, fact in facts.items():
            self.facts[f"{prefix}{name}"] = fact


@dataclass
class GroundingReport:
    numbers: list[Mention]
    ungrounded_numbers: list[Mention]
    quotes: list[str]
    ungrounded_quotes: list[str]

    @property
    def grounded(self) -> bool:
        return not self.ungrounded_numbers and not self.ungrounded_quotes


def numbers_in(text: str) -> list[Mention]:
    """Every number in `text` except list markers, parts of ids and dates written as ids."""
    markers = {m.start(1) for m in _LIST_MARKER.finditer(text)}
    found = []
    for match in _NUMBER.finditer(text):
        if match.start("number") in markers:
            continue
        number = match.group("number")
        decimals = len(number.split(".")[1]) if "." in number else 0
        found.append(
            Mention(
                text=match.group(),
                start=match.start(),
                value=float(number.replace(",", "")),
                decimals=decimals,
                percent=bool(match.group("percent")),
                currency=bool(match.group("currency")),
            )
        )
    return found


def quotes_in(text: str) -> list[str]:
    """Quoted passages of at least 12 characters ("…" or “…”)."""
    pairs = _QUOTED.finditer(text)
    found = [(m.group("straight") or m.group("curly") or "").strip() for m in pairs]
    return [q for q in found if len(q) >= _MIN_QUOTE]


def _candidates(fact: Fact) -> Iterable[float]:
    """The values a fact may be written as (a share as a percentage or a fraction)."""
    value = fact.value
    if isinstance(value, str) or value is None:
        numbers = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*\.?\d*", str(value))]
        return numbers
    if isinstance(value, float) and math.isnan(value):
        return []
    value = float(value)
    if fact.unit == "share":
        return [value * 100, value]
    return [value]


def _matches(mention: Mention, target: float) -> bool:
    """Equal at the precision the number is written with (half a unit of its last digit)."""
    tolerance = 0.5 * 10 ** (-mention.decimals) + 1e-9
    return abs(abs(target) - mention.value) <= tolerance


def number_is_grounded(mention: Mention, pack: GroundingPack) -> bool:
    for fact in pack.facts.values():
        for target in _candidates(fact):
            if mention.percent and fact.unit == "share" and target == fact.value:
                continue  # "18%" is 18 hundredths, not the fraction 0.18 read as 18
            if _matches(mention, target):
                return True
    return False


def check(
    text: str,
    pack: GroundingPack,
    quote_exists: Callable[[str], bool] | None = None,
) -> GroundingReport:
    """Which numbers and quotes of `text` the pack (or the store, via `quote_exists`) grounds."""
    mentions = numbers_in(text)
    known_quotes = [normalise_passage(q) for q in pack.quotes]
    quotes = quotes_in(text)
    bad_quotes = [
        q
        for q in quotes
        if not any(normalise_passage(q) in known for known in known_quotes)
        and not (quote_exists is not None and quote_exists(q))
    ]
    return GroundingReport(
        numbers=mentions,
        ungrounded_numbers=[m for m in mentions if not number_is_grounded(m, pack)],
        quotes=quotes,
        ungrounded_quotes=bad_quotes,
    )


def mark_ungrounded(text: str, report: GroundingReport, remove_quotes: bool = True) -> str:
    """Flag each ungrounded number as unverified and drop (or flag) invented quotes."""
    for mention in sorted(report.ungrounded_numbers, key=lambda m: m.start, reverse=True):
        end = mention.start + len(mention.text)
        text = text[:end] + " [unverified]" + text[end:]
    for quote in report.ungrounded_quotes:
        pattern = re.compile(r"[\"“]" + re.escape(quote) + r"[\"”]")
        text = pattern.sub("[quote removed: not found in the sources]" if remove_quotes
                           else r"\g<0> [unverified quote]", text)  # fmt: skip
    return text
