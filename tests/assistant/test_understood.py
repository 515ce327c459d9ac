"""Every answer says what was computed, on whom and with which settings, in its language,
and the API carries the same structure; it is read from the calls, never from the words."""

from __future__ import annotations

from assistant.agent import respond
from assistant.events import Answer
from assistant.session import Session
from tools.workspace import Workspace


def ask(ws: Workspace, question: str) -> Answer:
    return next(e for e in respond(Session(ws), question) if isinstance(e, Answer))


def head(answer: Answer) -> list[str]:
    return answer.text.split("\n\n", 1)[0].split("\n")


def test_a_scoped_breakdown_names_its_rule_and_size(demo_ws: Workspace) -> None:
    answer = ask(demo_ws, "revenue by sales channel for women in Texas")
    customers = demo_ws.read_dataset("customers")
    expected = int(((customers["gender"] == "Female") & (customers["region"] == "Texas")).sum())
    found = answer.understood
    assert found is not None and found["tool"] == "breakdown"
    assert found["customers"] == expected
    assert "Texas" in found["rule"] and "Female" in found["rule"]
    assert found["settings"]["by"] == ["sales_channel"]
    line = head(answer)[1]
    assert line.startswith("Understood as: Breakdown") and f"{expected:,} customers" in line
    assert "by: sales channel" in line


def test_an_unscoped_question_says_all_customers(demo_ws: Workspace) -> None:
    answer = ask(demo_ws, "break down customers by device")
    assert answer.understood is not None and answer.understood["on"] is None
    assert "on all customers" in head(answer)[1]


def test_a_chinese_question_gets_the_line_in_chinese(demo_ws: Workspace) -> None:
    answer = ask(demo_ws, "按设备统计客户数量")
    line = head(answer)[1]
    assert line.startswith("理解为：") and "全部客户" in line
    assert not any(word in line for word in ("Understood", "on all", "Breakdown"))


def test_a_question_asked_back_has_no_understood_line(demo_ws: Workspace) -> None:
    answer = ask(demo_ws, "cluster into -5 groups")
    assert answer.understood is None and not any(
        line.startswith("Understood as") for line in answer.text.split("\n"))


def test_the_api_reply_carries_it(demo_ws: Workspace) -> None:
    from ui.chat import answer_summary

    answer = ask(demo_ws, "break down customers by device")
    reply = answer_summary(answer)
    assert reply["understood"] == answer.understood
