"""What one turn of the assistant streams to its caller (the app, the evals, a notebook).

`respond(session, text)` yields these in order: for each tool call a `ToolStarted` then a
`ToolFinished`; the answer's words as `TextDelta`s; and last, always, one `Answer` with
everything the page shows (numbers, tables, charts, files, suggestions) and the turn's trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from tools.result import Result

AnswerKind = Literal["answer", "clarify", "refuse", "error"]
"""answer: computed from tools; clarify: one question back; refuse: out of scope;
error: the request could not be carried out (the text says what to do)."""


@dataclass(frozen=True)
class ToolStarted:
    call_id: str
    tool: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class ToolFinished:
    """A finished tool call: ok with its result, or the marketer-readable error."""

    call_id: str
    tool: str
    arguments: dict[str, Any]
    seconds: float
    rows: int
    ok: bool
    message: str
    result: Result | None = None


@dataclass(frozen=True)
class TextDelta:
    text: str


@dataclass(frozen=True)
class KeyNumber:
    label: str
    text: str
    tool: str


@dataclass
class Answer:
    """The final answer of a turn. `workspace` and `datasets` say what it was computed on
    (the datasets the turn's tools read); the text's first line names them too."""

    text: str
    kind: AnswerKind = "answer"
    key_numbers: list[KeyNumber] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    charts: list[tuple[str, Any]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    tool_calls: list[ToolFinished] = field(default_factory=list)
    ungrounded: list[str] = field(default_factory=list)
    seconds: float = 0.0
    trace: dict[str, Any] = field(default_factory=dict)
    workspace: str = ""
    datasets: list[str] = field(default_factory=list)
    understood: dict[str, Any] | None = None
    """What was computed, on whom, with which settings (`assistant.understood`)."""

    @property
    def tools(self) -> list[str]:
        return [call.tool for call in self.tool_calls]


Event = ToolStarted | ToolFinished | TextDelta | Answer
