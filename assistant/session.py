"""One conversation: its workspace, its brain, its messages, its results and its trace.

Why the session keeps the messages and results itself: follow-ups ("now only in
California", "compare them with Champions") need what was asked and computed before, and
the page, the evals and the trace export all read the same record.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage

from assistant.privacy import Redactor
from assistant.settings import BrainSettings
from assistant.toolkit import default_save_name
from tools.result import Result
from tools.segments import saved
from tools.workspace import Workspace, atomic_write_text

HISTORY_TURNS = 8
"""Turns of conversation the brain sees (older ones stay in the trace)."""


@dataclass
class ToolRecord:
    """A tool call of this session, in order, with its result (None when it failed)."""

    turn: int
    call_id: str
    tool: str
    arguments: dict[str, Any]
    result: Result | None
    error: str | None = None


class Session:
    """State of one conversation. Not shared between browser sessions."""

    def __init__(
        self,
        workspace: Workspace,
        settings: BrainSettings | None = None,
        brain: BaseChatModel | None = None,
    ) -> None:
        self.workspace = workspace
        self.settings = settings or BrainSettings.from_env()
        self._brain = brain
        self.messages: list[BaseMessage] = []
        self.records: list[ToolRecord] = []
        self.turns: list[dict[str, Any]] = []
        self.redactor = Redactor(workspace)
        self.lock = threading.Lock()
        self._agent: Any = None

    # -- the brain and its agent -------------------------------------------------------
    @property
    def brain(self) -> BaseChatModel:
        if self._brain is None:
            from assistant.brains import make_brain

            self._brain = make_brain(self.settings, self)
        return self._brain

    @property
    def remote(self) -> bool:
        """True unless the brain is known to run on this machine: then text is redacted."""
        return not getattr(self.brain, "runs_locally", False)

    @property
    def brain_name(self) -> str:
        """'local', or the remote model's name."""
        if getattr(self.brain, "runs_locally", False):
            return "local"
        return str(getattr(self.brain, "model_name", None) or self.brain._llm_type)

    def use(self, settings: BrainSettings | None = None, brain: BaseChatModel | None = None,
            workspace: Workspace | None = None) -> None:
        """Switch brain or workspace; the conversation starts afresh on a new workspace."""
        if workspace is not None and workspace.root != self.workspace.root:
            self.workspace = workspace
            self.redactor = Redactor(workspace)
            self.messages.clear()
            self.records.clear()
        if settings is not None:
            self.settings = settings
        self._brain = brain
        self._agent = None

    # -- what follow-ups need ----------------------------------------------------------
    @property
    def last_result(self) -> Result | None:
        return next((r.result for r in reversed(self.records) if r.result is not None), None)

    @property
    def saved_segmentations(self) -> dict[str, dict[str, Any]]:
        return saved(self.workspace)

    @property
    def current_segmentation(self) -> str | None:
        """The segmentation this conversation made or looked at last."""
        for record in reversed(self.records):
            if record.result is None:
                continue
            name = record.arguments.get("save_as", default_save_name(record.tool))
            if name and name in self.saved_segmentations:
                return str(name)
            if record.tool == "segment_health" and record.arguments.get("segmentation"):
                return str(record.arguments["segmentation"])
        return None

    def history(self) -> list[BaseMessage]:
        """The last HISTORY_TURNS turns, cut only at a question so tool calls stay paired."""
        starts = [i for i, m in enumerate(self.messages) if isinstance(m, HumanMessage)]
        if len(starts) <= HISTORY_TURNS:
            return list(self.messages)
        return self.messages[starts[-HISTORY_TURNS]:]

    # -- the record --------------------------------------------------------------------
    def trace_json(self) -> str:
        return json.dumps({"workspace": self.workspace.name, "brain": self.brain_name,
                           "turns": self.turns}, ensure_ascii=False, indent=2, default=str)

    def export_trace(self, path: Path | str) -> Path:
        """Write every turn of the conversation (tool calls, arguments, timings, answers)."""
        path = Path(path)
        atomic_write_text(path, self.trace_json())
        return path

