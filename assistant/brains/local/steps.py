"""Pieces every plan builder uses: the calls that create the segments a question names, the
segment a call runs on, and the question's time window as start and end dates."""

from __future__ import annotations

from typing import Any

from assistant.brains.local.label_refs import label_segments
from assistant.brains.local.plans import Plan, Question
from assistant.brains.local.segments import SegmentRef, maker_for
from assistant.brains.local.slots import window_in

GROUPS = r"segments?|groups?|clusters?|personas?|tiers?|buckets?|组|类|个群|个细分|群"


def makers(q: Question, refs: list[SegmentRef]) -> list[tuple[str, dict[str, Any]]]:
    steps, seen = [], set()
    defined = {ref.label: define for ref, define in label_segments(q)}
    for ref in refs:
        if ref.segmentation == "rule" and ref.label in defined:
            steps.append(("define_segment", defined[ref.label]))
            continue
        maker = maker_for(ref.segmentation, q.saved)
        if maker and ref.segmentation not in seen:
            seen.add(ref.segmentation)
            steps.append(maker)
    return steps


def with_segment(q: Question, tool: str, args: dict[str, Any]) -> Plan:
    refs = q.refs
    steps = makers(q, refs[:1])
    if refs:
        args["segment"] = refs[0].ref
    return Plan(steps=[*steps, (tool, args)], focus=refs[:1] or None)


def window_args(q: Question, args: dict[str, Any], start: str = "start", end: str = "end") -> None:
    window = window_in(q.text, q.schema)
    if window:
        if window.start:
            args[start] = window.start
        if window.end:
            args[end] = window.end
