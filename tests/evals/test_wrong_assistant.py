"""A deliberately wrong assistant, driven through the real `respond`, is scored as failing.

(a) a brain that always calls `overview` fails routing; (b) a brain that calls the right
tool but writes an invented number fails grounding. Both make the runner exit non-zero.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from evals.cli import main

IDS = ["geo-02", "rfm-03", "val-01", "tech-01"]
RIGHT_TOOL = {
    "region": ("breakdown", {"by": ["region"], "metric": "sum", "measure": "revenue"}),
    "champions": ("rfm", {}),
    "20%": ("pareto", {"top_percent": 20}),
    "devices": ("distribution", {"column": "device"}),
}


class ScriptedBrain(BaseChatModel):
    """Calls one tool chosen from the question, then answers with fixed words."""

    choose: Any  # ToolChoice
    final_text: str = "Here is what I found."
    runs_locally: bool = True

    @property
    def _llm_type(self) -> str:
        return "scripted-fake"

    def bind_tools(self, tools: Any, **kwargs: Any) -> ScriptedBrain:
        return self

    def _generate(self, messages: list[BaseMessage], stop: Any = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        last_human = max(i for i, m in enumerate(messages) if isinstance(m, HumanMessage))
        answered = any(isinstance(m, ToolMessage) for m in messages[last_human:])
        if answered:
            message = AIMessage(content=self.final_text)
        else:
            name, args = self.choose(str(messages[last_human].content))
            message = AIMessage(content="", tool_calls=[
                {"name": name, "args": args, "id": "call_1", "type": "tool_call"}])
        return ChatResult(generations=[ChatGeneration(message=message)])


def assistant_or_skip() -> tuple[Any, Any]:
    """The real respond and Session, or a skip while the assistant cannot run yet."""
    try:
        from assistant.agent import respond
        from assistant.session import Session
        from assistant.toolkit import assistant_tools

        assistant_tools()
    except ImportError as exc:
        pytest.skip(f"the assistant cannot run yet ({exc}); these tests need assistant.agent")
    return respond, Session


def right_tool(question: str) -> tuple[str, dict[str, Any]]:
    lowered = question.lower()
    return next((call for key, call in RIGHT_TOOL.items() if key in lowered), ("overview", {}))


def run(brain: ScriptedBrain, demo_root: Path, out: Path) -> tuple[int, dict[str, Any]]:
    respond, session_class = assistant_or_skip()
    argv = ["run", "--workspace", str(demo_root), "--out", str(out), "--no-index"]
    for qid in IDS:
        argv += ["--id", qid]
    code = main(argv, make_session=lambda ws: session_class(ws, brain=brain), respond=respond)
    return code, json.loads((out / "eval-report.json").read_text(encoding="utf-8"))


def failed_checks(report: dict[str, Any]) -> dict[str, set[str]]:
    return {q["id"]: {c["name"] for t in q["turns"] for c in t["checks"] if not c["passed"]}
            for q in report["questions"]}


def test_the_right_tools_are_chosen_by_the_fake_brain() -> None:
    assert [right_tool(q)[0] for q in ("Which region brings in the most money?",
                                       "How many champions do we have?",
                                       "What devices do people shop on?")] == \
        ["breakdown", "rfm", "distribution"]


def test_an_assistant_that_always_calls_the_wrong_tool_fails_routing(
        demo_root: Path, tmp_path: Path) -> None:
    brain = ScriptedBrain(choose=lambda question: ("overview", {}),
                          final_text="Here is an overview of your data.")
    code, report = run(brain, demo_root, tmp_path / "out")
    assert code != 0
    failed = failed_checks(report)
    assert set(failed) == set(IDS)
    assert all("routing" in checks for checks in failed.values()), failed
    assert not report["passed"]


def test_an_assistant_that_invents_a_number_fails_grounding(
        demo_root: Path, tmp_path: Path) -> None:
    brain = ScriptedBrain(choose=right_tool, final_text="Good news: revenue grew 37.9%.")
    code, report = run(brain, demo_root, tmp_path / "out")
    assert code != 0
    failed = failed_checks(report)
    assert all("routing" not in checks for checks in failed.values()), failed
    assert all({"grounded", "numbers-grounded"} & checks for checks in failed.values()), failed
    assert any("ungrounded" in reason for reason in report["failures"])
