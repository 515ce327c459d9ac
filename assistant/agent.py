"""One turn of the conversation: the agent loop over the tools, streamed as events.

`respond(session, text)` is the single entry point of the app and the evals. Whatever the
brain (local or remote), the same LangChain agent runs: the brain chooses tools and
arguments, the tools compute, the brain writes words. The words are then checked against
the facts of the results (and quotes against the knowledge store) before they are shown.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Iterator
from typing import Any

from langchain.agents import create_agent
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, ToolMessage

from assistant.answers import assemble, grounding_of, infer_kind, source_of, with_source
from assistant.brains.errors import TOO_MANY_STEPS, brain_error_message
from assistant.brains.local import LocalBrain
from assistant.brains.local.plans import Plan
from assistant.brains.middleware import agent_middleware
from assistant.events import Answer, Event, TextDelta, ToolFinished, ToolStarted
from assistant.prompt import system_message
from assistant.session import Session, ToolRecord
from assistant.toolkit import langchain_tools

log = logging.getLogger(__name__)
MAX_STEPS = 16
"""Graph steps per turn (a model step and a tool step per tool call)."""


def build_agent(session: Session) -> Any:
    if session._agent is None:
        tools = langchain_tools(lambda: session.workspace, session.redactor)
        session._agent = create_agent(session.brain, tools=tools,
                                      middleware=agent_middleware(session))
    return session._agent


def respond(session: Session, text: str) -> Iterator[Event]:
    """Answer one message: stream tool steps and words, end with one `Answer`."""
    with session.lock:
        yield from _respond(session, text)


def respond_to_plan(session: Session, text: str, given: Plan) -> Iterator[Event]:
    """Carry out `given` as one turn (whatever the session's brain): the calls are made as
    planned and the offline writer says what they found. `text` is the turn's question."""
    with session.lock:
        brain = session.brain
        if not isinstance(brain, LocalBrain):
            brain = LocalBrain.for_session(session)
        brain.follow(given)
        yield from _respond(session, text, _agent_for(session, brain))


def _agent_for(session: Session, brain: LocalBrain) -> Any:
    if brain is session.brain:
        return build_agent(session)
    tools = langchain_tools(lambda: session.workspace, session.redactor)
    return create_agent(brain, tools=tools, middleware=agent_middleware(session))


def _respond(session: Session, text: str, agent: Any = None) -> Iterator[Event]:
    started = time.perf_counter()
    turn = len(session.turns)
    pending: dict[str, ToolStarted] = {}
    finished: list[ToolFinished] = []
    final: AIMessage | None = None
    error: str | None = None
    new_messages: list[Any] = []
    introduced = False
    try:
        # the question itself is personal data too when it goes to a remote model
        human = HumanMessage(session.redactor.text(text) if session.remote else text)
        new_messages.append(human)
        agent = agent or build_agent(session)
        inputs = {"messages": [system_message(session), *session.history(), human]}
        stream = agent.stream(inputs, stream_mode=["updates", "messages"],
                              config={"recursion_limit": MAX_STEPS})
        for mode, payload in stream:
            if mode == "messages":
                chunk, meta = payload
                if (isinstance(chunk, AIMessageChunk | AIMessage) and chunk.content
                        and not chunk.tool_calls and meta.get("langgraph_node") == "model"):
                    if not introduced:  # the answer's first line: where it comes from
                        introduced = True
                        yield TextDelta(source_of(session, finished, text) + "\n\n")
                    yield TextDelta(str(chunk.content))
                continue
            for node, update in (payload or {}).items():
                for message in (update or {}).get("messages", []) if isinstance(
                        update, dict) else []:
                    new_messages.append(message)
                    if isinstance(message, AIMessage):
                        final = message
                        for call in message.tool_calls:
                            event = ToolStarted(call["id"], call["name"], dict(call["args"]))
                            pending[call["id"]] = event
                            yield event
                    elif isinstance(message, ToolMessage):
                        done = _finished(message, pending, time.perf_counter())
                        finished.append(done)
                        session.records.append(ToolRecord(
                            turn, done.call_id, done.tool, done.arguments, done.result,
                            None if done.ok else done.message))
                        yield done
                del node
    except Exception as exc:  # the page must get words, never a traceback
        log.warning("turn failed: %s", traceback.format_exc())
        error = brain_error_message(exc, session.settings)
    if error is None and (final is None or final.tool_calls):
        error = TOO_MANY_STEPS
    if error is not None:
        answer = Answer(text=error, kind="error", tool_calls=finished)
        new_messages.append(AIMessage(error))
    else:
        assert final is not None
        answer = assemble(session, str(final.content), infer_kind(final, finished), finished,
                          question=text,
                          suggested=final.additional_kwargs.get("suggestions"))
        checked = grounding_of(session, answer.text,
                               said=text if answer.kind == "clarify" else "")
        answer.text, answer.ungrounded = checked
    with_source(session, answer, text)
    session.messages.extend(new_messages)
    answer.seconds = time.perf_counter() - started
    answer.trace = _trace(session, text, answer)
    session.turns.append(answer.trace)
    yield answer


def _finished(message: ToolMessage, pending: dict[str, ToolStarted], now: float) -> ToolFinished:
    start = pending.get(message.tool_call_id)
    result = message.artifact if message.status != "error" else None
    seconds = result.provenance.seconds if result is not None else 0.0
    content = str(message.content)
    return ToolFinished(
        call_id=message.tool_call_id,
        tool=start.tool if start else str(message.name),
        arguments=start.arguments if start else {},
        seconds=seconds,
        rows=len(result.table) if result is not None else 0,
        ok=result is not None,
        message=result.summary if result is not None else content.removeprefix("Error: "),
        result=result,
    )


def _trace(session: Session, text: str, answer: Answer) -> dict[str, Any]:
    return {
        "turn": len(session.turns),
        "question": text,
        "brain": session.brain_name,
        "kind": answer.kind,
        "answer": answer.text,
        "seconds": round(answer.seconds, 4),
        "tool_calls": [
            {"tool": c.tool, "arguments": c.arguments, "ok": c.ok, "seconds": round(c.seconds, 4),
             "rows": c.rows, "message": c.message}
            for c in answer.tool_calls
        ],
        "ungrounded": list(answer.ungrounded),
        "suggestions": list(answer.suggestions),
        "workspace": answer.workspace,
        "datasets": list(answer.datasets),
    }
