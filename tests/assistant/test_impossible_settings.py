"""A setting that cannot hold is refused with what would, never replaced by a default."""

from __future__ import annotations

import pytest

from assistant.agent import respond
from assistant.events import Answer, ToolStarted
from assistant.session import Session
from tools.workspace import Workspace


def turn(ws: Workspace, question: str) -> tuple[Answer, list[str]]:
    tools, answer = [], None
    for event in respond(Session(ws), question):
        if isinstance(event, ToolStarted):
            tools.append(event.tool)
        if isinstance(event, Answer):
            answer = event
    assert answer is not None
    return answer, tools


@pytest.mark.parametrize(("question", "said", "fixed"), [
    ("cluster into -5 groups", "-5 groups", "cluster into 5 groups"),
    ("RFM over the last -365 days", "-365 days", "RFM over the last 365 days"),
    ("CLV over -12 months", "-12 months", "CLV over 12 months"),
    ("revenue in 2024 Q7", "Q7", None),
    ("cluster customers into 0 groups", "0 groups", None),
    ("把客户聚成-5类", "-5类", "把客户聚成5类"),
    ("2024年第5季度的收入是多少", "第5季度", None),
])
def test_an_impossible_setting_is_said_and_nothing_runs(demo_ws: Workspace, question: str,
                                                        said: str, fixed: str | None) -> None:
    answer, tools = turn(demo_ws, question)
    assert tools == [], f"{question!r} ran {tools}"
    assert answer.kind == "clarify" and said in answer.text, answer.text
    if fixed:
        assert answer.suggestions == [fixed]
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in question)
    assert ("无法使用" in answer.text) == chinese


@pytest.mark.parametrize(("question", "tool"), [
    ("cluster customers into 5 groups", "cluster_customers"),
    ("customers aged 25 - 40 years", "define_segment"),
    ("RFM over the last 365 days", "rfm"),
])
def test_valid_settings_still_run(demo_ws: Workspace, question: str, tool: str) -> None:
    answer, tools = turn(demo_ws, question)
    assert tool in tools, answer.text
