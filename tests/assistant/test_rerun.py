"""An answer's computation can be changed and run again without retyping: the rule goes to
the safe rule engine, settings are typed by the tool's own model, and settings that cannot
hold are refused in the tool's words, with nothing saved or lost."""

from __future__ import annotations

from assistant.agent import respond
from assistant.events import Answer
from assistant.rerun import editable, rerun
from assistant.session import Session
from tools.workspace import Workspace


def last(events) -> Answer:  # type: ignore[no-untyped-def]
    return [e for e in events if isinstance(e, Answer)][-1]


def test_a_changed_rule_and_grouping_are_computed_as_edited(demo_ws: Workspace) -> None:
    session = Session(demo_ws)
    first = last(respond(session, "customers by region"))
    assert first.understood is not None and first.understood["tool"] == "breakdown"
    edit = editable(first.understood)
    assert edit.settings["by"] == "region" and edit.rule == ""
    edit.settings["by"] = "country"
    edit.rule = 'gender = "Female" and age > 50'

    again = last(rerun(session, edit, chinese=False))

    customers = demo_ws.read_dataset("customers")
    chosen = customers[(customers["gender"] == "Female") & (customers["age"] > 50)]
    expected = chosen["country"].value_counts()
    assert again.kind == "answer", again.text
    found = again.understood
    assert found is not None and found["tool"] == "breakdown"
    assert found["settings"]["by"] == ["country"]
    assert found["customers"] == len(chosen)
    assert "age > 50" in (found["rule"] or "")
    table = next(t for _, t in again.tables if "country" in t.columns)
    counts = dict(zip(table["country"], table["customers"], strict=False))
    for country, count in expected.items():
        assert counts[country] == count
    assert "Run again with changed settings" in again.text.split("\n")[1] or \
        session.turns[-1]["question"].startswith("Run again with changed settings")


def test_a_setting_that_cannot_hold_is_refused_in_the_tools_words(demo_ws: Workspace) -> None:
    session = Session(demo_ws)
    first = last(respond(session, "cluster my customers into 4 groups"))
    assert first.understood is not None and first.understood["tool"] == "cluster_customers"
    saved_before = sorted(p.name for p in demo_ws.root.rglob("*") if p.is_file())
    edit = editable(first.understood)
    edit.settings["n_segments"] = "-5"

    again = last(rerun(session, edit, chinese=False))

    assert again.kind == "error"
    assert "n_segments" in again.text or "number of segments" in again.text.lower()
    after = sorted(p.name for p in demo_ws.root.rglob("*") if p.is_file())
    assert after == saved_before, "a refused re-run saves nothing"


def test_the_edited_turn_is_worded_in_chinese_when_the_conversation_is(
        demo_ws: Workspace) -> None:
    session = Session(demo_ws)
    first = last(respond(session, "按地区统计客户"))
    assert first.understood is not None
    edit = editable(first.understood)
    edit.rule = 'gender = "Male"'
    again = last(rerun(session, edit, chinese=True))
    assert again.kind == "answer", again.text
    assert session.turns[-1]["question"].startswith("按修改后的设置重新计算")
    assert "理解为" in again.text
