"""The OpenAI-compatible brain, against a local server speaking the chat completions protocol.

Everything between the agent and the server is real: ChatOpenAI, the openai client, HTTP,
JSON and server-sent events. Only the answers of the "model" are scripted.
"""

from __future__ import annotations

import json
import logging
import time

import pytest

from assistant.brains.remote import MissingKeyError, remote_brain
from assistant.events import Answer, TextDelta, ToolFinished, ToolStarted
from assistant.session import Session
from assistant.settings import BrainSettings
from tools.errors import ToolError

UNREADABLE_ARGUMENTS = "{window_days: 365,,}"


def completed_buyers(ws) -> int:
    """Customers with at least one completed order: the customers RFM scores (by hand)."""
    orders = ws.read_dataset("orders")
    return int(orders.loc[orders["status"] == "completed", "customer_id"].nunique())


def tool_messages(body: dict) -> list[dict]:
    return [m for m in body["messages"] if m.get("role") == "tool"]


# -- a whole turn through the real client ----------------------------------------------
def test_a_tool_call_goes_round_the_loop_and_the_answer_carries_its_table(
        demo_ws, openai_stub, stub_session, ask_turn):
    call_id = openai_stub.queue_tool_call("rfm", {})
    openai_stub.queue_text("Champions are a small group that brings a large share of revenue.")
    session = stub_session(demo_ws)

    events, answer = ask_turn(session, "Who are my most valuable customers?")

    assert answer.kind == "answer"
    assert words_of(answer) == "Champions are a small group that brings a large share of revenue."
    assert answer.tools == ["rfm"]
    title, table = answer.tables[0]
    assert "rfm" in title
    assert set(table["segment"]) >= {"Champions", "At Risk", "Hibernating"}
    assert int(table["customers"].sum()) == completed_buyers(demo_ws)
    assert [type(e) for e in events[:2]] == [ToolStarted, ToolFinished]

    assert len(openai_stub.requests) == 2
    first, second = openai_stub.bodies
    assert first["model"] == "stub-model"
    assert "rfm" in {t["function"]["name"] for t in first["tools"]}
    [result] = tool_messages(second)
    assert result["tool_call_id"] == call_id
    view = json.loads(result["content"])
    assert view["tool"] == "rfm"
    assert f"Of {completed_buyers(demo_ws):,} customers" in view["summary"]


def test_the_answer_streams_word_by_word_before_the_final_answer(
        demo_ws, openai_stub, stub_session, ask_turn):
    words = "Champions order often, spend the most and bought recently."
    openai_stub.queue_text(words)

    events, answer = ask_turn(stub_session(demo_ws), "What makes a Champion?")

    deltas = [e for e in events if isinstance(e, TextDelta)]
    assert len(deltas) > 3, "the words arrive in pieces, as the server sends them"
    assert events.index(deltas[-1]) < events.index(answer)
    assert "".join(d.text for d in deltas) == answer.text, "the first line names the data"
    assert words_of(answer) == words
    assert openai_stub.bodies[0]["stream"] is True


# -- failures of the endpoint -----------------------------------------------------------
def test_a_server_error_is_retried_once_then_explained_and_the_session_goes_on(
        demo_ws, openai_stub, stub_session, ask_turn):
    openai_stub.queue_error(500, "internal trouble")
    openai_stub.queue_error(500, "internal trouble")
    session = stub_session(demo_ws)

    _, answer = ask_turn(session, "Segment my customers by RFM")

    assert answer.kind == "error"
    assert "HTTP 500" in answer.text
    assert "Traceback" not in answer.text and "internal trouble" not in answer.text
    assert len(openai_stub.requests) == 2, "one request and exactly one retry"

    openai_stub.queue_tool_call("rfm", {})
    openai_stub.queue_text("Here are your RFM segments.")
    _, next_answer = ask_turn(session, "Segment my customers by RFM")
    assert next_answer.kind == "answer"
    assert next_answer.tools == ["rfm"]


def test_a_refused_key_is_explained_without_a_retry(demo_ws, openai_stub, stub_session, ask_turn):
    openai_stub.queue_error(401, "Incorrect API key provided")
    session = stub_session(demo_ws)

    _, answer = ask_turn(session, "Give me an overview")

    assert answer.kind == "error"
    assert "refused the API key" in answer.text
    assert "Traceback" not in answer.text
    assert len(openai_stub.requests) == 1

    openai_stub.queue_text("Hello again.")
    _, next_answer = ask_turn(session, "Are you there?")
    assert next_answer.kind != "error"
    assert words_of(next_answer) == "Hello again."


def test_a_model_slower_than_the_timeout_is_given_up_after_one_retry(
        demo_ws, openai_stub, stub_session, ask_turn, monkeypatch):
    monkeypatch.setenv("SEGMENT_TIMEOUT", "0.5")
    openai_stub.queue_delay(5)
    openai_stub.queue_delay(5)
    session = stub_session(demo_ws)

    started = time.perf_counter()
    _, answer = ask_turn(session, "Give me an overview")
    seconds = time.perf_counter() - started

    assert answer.kind == "error"
    assert "did not answer in time" in answer.text
    assert len(openai_stub.requests) == 2, "one request and exactly one retry"
    assert seconds < 4.5, "the turn ends at the timeout, not when the server finally answers"


# -- tool calls that cannot run ---------------------------------------------------------
def test_unreadable_arguments_are_sent_back_once_and_a_corrected_call_succeeds(
        demo_ws, openai_stub, stub_session, ask_turn):
    openai_stub.queue_tool_call("rfm", UNREADABLE_ARGUMENTS)
    openai_stub.queue_tool_call("rfm", {"window_days": 365})
    openai_stub.queue_text("Here are your RFM segments.")

    _, answer = ask_turn(stub_session(demo_ws), "RFM please")

    assert answer.kind == "answer"
    assert answer.tools == ["rfm"]
    assert answer.tool_calls[0].arguments == {"window_days": 365}
    assert len(openai_stub.requests) == 3
    correction = tool_messages(openai_stub.bodies[1])[-1]
    assert "not valid JSON" in correction["content"]
    assert UNREADABLE_ARGUMENTS in correction["content"], "the model is shown what it sent"
    broken = [m for m in openai_stub.bodies[1]["messages"] if m.get("tool_calls")][-1]
    assert broken["tool_calls"][0]["function"]["arguments"] == UNREADABLE_ARGUMENTS


def test_unreadable_arguments_twice_end_the_turn_with_a_clear_message(
        demo_ws, openai_stub, stub_session, ask_turn):
    openai_stub.queue_tool_call("rfm", UNREADABLE_ARGUMENTS)
    openai_stub.queue_tool_call("rfm", "window_days=365")
    session = stub_session(demo_ws)

    _, answer = ask_turn(session, "RFM please")

    assert answer.kind == "error"
    assert "could not be read twice in a row" in answer.text
    assert "local brain" in answer.text
    assert answer.tools == []
    assert len(openai_stub.requests) == 2, "one correction, not a loop"

    openai_stub.queue_text("Ready when you are.")
    _, next_answer = ask_turn(session, "Hello?")
    assert words_of(next_answer) == "Ready when you are."


def test_an_unknown_tool_gets_a_plain_error_back_and_the_model_recovers(
        demo_ws, openai_stub, stub_session, ask_turn):
    openai_stub.queue_tool_call("segment_everything", {})
    openai_stub.queue_tool_call("rfm", {})
    openai_stub.queue_text("Here are your RFM segments.")

    _, answer = ask_turn(stub_session(demo_ws), "Segment everything")

    assert answer.kind == "answer"
    assert answer.tools == ["segment_everything", "rfm"]
    failed, done = answer.tool_calls
    assert not failed.ok and done.ok
    [error] = tool_messages(openai_stub.bodies[1])
    assert "segment_everything" in error["content"]
    assert "not a valid tool" in error["content"]
    assert "rfm" in error["content"], "the model is told which tools exist"


def test_settings_the_tool_refuses_come_back_in_the_tools_own_words(
        demo_ws, openai_stub, stub_session, ask_turn):
    openai_stub.queue_tool_call("cluster_customers", {"n_segments": 500})
    openai_stub.queue_text("I cannot make that many segments; shall I choose the number myself?")

    _, answer = ask_turn(stub_session(demo_ws), "Cluster my customers into 500 personas")

    [error] = tool_messages(openai_stub.bodies[1])
    assert error["content"].startswith("Error: ")
    assert "n_segments" in error["content"]
    assert "500" in error["content"], "the model sees the value that was refused"
    assert "Traceback" not in error["content"] and "pydantic" not in error["content"]
    assert words_of(answer).startswith("I cannot make that many segments")
    assert answer.tool_calls[0].tool == "cluster_customers"
    assert not answer.tool_calls[0].ok


def test_an_unusable_call_after_a_refused_one_ends_the_turn(
        demo_ws, openai_stub, stub_session, ask_turn):
    openai_stub.queue_tool_call("segment_everything", {})
    openai_stub.queue_tool_call("segment_everything_now", {})

    _, answer = ask_turn(stub_session(demo_ws), "Segment everything")

    assert answer.kind == "error"
    assert "a tool that does not exist twice in a row" in answer.text
    assert len(openai_stub.requests) == 2


# -- the key ----------------------------------------------------------------------------
def test_the_api_key_is_sent_to_the_endpoint_and_nowhere_else(
        demo_ws, openai_stub, ask_turn, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "sk-test-Zq81-secret-never-shown"
    settings = BrainSettings(brain="openai", model="stub-model",
                             base_url=openai_stub.url + "/v1", api_key=secret)
    session = Session(demo_ws, settings=settings)
    openai_stub.queue_tool_call("rfm", {})
    openai_stub.queue_text("Here are your RFM segments.")
    openai_stub.queue_error(401, "Incorrect API key provided")

    first_events, first = ask_turn(session, "RFM please")
    second_events, second = ask_turn(session, "And now?")

    assert {r.headers.get("authorization") for r in openai_stub.requests} == {f"Bearer {secret}"}
    assert second.kind == "error"
    for shown in (session.trace_json(), first.text, second.text, repr(settings), caplog.text,
                  repr(session.brain), *map(repr, first_events + second_events)):
        assert secret not in shown
    assert all(secret.encode() not in r.raw for r in openai_stub.requests)


def test_a_self_hosted_server_needs_no_key(demo_ws, openai_stub, ask_turn):
    settings = BrainSettings(brain="openai", model="llama3", base_url=openai_stub.url + "/v1")
    openai_stub.queue_text("Hello from a local server.")

    _, answer = ask_turn(Session(demo_ws, settings=settings), "Hello")

    assert words_of(answer) == "Hello from a local server."
    assert openai_stub.requests[0].headers["authorization"] == "Bearer not-needed"


@pytest.mark.parametrize("base_url", [None, "https://api.openai.com/v1"])
def test_the_openai_endpoint_without_a_key_is_a_clear_error(base_url):
    with pytest.raises(MissingKeyError, match=r"needs an API key\. Set OPENAI_API_KEY"):
        remote_brain(BrainSettings(brain="openai", base_url=base_url))


def test_the_timeout_comes_from_the_environment(monkeypatch):
    settings = BrainSettings(brain="openai", base_url="http://127.0.0.1:9/v1", api_key="k")
    monkeypatch.setenv("SEGMENT_TIMEOUT", "7.5")
    brain = remote_brain(settings)
    assert brain.request_timeout == 7.5
    assert brain.max_retries == 1
    assert brain.temperature == 0

    monkeypatch.delenv("SEGMENT_TIMEOUT")
    assert remote_brain(settings).request_timeout == 60

    monkeypatch.setenv("SEGMENT_TIMEOUT", "soon")
    with pytest.raises(ToolError, match="SEGMENT_TIMEOUT"):
        remote_brain(settings)


def test_the_stub_speaks_plain_json_too(openai_stub):
    """Without streaming (a plain `invoke`), the same brain reads JSON replies."""
    openai_stub.queue_tool_call("rfm", {"window_days": 90})
    brain = remote_brain(BrainSettings(brain="openai", model="stub-model",
                                       base_url=openai_stub.url + "/v1", api_key="k"))
    message = brain.invoke("hello")
    assert message.tool_calls[0]["name"] == "rfm"
    assert message.tool_calls[0]["args"] == {"window_days": 90}
    assert "stream" not in openai_stub.bodies[0] or not openai_stub.bodies[0]["stream"]


def words_of(answer: Answer) -> str:
    """The model's words: the answer's text after its first line, which names the data."""
    line, _, words = answer.text.partition("\n\n")
    assert line.startswith(("On ", "工作区：")), answer.text
    return words


def test_the_function_schemas_come_from_the_tool_cards(demo_ws, openai_stub, stub_session,
                                                       ask_turn):
    openai_stub.queue_text("Here is an overview.")
    ask_turn(stub_session(demo_ws), "Give me an overview")
    functions = {t["function"]["name"]: t["function"] for t in openai_stub.bodies[0]["tools"]}
    from assistant.toolkit import assistant_tools

    cards = {name: spec.card for name, spec in assistant_tools().items()}
    assert set(functions) == set(cards), "every card is offered, and nothing else"
    rfm = functions["rfm"]
    assert set(rfm["parameters"]["properties"]) == set(cards["rfm"].slots)
    assert "window_days: a number of days" in rfm["description"]
    assert cards["rfm"].examples_in("en")[0].text in rfm["description"]
