"""What the planner works on and makes: the question read against the schema, and the plan.

A plan is the tool calls to make in order, or one reply instead (a question back, a
refusal), with what the answer should lead with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from assistant.brains.local.context import Schema
from assistant.brains.local.label_refs import with_label_refs
from assistant.brains.local.rules import Condition
from assistant.brains.local.scope import conditions_of
from assistant.brains.local.segments import Memory, SegmentRef, segment_refs


@dataclass
class Plan:
    steps: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    reply: str | None = None
    kind: str = "answer"
    focus: list[SegmentRef] | None = None
    highlight: str | None = None
    chinese: bool = False
    suggestions: list[str] | None = None
    notes: list[str] = field(default_factory=list)
    """Said first in the answer: conditions of the question the plan could not apply."""
    says_setting: bool = False
    """A follow-up that states a number one of its tool's settings takes ('5 groups')."""


@dataclass
class Question:
    raw: str
    text: str
    schema: Schema
    saved: dict[str, list[str]]
    memory: Memory

    @cached_property
    def conditions(self) -> list[Condition]:
        """The conditions the question names, read once (the planner and `scope` use them)."""
        return conditions_of(self.text, self.schema)

    @cached_property
    def refs(self) -> list[SegmentRef]:
        """The segments the question names, read once (planning never changes the memory)."""
        return with_label_refs(self, segment_refs(self.text, self.saved, self.memory))
