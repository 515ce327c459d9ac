"""The local brain: a LangChain chat model that plans tool calls and writes answers offline.

It runs in the same agent loop as a remote model. On a new question it makes a plan
(tool calls, or one question back, or a refusal) and returns the first call; after each
tool result it returns the next call; when the plan is done it writes the answer from the
results' facts. Deterministic: the same conversation gives the same calls and words.
"""

from __future__ import annotations

import copy
import itertools
from typing import TYPE_CHECKING, Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, PrivateAttr

from assistant.brains.local.context import schema_of, segment_labels
from assistant.brains.local.planner import Plan, plan
from assistant.brains.local.segments import Memory, SegmentRef
from assistant.brains.local.writer import compose, compose_error
from assistant.toolkit import default_save_name
from tools.result import Result

if TYPE_CHECKING:
    from assistant.session import Session


class LocalBrain(BaseChatModel):
    """Offline, deterministic brain over the session's workspace."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    session: Any = None
    runs_locally: bool = True
    _memory: Memory = PrivateAttr(default_factory=Memory)
    _plans: dict[int, Plan] = PrivateAttr(default_factory=dict)
    _ids: Any = PrivateAttr(default_factory=lambda: itertools.count(1))
    _forced: Plan | None = PrivateAttr(default=None)

    @classmethod
    def for_session(cls, session: Session) -> LocalBrain:
        return cls(session=session)

    @property
    def _llm_type(self) -> str:
        return "segment-assistant-local"

    def bind_tools(self, tools: Any, **kwargs: Any) -> LocalBrain:
        return self

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        message = self._next(messages)
        return ChatResult(generations=[ChatGeneration(message=message)])

    # -- the turn ----------------------------------------------------------------------
    def _next(self, messages: list[BaseMessage]) -> AIMessage:
        start = max(i for i, m in enumerate(messages) if isinstance(m, HumanMessage))
        question = str(messages[start].content)
        done = [m for m in messages[start + 1:] if isinstance(m, ToolMessage)]
        key = sum(isinstance(m, HumanMessage) for m in messages)
        if not done or key not in self._plans:
            self._plans = {key: self._take_forced() or self._plan(question)}
        current = self._plans[key]
        if current.reply is not None:
            extra = {"kind": current.kind}
            if current.suggestions:
                extra["suggestions"] = list(current.suggestions)
            return AIMessage(current.reply, additional_kwargs=extra)
        for message in done:
            self._observe(message)
        failed = next((m for m in done if m.status == "error"), None)
        if failed is not None:
            text = compose_error(str(failed.name), str(failed.content).removeprefix("Error: "),
                                 current.chinese)
            return AIMessage(text, additional_kwargs={"kind": "error"})
        if len(done) < len(current.steps):
            tool, args = current.steps[len(done)]
            call = {"name": tool, "args": args, "id": f"local_{next(self._ids)}",
                    "type": "tool_call"}
            return AIMessage("", tool_calls=[call])
        return self._answer(current, done)

    def _plan(self, question: str) -> Plan:
        ws = self.session.workspace
        made = plan(question, schema_of(ws), segment_labels(ws), self._memory)
        if made.steps:
            tool, args = made.steps[-1]
            self._memory.called(tool, args)
        if made.focus:
            self._memory.focus = list(made.focus)
        return made

    def follow(self, given: Plan) -> None:
        """Carry out `given` on the next turn instead of planning from its words (a re-run
        of an answer whose settings the marketer changed on the page)."""
        self._forced = given

    def _take_forced(self) -> Plan | None:
        given, self._forced = self._forced, None
        if given is not None and given.steps:
            tool, args = given.steps[-1]
            self._memory.called(tool, args)
            self._memory.focus = list(given.focus or self._memory.focus)
        return given

    def preview(self, question: str) -> Plan:
        """The plan this question would get now, leaving the conversation as it is."""
        ws = self.session.workspace
        return plan(question, schema_of(ws), segment_labels(ws), copy.deepcopy(self._memory))

    def _observe(self, message: ToolMessage) -> None:
        """Remember what a result makes addressable: its segmentation and segment order."""
        result = message.artifact
        if not isinstance(result, Result):
            return
        tool = result.provenance.tool
        saved_as = result.provenance.parameters.get("save_as", default_save_name(tool))
        if default_save_name(tool) is not None and saved_as:
            self._memory.segmentation = str(saved_as)
            key = next((c for c in ("segment", "type", "tier", "status")
                        if c in result.table.columns), None)
            if key:
                self._memory.order[str(saved_as)] = [str(v) for v in result.table[key]]
        if tool == "segment_health":
            self._memory.segmentation = str(result.provenance.parameters.get("segmentation"))
        if tool == "define_segment" and result.provenance.parameters.get("name"):
            name = str(result.provenance.parameters["name"])
            self._memory.focus = [SegmentRef("rule", name)]

    def _answer(self, current: Plan, done: list[ToolMessage]) -> AIMessage:
        parts = list(current.notes)
        last = done[-1]
        for message in done[:-1]:
            result = message.artifact
            if isinstance(result, Result) and result.provenance.tool == "define_segment":
                parts.append(result.summary)
        result = last.artifact
        if isinstance(result, Result):
            parts.append(compose(result.provenance.tool, result, current.highlight,
                                 current.chinese))
        return AIMessage("\n\n".join(parts), additional_kwargs={"kind": current.kind})
