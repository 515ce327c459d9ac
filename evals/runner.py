"""Drive the assistant through the question set as the app does, and score every turn.

Each conversation gets a fresh session on its own temporary copy of the workspace, so
saved segments of one conversation never leak into another and the marketer's own
workspace is never changed. `respond` and the session factory are passed in, so the
same runner serves the local brain, a remote model and the fakes of the tests.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.events import Answer, ToolFinished
from evals.numbers import read_numbers
from evals.questions import Conversation, Turn
from evals.quotes import FeedbackCorpus, score_persona
from evals.scorers import (
    Call,
    Check,
    score_arguments,
    score_conditions,
    score_exclude,
    score_include,
    score_kind,
    score_numbers,
    score_own_grounding,
    score_reported_grounding,
    score_routing,
)
from tools.workspace import Workspace

RespondFn = Callable[[Any, str], Iterable[Any]]
SessionFactory = Callable[[Workspace], Any]
GROUNDING_CHECKS = ("grounded", "numbers-grounded", "quotes")


@dataclass
class TurnOutcome:
    ask: str
    kind: str
    text: str
    calls: list[Call]
    checks: list[Check]
    seconds: float
    trace: dict[str, Any] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    judge: dict[str, Any] | None = None

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def check(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.name == name), None)

    @property
    def grounded(self) -> bool:
        """No grounding check failed (a turn that crashed has nothing to ground)."""
        return all(c.passed for c in self.checks if c.name in GROUNDING_CHECKS)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]


@dataclass
class ConversationOutcome:
    conversation: Conversation
    turns: list[TurnOutcome]

    @property
    def passed(self) -> bool:
        return all(turn.passed for turn in self.turns)

    @property
    def id(self) -> str:
        return self.conversation.id

    @property
    def category(self) -> str:
        return self.conversation.category


def private_copy(source: Path, parent: Path, name: str) -> Workspace:
    """A copy of a workspace folder that tools may change freely."""
    return Workspace(source).copy_to(parent / name)


def run_conversations(
    conversations: list[Conversation],
    base: Workspace,
    make_session: SessionFactory,
    respond: RespondFn,
    resolve: Callable[[str], Any],
    judge: Callable[[str, str], dict[str, Any]] | None = None,
    progress: Callable[[ConversationOutcome], None] | None = None,
) -> list[ConversationOutcome]:
    """Run and score every conversation, each on a private copy of `base`."""
    corpus = FeedbackCorpus(base)
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="segment-evals-") as scratch:
        for number, conversation in enumerate(conversations):
            ws = private_copy(base.root, Path(scratch), f"q{number:04d}")
            outcome = run_conversation(conversation, ws, make_session, respond, resolve,
                                       corpus, judge)
            shutil.rmtree(ws.root, ignore_errors=True)
            outcomes.append(outcome)
            if progress:
                progress(outcome)
    return outcomes


def run_conversation(
    conversation: Conversation,
    ws: Workspace,
    make_session: SessionFactory,
    respond: RespondFn,
    resolve: Callable[[str], Any],
    corpus: FeedbackCorpus,
    judge: Callable[[str, str], dict[str, Any]] | None = None,
) -> ConversationOutcome:
    session = make_session(ws)
    facts: list[tuple[Any, str]] = []
    allowed: list[float] = []
    turns: list[TurnOutcome] = []
    for turn in conversation.turns:
        allowed.extend(n.value for n in read_numbers(turn.ask))
        answer, calls, seconds, crash = ask(session, respond, turn.ask)
        for call in calls:
            facts.extend(call.facts.values())
            allowed.extend(_numbers_in_arguments(call.arguments))
            allowed.extend(n.value for n in read_numbers(call.message))
        outcome = score_turn(turn, answer, calls, seconds, crash, facts, allowed, resolve, corpus)
        if judge and answer is not None and answer.kind == "answer":
            outcome.judge = judge(turn.ask, answer.text)
        turns.append(outcome)
    return ConversationOutcome(conversation, turns)


def ask(session: Any, respond: RespondFn, text: str
        ) -> tuple[Answer | None, list[Call], float, str]:
    """One turn: collect the events; the last must be an Answer. Crashes are recorded."""
    started = time.perf_counter()
    answer, finished, crash = None, [], ""
    try:
        for event in respond(session, text):
            if isinstance(event, ToolFinished):
                finished.append(event)
            elif isinstance(event, Answer):
                answer = event
    except Exception as exc:  # a crash is a failed turn, not a failed run
        crash = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - started
    if answer is not None and answer.tool_calls:
        finished = list(answer.tool_calls)
    return answer, [to_call(event) for event in finished], seconds, crash


def to_call(event: ToolFinished) -> Call:
    result = event.result
    facts: dict[str, tuple[Any, str]] = {}
    parameters: dict[str, Any] = {}
    if result is not None:
        facts = {name: (fact.value, fact.unit) for name, fact in result.facts.items()}
        # the tool's own warnings ("fewer than 30 customers") are tool output too
        facts.update({f"warning_{n}": (text, "") for n, text in enumerate(result.warnings)})
        # and so are the first rows of its main table (a row's figures, group labels, quotes)
        facts.update(table_cells(result.table, "table"))
        parameters = dict(result.provenance.parameters or {})
    return Call(tool=event.tool, arguments=dict(event.arguments or {}), ok=event.ok,
                message=event.message or "", seconds=event.seconds, parameters=parameters,
                facts=facts)


TABLE_ROWS = 20


def table_cells(table: Any, prefix: str) -> dict[str, tuple[Any, str]]:
    """The first rows of a result table as (value, unit) pairs; share columns as shares."""
    cells: dict[str, tuple[Any, str]] = {}
    for column in table.columns:
        unit = "share" if "share" in str(column).lower() or str(column).startswith(
            "month_") else ""
        for row, value in enumerate(table[column].head(TABLE_ROWS).tolist()):
            if isinstance(value, bool) or value is None:
                continue
            if isinstance(value, int | float | str):
                cells[f"{prefix}.{column}.{row}"] = (value, unit)
    return cells


def _numbers_in_arguments(arguments: dict[str, Any]) -> list[float]:
    found: list[float] = []
    for value in arguments.values():
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            found.append(float(value))
        elif isinstance(value, str):
            found.extend(n.value for n in read_numbers(value))
        elif isinstance(value, list | tuple):
            found.extend(_numbers_in_arguments(dict(enumerate(value))))
        elif isinstance(value, dict):
            found.extend(_numbers_in_arguments(value))
    return found


def score_turn(turn: Turn, answer: Answer | None, calls: list[Call], seconds: float,
               crash: str, facts: list[tuple[Any, str]], allowed: list[float],
               resolve: Callable[[str], Any], corpus: FeedbackCorpus) -> TurnOutcome:
    expect = turn.expect
    if answer is None:
        reason = crash or "the assistant gave no Answer event"
        return TurnOutcome(turn.ask, "crash", "", calls, [Check("answered", False, reason)],
                           seconds)
    text = answer.text or ""
    checks = [score_kind(expect.kinds, answer.kind)]
    if expect.tools or expect.forbidden_tools:
        checks.append(score_routing(expect.tools, expect.forbidden_tools,
                                    [c.tool for c in calls]))
    if expect.args:
        arguments = score_arguments(expect.args, calls)
        if arguments is not None:
            checks.append(arguments)
    if expect.conditions:
        checks.append(score_conditions(expect.conditions, calls))
    if expect.numbers:
        checks.append(score_numbers(expect.numbers, text, resolve))
    if expect.include:
        checks.append(score_include(expect.include, text))
    if expect.exclude:
        checks.append(score_exclude(expect.exclude, text))
    checks.append(score_reported_grounding(list(answer.ungrounded or [])))
    checks.append(score_own_grounding(text, facts, allowed))
    files = [str(f) for f in (answer.files or [])]
    if expect.grounding:
        checks.extend(score_persona(expect.grounding, text, files, corpus))
    return TurnOutcome(turn.ask, answer.kind, text, calls, checks, seconds,
                       trace=dict(answer.trace or {}), files=files)
