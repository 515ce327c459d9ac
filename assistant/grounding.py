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

import bisect
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from knowledge.catalogue import normalise_passage
from tools.result import Fact

# A number as people write it: 1,234.5  18%  $12.50  2.4x; not a part of an id like R000123.
_NUMBER = re.compile(
    r"(?<![\w.])(?P<currency>[$€£¥])?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<percent>\s?%)?(?P<times>[x×](?![A-Za-z]))?(?![\w-]*\d)(?![A-Za-z])"
)
_DATE = re.compile(r"\b(?:19|20)\d\d(?:[-/.]\d{1,2}){1,2}\b|\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b")
_YEAR = re.compile(r"(?:19|20)\d\d")
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
    """Every number in `text` except list markers, parts of ids, dates, years and numbers
    inside quotations (a quotation is checked as a whole, verbatim)."""
    markers = {m.start(1) for m in _LIST_MARKER.finditer(text)}
    skipped = [m.span() for m in _DATE.finditer(text)] + _quote_spans(text)
    found = []
    for match in _NUMBER.finditer(text):
        start = match.start("number")
        if start in markers or any(a <= start < b for a, b in skipped):
            continue
        number = match.group("number")
        bare = not (match.group("percent") or match.group("currency") or match.group("times"))
        if bare and _YEAR.fullmatch(number) and _reads_as_year(text, match):
            continue
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


_YEAR_BEFORE = re.compile(r"(?:in|since|from|of|by|year|until|before|after|during|to|and|"
                          r"between|Q[1-4]|FY)\s*$", re.IGNORECASE)
_COUNT_AFTER = re.compile(r"\s*(?:customers|orders|buyers|people|items|units|documents|"
                          r"passages|reviews|calls|times|members)\b", re.IGNORECASE)


def _reads_as_year(text: str, match: re.Match[str]) -> bool:
    """'in 2025', '2025 was…' are years; '2026 customers' is a count."""
    if _COUNT_AFTER.match(text, match.end()):
        return False
    return bool(_YEAR_BEFORE.search(text[max(0, match.start() - 12):match.start()])) or \
        not re.match(r"\s*[A-Za-z]", text[match.end():])


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)
            if len((m.group("straight") or m.group("curly") or "").strip()) >= _MIN_QUOTE]


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


class _ValueIndex:
    """The pack's values sorted once, so each number is looked up by bisection."""

    def __init__(self, pack: GroundingPack) -> None:
        plain: list[float] = []
        as_percent: list[float] = []
        for fact in pack.facts.values():
            candidates = [abs(t) for t in _candidates(fact)]
            plain.extend(candidates)
            if fact.unit == "share" and not isinstance(fact.value, str):
                # "18%" is 18 hundredths: a share is written as a percentage, not its fraction
                as_percent.extend(candidates[:1])
            else:
                as_percent.extend(candidates)
        self.plain = sorted(plain)
        self.as_percent = sorted(as_percent)

    def grounds(self, mention: Mention) -> bool:
        values = self.as_percent if mention.percent else self.plain
        tolerance = 0.5 * 10 ** (-mention.decimals) + 1e-9
        at = bisect.bisect_left(values, mention.value - tolerance)
        return at < len(values) and values[at] <= mention.value + tolerance


def check(
    text: str,
    pack: GroundingPack,
    quote_exists: Callable[[str], bool] | None = None,
) -> GroundingReport:
    """Which numbers and quotes of `text` the pack (or the store, via `quote_exists`) grounds."""
    mentions = numbers_in(text)
    index = _ValueIndex(pack)
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
        ungrounded_numbers=[m for m in mentions if not index.grounds(m)],
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
