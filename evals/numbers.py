"""Read numbers out of an answer the way people write them, and compare them with care.

Answers say "1,234 customers", "18.3%", "$1,204", "$5.9M", "2.4x" or "58.6万". A number
is compared at the precision it is written with: "9.6%" stands for anything from 9.55
to 9.65, "$5.9 million" for 5.85 to 5.95 million. Dates and parts of ids are not numbers.

This reader is the evaluation's own: it does not share code with the assistant's grounding
checker, so the two can disagree and the disagreement shows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

_DATE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{4}/\d{1,2}/\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\d{4}年\d{1,2}月(?:\d{1,2}日)?|\b\d{4}-\d{2}\b"
)
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.,])"
    r"(?P<currency>[$€£¥]\s?)?"
    r"(?P<sign>[-−])?"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<scale>\s?(?:thousand|million|billion|bn|mn|[kKmMB万亿])(?![A-Za-z]))?"
    r"(?P<percent>\s?(?:%|percent\b|per cent\b|个百分点))?"
    r"(?P<times>x(?![A-Za-z]))?"
    r"(?![A-Za-z0-9])"
)
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "万": 1e4, "亿": 1e8,
}
_LIST_MARKER = re.compile(r"(?m)^\s*(?:[-*]\s*)?(\d{1,2})[.)]\s")
_HEADING_NUMBER = re.compile(r"(?m)^\s*#+\s*(\d{1,2})[.)]?\s")


@dataclass(frozen=True)
class WrittenNumber:
    """A number as written in a text: its value and how precisely it was written."""

    text: str
    value: float
    unit_step: float  # the value of one unit of the last written digit (0.1 for "9.6")
    percent: bool = False
    currency: bool = False

    @property
    def half_step(self) -> float:
        return self.unit_step / 2

    def matches(self, target: float, tolerance: float = 0.0) -> bool:
        """True when `target` rounds to what is written (plus an allowed tolerance)."""
        if target is None or (isinstance(target, float) and math.isnan(target)):
            return False
        return abs(abs(float(target)) - abs(self.value)) <= self.half_step + tolerance + 1e-9

    @property
    def is_year(self) -> bool:
        bare = self.text.strip()
        return (bare.isdigit() and len(bare) == 4 and 1900 <= self.value <= 2100)

    @property
    def is_small_count(self) -> bool:
        """Bare whole numbers up to ten ("top 3 themes", "1 in 5") need no grounding."""
        return (not self.percent and not self.currency and self.unit_step == 1
                and float(self.value).is_integer() and 0 <= self.value <= 10)


def _mask_dates(text: str) -> str:
    return _DATE.sub(lambda m: " " * len(m.group()), text)


def read_numbers(text: str) -> list[WrittenNumber]:
    """Every number in `text`, except dates, list markers and parts of ids such as C00123."""
    masked = _mask_dates(text or "")
    skip = {m.start(1) for m in _LIST_MARKER.finditer(masked)}
    skip |= {m.start(1) for m in _HEADING_NUMBER.finditer(masked)}
    found: list[WrittenNumber] = []
    for match in _NUMBER.finditer(masked):
        if match.start("digits") in skip:
            continue
        digits = match.group("digits")
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        scale_word = (match.group("scale") or "").strip()
        scale = _SCALES.get(scale_word.lower(), 1.0)
        value = float(digits.replace(",", "")) * scale
        if match.group("sign"):
            value = -value
        found.append(WrittenNumber(
            text=match.group().strip(),
            value=value,
            unit_step=(10.0 ** -decimals) * scale,
            percent=bool(match.group("percent")),
            currency=bool(match.group("currency")),
        ))
    return found


def appears(text: str, expected: float, tolerance: float = 0.0, percent: bool = False,
            rel_tolerance: float = 0.0) -> WrittenNumber | None:
    """The first number of `text` equal to `expected` at its written precision, if any.

    With `percent`, only numbers written as percentages count (expected 9.56 ↔ "9.6%").
    """
    allowed = max(tolerance, rel_tolerance * abs(expected))
    for number in read_numbers(text):
        if percent and not number.percent:
            continue
        if number.matches(expected, allowed):
            return number
    return None


def values_in(value: object) -> Iterable[float]:
    """The numbers a fact value holds: a number itself, or the numbers inside a text."""
    if isinstance(value, bool):
        return [float(value)]
    if isinstance(value, int | float):
        return [] if isinstance(value, float) and math.isnan(value) else [float(value)]
    if isinstance(value, str):
        return [n.value for n in read_numbers(value)]
    return []
