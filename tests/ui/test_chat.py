"""Events of a turn become chat messages: folded tool steps, then the checked answer."""

from __future__ import annotations

import json

import gradio as gr
import pandas as pd
import plotly.express as px

from assistant.events import Answer, KeyNumber, TextDelta, ToolFinished, ToolStarted
from tools.result import Provenance, Result
from ui.chat import ChatView, answer_summary, describe_arguments, step_message


def rfm_finished(ok: bool = True) -> ToolFinished:
    result = Result(table=pd.DataFrame({"segment": ["Champions", "At Risk"],
                                        "customers": [568, 1067]}),
                    facts={}, summary="Of 5,941 customers, 9.6% are Champions.",
                    provenance=Provenance(tool="rfm", datasets=["orders"], rows_in=64491,
                                          rows_out=2, seconds=0.25))
    return ToolFinished("c1", "rfm", {"window_days": 365}, 0.25, 2, ok,
                        result.summary if ok else "There is no column 'amont'.",
                        result if ok else None)


def test_a_running_tool_is_a_pending_step_with_its_settings() -> None:
    step = step_message(ToolStarted("c1", "rfm", {"window_days": 365}), "en")
    assert step.metadata["status"] == "pending"
    assert step.metadata["title"] == "Computing RFM segments…"
    assert "window_days=365" in step.content


def test_a_finished_tool_says_what_how_long_and_on_how_many_rows() -> None:
    step = step_message(rfm_finished(), "en")
    assert step.metadata["status"] == "done" and step.metadata["duration"] == 0.25
    assert step.metadata["title"] == "✓ RFM segments"
    assert "Of 5,941 customers" in step.content
    assert "Data: orders; 64,491 rows in, 2 rows out, 0.25 s." in step.content
    failed = step_message(rfm_finished(ok=False), "zh")
    assert failed.metadata["title"].startswith("⚠") and "amont" in failed.content


def test_no_arguments_reads_as_default_settings() -> None:
    assert describe_arguments({}, "en") == "default settings"
    assert describe_arguments({"segment": "冠军"}, "en") == 'segment="冠军"'


def test_a_turn_replaces_its_step_and_its_streamed_words() -> None:
    figure = px.bar(x=["Champions", "At Risk"], y=[568, 1067])
    answer = Answer(text="9.6% are Champions.", key_numbers=[KeyNumber("Champions", "568",
                                                                      "rfm")],
                    tables=[("rfm", pd.DataFrame({"segment": ["Champions"], "n": [568]}))],
                    charts=[("rfm", figure)], ungrounded=["12%"],
                    tool_calls=[rfm_finished()], suggestions=["Compare Champions with At Risk"])
    view = ChatView()
    view.ask("Segment my customers")
    for event in [ToolStarted("c1", "rfm", {}), rfm_finished(), TextDelta("9.6% are "),
                  TextDelta("Champions."), answer]:
        view.apply(event, "en")
    roles = [m.role for m in view.messages]
    assert roles == ["user", "assistant", "assistant", "assistant", "assistant", "assistant"]
    step, words, numbers, table, chart = view.messages[1:]
    assert step.metadata["status"] == "done"
    assert words.content.startswith("9.6% are Champions.") and "12%" in words.content
    assert "**568**" in numbers.content
    # tables go in as Markdown: a table component inside a chat message breaks later turns
    assert isinstance(table.content, str) and "| Champions | 568 |" in table.content
    assert isinstance(chart.content, gr.Plot)
    rendered = gr.Chatbot().postprocess(view.messages)
    assert [c.type for c in rendered.root[-1].content] == ["component"]


def test_the_api_summary_is_plain_json() -> None:
    answer = Answer(text="6,000 customers.", tool_calls=[rfm_finished()],
                    suggestions=["Segment my customers with RFM"])
    summary = json.loads(json.dumps(answer_summary(answer)))
    assert summary["tools"] == ["rfm"] and summary["kind"] == "answer"
    assert summary["suggestions"] == ["Segment my customers with RFM"]
