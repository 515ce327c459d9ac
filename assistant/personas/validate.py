"""Check a persona before it is saved: every number against its pack, every quote verbatim.

`assistant.grounding.check` does the checking. Three kinds of number are not claims
and are left out of the number check here:

- numbers inside a quotation ("the 30% off coupon") are the customer's words; the
  quotation as a whole is checked verbatim against the store instead (and removed if
  it is not there), so its numbers stand or fall with it;
- dates written as 2026-10-31 or 2026-10 (the checker would read "31" or "10");
- years: four digits from 1900 to 2099 with no thousands comma and no unit after
  them. A count is always written with a comma ("2,026 customers"), so a year never
  hides a wrong count.

What is left and not grounded is marked "[unverified]", and invented quotes are
removed, by `assistant.grounding.mark_ungrounded`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.grounding import GroundingReport, Mention, check, mark_ungrounded
from assistant.personas.pack import PersonaPack
from knowledge.store import KnowledgeStore

_QUOTATION = re.compile(r'"[^"\n]*"|“[^”\n]*”')
_DATE = re.compile(r"(?<![\w.])(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?"
                   r"(?![\w-])")
_YEAR = re.compile(r"(?<![\w.,$€£¥])(?:19|20)\d\d(?![\w%-]|[.,]\d|\s*%|\s+(?:customers|orders))")


@dataclass
class ValidationResult:
    text: str  # the text with ungrounded numbers marked and invented quotes removed
    ungrounded_numbers: list[str]
    ungrounded_quotes: list[str]
    report: GroundingReport

    @property
    def ok(self) -> bool:
        return not self.ungrounded_numbers and not self.ungrounded_quotes


def validate_persona(
    text: str, pack: PersonaPack, store: KnowledgeStore | None
) -> ValidationResult:
    """Ground `text` on the pack's facts and quotes, and on the store's passages."""
    quote_exists = store.catalogue().contains if store is not None else None
    report = check(text, pack.grounding, quote_exists=quote_exists)
    skipped = _spans(_QUOTATION, text) + _spans(_DATE, text) + _spans(_YEAR, text)
    numbers = [m for m in report.ungrounded_numbers if not _inside(m, skipped)]
    report = replace(report, ungrounded_numbers=numbers)
    return ValidationResult(
        text=mark_ungrounded(text, report),
        ungrounded_numbers=[m.text.strip() for m in numbers],
        ungrounded_quotes=list(report.ungrounded_quotes),
        report=report,
    )


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _inside(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    end = mention.start + len(mention.text)
    return any(start <= mention.start and end <= stop for start, stop in spans)
