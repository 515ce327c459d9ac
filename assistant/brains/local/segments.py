"""Which segments a question is about: saved names, familiar names, numbers and pronouns.

A reference becomes "segmentation/label" so tools never confuse RFM's "At Risk" with the
lifecycle's "at risk". Familiar names of segmentations not run yet ("the Champions",
"discount hunters") come with the tool call that creates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.brains.local.lexicon import (
    MAKERS,
    REFERENCE_WORDS,
    SEGMENT_WORDS,
    SEGMENTATION_WORDS,
)
from assistant.brains.local.slots import contains_word


@dataclass(frozen=True)
class SegmentRef:
    segmentation: str
    label: str
    at: int = 0
    span: int = field(default=0, compare=False)
    """How many characters of the question name it ('沉睡' is 2, its label 11)."""

    @property
    def ref(self) -> str:
        """How tools name it: 'rfm/Champions'; a rule segment by its own name."""
        if self.segmentation == "rule" or self.segmentation == self.label:
            return self.label
        return f"{self.segmentation}/{self.label}"


@dataclass
class Memory:
    """What the conversation points at: the segment in focus, the segmentation, the last call."""

    focus: list[SegmentRef] = field(default_factory=list)
    segmentation: str | None = None
    order: dict[str, list[str]] = field(default_factory=dict)
    earlier: dict[str, dict] = field(default_factory=dict)
    """The last arguments of each tool called before, the latest last: a follow-up that
    sets something only an earlier tool takes ('make it 5 groups' after a persona of a
    cluster) goes back to that tool with its settings."""

    def called(self, tool: str, args: dict) -> None:
        self.earlier.pop(tool, None)
        self.earlier[tool] = dict(args)

    @property
    def last_tool(self) -> str | None:
        return next(reversed(self.earlier), None)

    @property
    def last_args(self) -> dict:
        return self.earlier[self.last_tool] if self.last_tool else {}


ORDINAL = re.compile(
    r"(?:segment|cluster|group|persona|tier)\s*(?:#|no\.?|number)?\s*(\d{1,2})\b"
    r"|第\s*(\d{1,2})\s*(?:个)?(?:群|组|类|细分|客户群)?")


def segment_refs(text: str, saved: dict[str, list[str]], memory: Memory) -> list[SegmentRef]:
    """Segments named in `text`, in reading order (saved ones, familiar ones, numbers, pronouns)."""
    found: list[SegmentRef] = []
    current = memory.segmentation if memory.segmentation in saved else None
    # saved labels, the conversation's segmentation first
    names = sorted(saved, key=lambda n: n != current)
    for name in names:
        for label in saved[name]:
            for variant in _variants(label):
                at = contains_word(text, variant)
                if at >= 0 and not _overlaps(found, at):
                    found.append(SegmentRef(name, label, at, len(variant)))
                    break
    for words, (segmentation, labels) in sorted(SEGMENT_WORDS.items(), key=lambda w: -len(w[0])):
        at = contains_word(text, words)
        if at >= 0 and not _overlaps(found, at):
            found.append(SegmentRef(segmentation, labels[0], at, len(words)))
    for match in ORDINAL.finditer(text):
        number = int(match.group(1) or match.group(2))
        seg = current or (next(iter(saved)) if len(saved) == 1 else None)
        labels = memory.order.get(seg or "", saved.get(seg or "", []))
        if seg and 1 <= number <= len(labels):
            found.append(SegmentRef(seg, labels[number - 1], match.start(),
                                      len(match.group(0))))
    if any(contains_word(text, word) >= 0 for word in REFERENCE_WORDS) and memory.focus:
        at = min(p for p in (contains_word(text, w) for w in REFERENCE_WORDS) if p >= 0)
        found.extend(SegmentRef(r.segmentation, r.label, at) for r in memory.focus
                     if all(f.ref != r.ref for f in found))
    return sorted(found, key=lambda r: r.at)


def _variants(label: str) -> list[str]:
    low = label.lower()
    out = [low, low.replace("-", " "), low.replace("'", "")]
    if not low.endswith("s"):
        out.append(low + "s")
    if low.endswith("s"):
        out.append(low[:-1])
    return [v for v in dict.fromkeys(out) if len(v) >= 3]


def _overlaps(found: list[SegmentRef], at: int) -> bool:
    return any(r.at <= at < r.at + (r.span or len(r.label)) + 1 for r in found)


def segmentation_named(text: str, saved: dict[str, list[str]]) -> str | None:
    """A segmentation the text names ("the RFM segments", "the clusters")."""
    for name in saved:
        if contains_word(text, name.lower()) >= 0:
            return name
    for name, words in SEGMENTATION_WORDS.items():
        if any(contains_word(text, w) >= 0 for w in words):
            return name
    return None


def maker_for(segmentation: str, saved: dict[str, list[str]]) -> tuple[str, dict] | None:
    """The tool call that creates a default segmentation not saved yet."""
    if segmentation in saved or segmentation not in MAKERS:
        return None
    tool, args = MAKERS[segmentation]
    return tool, dict(args)
