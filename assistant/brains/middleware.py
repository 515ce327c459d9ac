"""One chance to repair an unusable tool call, then a clear message instead of a loop.

A remote model sometimes asks for a tool in a way that cannot run: arguments that are
not JSON (LangChain keeps those in `AIMessage.invalid_tool_calls` and runs nothing), a
tool that does not exist, or settings the tool's schema refuses. The model is told
exactly what was wrong and may try once more:

- unreadable arguments: nothing can be run, so the error goes back to the model inside
  the same model step (as tool messages answering the broken calls) and it answers again;
- an unknown tool or refused settings: the tool step answers with the tool's own plain
  error message, which the model reads on its next step.

If the next answer is unusable again, the turn ends with a message the marketer can act
on (marked kind "error"), instead of spending the turn's steps on the same mistake.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.tools import BaseTool
from pydantic import ValidationError

from tools.errors import did_you_mean
from tools.registry import explain

log = logging.getLogger(__name__)

UNREADABLE = "unreadable"
UNKNOWN_TOOL = "unknown tool"
REFUSED = "refused"
_WHAT = {
    UNREADABLE: "tool arguments that could not be read",
    UNKNOWN_TOOL: "a tool that does not exist",
    REFUSED: "tool settings that the tool refuses",
}


@dataclass(frozen=True)
class Problem:
    """Why one tool call of a model's answer cannot run."""

    call_id: str
    tool: str
    kind: str
    detail: str
    """What the model is told (the tool's own words where there are some)."""


def agent_middleware(session: object | None = None) -> list[AgentMiddleware]:
    """The middleware the agent loop runs with (for any brain: it costs nothing when unused)."""
    del session
    return [ToolCallRepair()]


class ToolCallRepair(AgentMiddleware):
    """Gives the model one chance to correct an unusable tool call, then stops the turn."""

    def wrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]
    ) -> ModelResponse:
        response = handler(request)
        retry = _retry_request(request, response)
        if not isinstance(retry, ModelRequest):
            return retry
        return _settle(request, handler(retry))

    async def awrap_model_call(
        self, request: ModelRequest,
        handler: Callable[[ModelRequest], Awaitable[ModelResponse]],
    ) -> ModelResponse:
        response = await handler(request)
        retry = _retry_request(request, response)
        if not isinstance(retry, ModelRequest):
            return retry
        return _settle(request, await handler(retry))


def _retry_request(request: ModelRequest, response: ModelResponse) -> ModelRequest | ModelResponse:
    """The request to ask again with, or the response to keep (possibly the give-up message)."""
    problems = problems_of(_answer(response), request.tools)
    if not problems:
        return response
    if _previous_answer_was_unusable(request.messages, request.tools):
        return _give_up(problems)
    if not _unreadable(problems):
        return response  # the tool step sends the tool's own error message back
    log.info("model sent unreadable tool arguments; asking it once more")
    return request.override(messages=_with_correction(request, response, problems))


def _settle(request: ModelRequest, second: ModelResponse) -> ModelResponse:
    """The second answer, unless it is unusable too."""
    again = problems_of(_answer(second), request.tools)
    return _give_up(again) if again else second


def problems_of(message: AIMessage | None, tools: Sequence[BaseTool | dict[str, Any]]
                ) -> list[Problem]:
    """Every tool call of the answer that cannot run, with the reason in plain words."""
    if message is None:
        return []
    by_name = {t.name: t for t in tools if isinstance(t, BaseTool)}
    names = [t.name if isinstance(t, BaseTool) else str(t.get("name", "")) for t in tools]
    found: list[Problem] = []
    for call in message.invalid_tool_calls:
        name = str(call.get("name") or "")
        raw = call.get("args")
        found.append(Problem(str(call.get("id") or ""), name, UNREADABLE, (
            f"Error: the arguments of your call to '{name or '?'}' are not valid JSON "
            f"({_json_error(raw)}): {raw!r:.300}. Send the call again with the arguments "
            "as one JSON object.")))
    for call in message.tool_calls:
        name = call["name"]
        tool = by_name.get(name)
        if tool is None and name not in names:
            found.append(Problem(str(call.get("id") or ""), name, UNKNOWN_TOOL, (
                f"Error: there is no tool '{name}'." + did_you_mean(name, names))))
            continue
        refusal = _refusal(tool, call.get("args") or {})
        if refusal:
            found.append(Problem(str(call.get("id") or ""), name, REFUSED, refusal))
    return found


def _json_error(raw: object) -> str:
    """Where the arguments stop being JSON, as the parser says it."""
    if not isinstance(raw, str):
        return "they are not text"
    try:
        parsed = json.loads(raw)
    except json.JSONDecodeError as exc:
        return f"{exc.msg} at character {exc.pos}"
    return "they are not one JSON object" if not isinstance(parsed, dict) else "unreadable"


def _refusal(tool: BaseTool | None, arguments: Any) -> str | None:
    """The tool's own message when its schema refuses the arguments, else None."""
    schema = getattr(tool, "args_schema", None)
    if tool is None or schema is None or not hasattr(schema, "model_validate"):
        return None
    if not isinstance(arguments, dict):
        return "Error: the arguments must be one JSON object."
    try:
        schema.model_validate(arguments)
    except ValidationError as exc:
        return f"Error: {explain(exc)}"
    return None


def _answer(response: ModelResponse | AIMessage) -> AIMessage | None:
    if isinstance(response, AIMessage):
        return response
    return next((m for m in reversed(response.result) if isinstance(m, AIMessage)), None)


def _unreadable(problems: list[Problem]) -> bool:
    return any(p.kind == UNREADABLE for p in problems)


def _previous_answer_was_unusable(messages: Sequence[BaseMessage],
                                  tools: Sequence[BaseTool | dict[str, Any]]) -> bool:
    """True when the model's last step of this turn was an unusable tool call already."""
    for message in reversed(messages):
        if isinstance(message, HumanMessage):
            return False
        if isinstance(message, AIMessage):
            return bool(problems_of(message, tools))
    return False


def _with_correction(request: ModelRequest, response: ModelResponse | AIMessage,
                     problems: list[Problem]) -> list[BaseMessage]:
    """The conversation plus the broken answer and, for each of its calls, what was wrong."""
    answer = _answer(response)
    assert answer is not None
    told = {p.call_id: p.detail for p in problems}
    replies: list[BaseMessage] = []
    for call in [*answer.invalid_tool_calls, *answer.tool_calls]:
        call_id = str(call.get("id") or "")
        detail = told.get(call_id, "Not run: another call in the same answer could not be "
                                   "read. Send all the calls again.")
        replies.append(ToolMessage(detail, tool_call_id=call_id, name=call.get("name") or "",
                                   status="error"))
    return [*request.messages, answer, *replies]


def _give_up(problems: list[Problem]) -> ModelResponse:
    """End the turn with words the marketer can act on."""
    first = problems[0]
    where = f"'{first.tool}'" if first.tool else "a tool"
    text = (f"The model returned {_WHAT[first.kind]} twice in a row (its call to {where}). "
            "Try again, rephrase the question, or switch to the local brain in Settings.")
    log.info("model sent unusable tool calls twice in a row: %s",
             json.dumps([p.detail for p in problems])[:500])
    return ModelResponse(result=[AIMessage(text, response_metadata={"kind": "error"})])
