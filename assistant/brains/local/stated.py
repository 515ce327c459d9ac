"""Settings a question states in numbers, read generically from the tools' cards.

A card names, for each numeric setting, the words near which a question states it
("at risk after 60 days": 'at risk' is the cue of at_risk_days). Within the clause that
holds the cue, the nearest quantity of the setting's kind is its value: days ('90 days',
'半年', 'a year'), months, a share ('30%', 'half', 一半), a count or a number, or a date
('as of 2026-06-30', 截至2026年6月30日). One mechanism for every tool, so a new tool's
settings are read once its card names their cues. A value out of the setting's range is
passed on as stated: the tool refuses it with the valid range, never a silent default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from annotated_types import Le

from assistant.brains.local.words import contains_word
from assistant.toolkit import assistant_tools

_CLAUSE = re.compile(r"[,，;；。、!?！？]|\band\b|\bbut\b|然后|并且")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})年(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)年?")
DAYS_PER_UNIT = {"day": 1, "days": 1, "天": 1, "日": 1, "week": 7, "weeks": 7, "周": 7,
                 "星期": 7, "个星期": 7, "month": 30, "months": 30, "个月": 30, "月": 30,
                 "year": 365, "years": 365, "年": 365}
"""Days in a unit of time as questions write it (a month counts 30 days)."""
_DAYS = re.compile(r"(\d+)\s*(days?|weeks?|months?|years?|个星期|星期|个月|天|日|周|年)")
_SPOKEN_DAYS = {r"半年|half a year|six months": 180, r"半个月|half a month": 15,
                r"\ba year\b|\bone year\b|一年": 365, r"\ba month\b|\bone month\b|一个月": 30,
                r"\ba week\b|\bone week\b|一周": 7}
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%|百分之(\d+(?:\.\d+)?)")
_SPOKEN_SHARES = {r"\bhalf\b|一半": 0.5, r"a third|三分之一": 1 / 3, r"a quarter|四分之一": 0.25,
                  r"two thirds|三分之二": 2 / 3, r"a fifth|五分之一": 0.2}
_WINDOW = re.compile(r"(?:\b(?:last|past|previous|recent)|最近|过去|近)\s*$")
"""What makes '90 days' a period looked back over rather than a limit."""
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.]*\s*%)")


@dataclass(frozen=True)
class Quantity:
    value: Any
    start: int
    end: int


def stated_settings(text: str, tool: str) -> dict[str, Any]:
    """The settings of `tool` this question states next to their cue words."""
    spec = assistant_tools().get(tool)
    if spec is None or not spec.card.cues:
        return {}
    chinese = bool(re.search(r"[\u3400-\u9fff]", text))
    found: dict[str, Any] = {}
    for clause in _clauses(text):
        taken: list[tuple[int, int]] = []
        cues = [(word, slot) for slot, cue in spec.card.cues.items()
                for word in (cue.zh if chinese else cue.en) + (cue.en if chinese else [])]
        for word, slot in sorted(cues, key=lambda c: -len(c[0])):
            at = contains_word(clause, word.lower())
            if at < 0 or slot in found or any(a <= at < b for a, b in taken):
                continue
            quantities = _quantities(clause, spec.card.slots[slot], _fraction(spec, slot))
            if not spec.card.cues[slot].window:
                quantities = [q for q in quantities if not _WINDOW.search(clause[:q.start])]
            nearest = min(quantities, key=lambda q: _distance(q, at, at + len(word)),
                          default=None)
            if nearest is not None:
                found[slot] = nearest.value
                taken.append((at, at + len(word)))
    return found


def _clauses(text: str) -> list[str]:
    return [part for part in _CLAUSE.split(text.lower()) if part.strip()]


def _distance(quantity: Quantity, start: int, end: int) -> float:
    """Characters between a quantity and its cue; one after the cue wins a tie."""
    if quantity.start >= end:
        return quantity.start - end
    return start - quantity.end + 0.5 if quantity.end <= start else 0


def _fraction(spec: Any, slot: str) -> bool:
    """Whether the setting takes a share as a fraction (0.3) rather than a percentage (30)."""
    field = spec.params.model_fields.get(slot)
    limits = [m.le for m in (field.metadata if field else []) if isinstance(m, Le)]
    return bool(limits) and float(limits[0]) <= 1


def _quantities(clause: str, kind: str, fraction: bool) -> list[Quantity]:
    dates = list(_DATE.finditer(clause))
    if kind == "date":
        return [Quantity(_iso(m), m.start(), m.end()) for m in dates]
    blank = clause
    for match in [*dates, *_YEAR.finditer(clause)]:
        blank = blank[:match.start()] + " " * (match.end() - match.start()) + blank[match.end():]
    if kind in ("days", "months"):
        per = 30 if kind == "months" else 1
        found = [Quantity(int(m.group(1)) * DAYS_PER_UNIT[m.group(2)] // per, m.start(), m.end())
                 for m in _DAYS.finditer(blank) if kind == "days" or m.group(2) != "天"]
        found += [Quantity(days // per, m.start(), m.end()) for pattern, days in
                  _SPOKEN_DAYS.items() for m in re.finditer(pattern, blank)]
        return found
    if kind == "share":
        scale = 100 if fraction else 1
        found = [Quantity(float(m.group(1) or m.group(2)) / scale, m.start(), m.end())
                 for m in _PERCENT.finditer(blank)]
        found += [Quantity(round(share * (1 if fraction else 100), 4), m.start(), m.end())
                  for pattern, share in _SPOKEN_SHARES.items()
                  for m in re.finditer(pattern, blank)]
        return found
    if kind in ("count", "number"):
        without_days = _DAYS.sub(lambda m: " " * len(m.group(0)), blank)
        numbers = [Quantity(float(m.group(1)), m.start(), m.end())
                   for m in _NUMBER.finditer(without_days)]
        if kind == "count":
            return [Quantity(int(q.value), q.start, q.end) for q in numbers
                    if float(q.value).is_integer()]
        return [Quantity(int(q.value) if float(q.value).is_integer() else q.value, q.start,
                         q.end) for q in numbers]
    return []


def _iso(match: re.Match[str]) -> str:
    year, month, day = [g for g in match.groups() if g is not None]
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def day_quantities(text: str) -> list[Quantity]:
    """Lengths of time written in the text ('180 days', '3个月', '半年'), in days, where they
    are written (dates and years are no lengths)."""
    return _quantities(text, "days", fraction=False)
