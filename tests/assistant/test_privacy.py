"""With a remote brain, no customer's or agent's personal data leaves the machine.

A whole demo conversation runs against the local OpenAI-compatible server, through the
real openai client, with a stand-in model that picks tools by keyword and answers with
the numbers it was sent. Every request body the server received is then searched for the
demo's people: names, e-mail addresses and phone numbers (read from the demo's own
tables here, not from the redaction code), as written, JSON-escaped, and decoded.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from assistant.session import Session
from assistant.settings import BrainSettings
from tools.workspace import Workspace

JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
STREET_ADDRESS = re.compile(
    r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place)\b")


def conversation(customer: pd.Series) -> list[tuple[str, str | None]]:
    """The marketer's questions and the tool each should run (None: answered in words)."""
    return [
        ("Give me an overview of my data", "overview"),
        ("Who are my most valuable customers? Use RFM.", "rfm"),
        ("Break down my customers by city", "breakdown"),
        ("Which names are most common among my customers?", "distribution"),
        ("Find feedback where the coupon did not work", "search_feedback"),
        ("How do our agents introduce themselves on calls?", "search_feedback"),
        ("客服在通话中怎么介绍自己？", "search_feedback"),
        ("What are the main themes and pain points of the Champions?", "feedback_themes"),
        ("Compare Champions with At Risk", "compare_segments"),
        ("Export the Champions with their contact details", "export_segment"),
        (f"Which segment is {customer['name']} in? Her email is {customer['email']} and her "
         f"phone is {customer['phone']}.", None),
    ]


def keyword_rules() -> list[tuple[tuple[str, ...], str, dict[str, Any]]]:
    return [
        (("export",), "export_segment",
         {"segment": "Champions", "include_personal_data": True, "file_format": "csv"}),
        (("compare",), "compare_segments", {"first": "Champions", "second": "At Risk"}),
        (("themes",), "feedback_themes", {"segment": "Champions"}),
        (("calls",), "search_feedback",
         {"query": "thanks for calling, my name is", "source_types": ["transcript"],
          "results": 20}),
        (("通话",), "search_feedback",
         {"query": "你好，我是", "source_types": ["transcript"], "language": "zh",
          "results": 20}),
        (("coupon",), "search_feedback", {"query": "coupon did not work", "results": 10}),
        (("city",), "breakdown", {"by": ["city"]}),
        (("names",), "distribution", {"column": "name", "table": "customers"}),
        (("rfm", "valuable"), "rfm", {}),
        (("overview",), "overview", {}),
    ]


@pytest.fixture(scope="module")
def conversation_run(demo_knowledge_root, tmp_path_factory, stub_module, ask_turn):
    """Run the whole conversation once, on a copy of the indexed demo; what was sent."""
    ws = Workspace(shutil.copytree(demo_knowledge_root,
                                   tmp_path_factory.mktemp("privacy") / "demo"))
    asked_about = ws.read_dataset("customers").iloc[0]
    with pytest.MonkeyPatch.context() as env, stub_module.OpenAIStub() as stub:
        env.setenv("SEGMENT_TIMEOUT", "20")
        stub.responder = stub_module.KeywordModel(keyword_rules())
        settings = BrainSettings(brain="openai", model="stub-model",
                                 base_url=stub.url + "/v1", api_key="test-key")
        session = Session(ws, settings=settings)
        turns = []
        for question, tool in conversation(asked_about):
            _, answer = ask_turn(session, question)
            turns.append((question, tool, answer))
    return {"ws": ws, "turns": turns, "requests": list(stub.requests),
            "asked_about": asked_about}


def people(ws) -> dict[str, set[str]]:
    """The demo's personal values, read straight from its tables."""
    customers = ws.read_dataset("customers")
    agents = ws.read_dataset("transcripts")["agent_name"].dropna().astype(str)
    return {
        "customer name": set(customers["name"].dropna().astype(str)),
        "email": set(customers["email"].dropna().astype(str).str.lower()),
        "phone": set(customers["phone"].dropna().astype(str)),
        "agent name": set(agents),
    }


def every_string(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in every_string(v)]
    if isinstance(value, list):
        return [s for v in value for s in every_string(v)]
    return []


def readings(requests) -> list[str]:
    """What was sent, read two ways: the string literals of the bodies exactly as they went
    over the wire (escapes and all), and the same strings decoded. Each distinct string
    once, since every request repeats the conversation so far."""
    raw = {m.group() for r in requests for m in JSON_STRING.finditer(r.raw.decode("utf-8"))}
    decoded = {s for r in requests for s in every_string(r.body)}
    return ["\n".join(sorted(raw)), "\n".join(sorted(decoded))]


def spellings(value: str) -> set[str]:
    """A value as written and as JSON writes it (ASCII-escaped or not)."""
    return {value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]}


def leaks(requests, values: set[str], lower: bool = False) -> set[str]:
    texts = [t.lower() if lower else t for t in readings(requests)]
    return {v for v in values if any(s in t for s in spellings(v) for t in texts)}


# -- the conversation really happened ----------------------------------------------------
def test_the_conversation_runs_every_tool_through_the_remote_model(conversation_run):
    for question, tool, answer in conversation_run["turns"]:
        if tool is None:
            assert answer.tools == [], question
            continue
        assert answer.kind == "answer", (question, answer.text)
        assert answer.tools == [tool], question
        assert answer.tool_calls[0].ok, (question, answer.tool_calls[0].message)
        assert answer.text.split("\n\n", 1)[1].startswith("Here is what I found."), question
    tool_messages = [m for r in conversation_run["requests"] for m in r.messages
                     if m.get("role") == "tool"]
    assert len(tool_messages) >= 8, "every tool result went to the model"


def test_the_model_sees_aggregates(conversation_run):
    orders = conversation_run["ws"].read_dataset("orders")
    scored = orders.loc[orders["status"] == "completed", "customer_id"].nunique()
    sent = [r.raw.decode("utf-8") for r in conversation_run["requests"]]
    assert any(f"Of {scored:,} customers" in body for body in sent), "the RFM summary went out"
    cities = conversation_run["ws"].read_dataset("customers")["city"].value_counts()
    assert any(str(cities.index[0]) in body for body in sent), "the city breakdown went out"


def test_the_export_file_has_the_contact_details_the_model_never_saw(conversation_run):
    export = next(a for _, tool, a in conversation_run["turns"] if tool == "export_segment")
    [path] = [Path(p) for p in export.files if str(p).endswith(".csv")]
    members = pd.read_csv(path)
    names = set(members["name"].astype(str))
    assert len(names) > 10
    assert not leaks(conversation_run["requests"], names)


# -- nothing personal left the machine ---------------------------------------------------
@pytest.mark.parametrize("kind", ["customer name", "email", "phone", "agent name"])
def test_no_personal_value_is_in_any_request(conversation_run, kind):
    values = people(conversation_run["ws"])[kind]
    found = leaks(conversation_run["requests"], values, lower=kind == "email")
    assert not found, f"{kind}s sent to the remote model: {sorted(found)[:10]}"


def test_the_question_about_a_customer_is_masked_before_it_leaves(conversation_run):
    person = conversation_run["asked_about"]
    sent = "\n".join(readings(conversation_run["requests"]))
    for value in (person["name"], person["email"], person["phone"],
                  *person["name"].split()):
        assert value not in sent
    last_question = conversation_run["requests"][-1].messages[-1]["content"]
    assert "Which segment is" in last_question
    assert "[email]" in last_question


def test_names_inside_call_transcripts_are_masked(conversation_run):
    """Agents say their first name and call customers by theirs; neither may go out."""
    data = people(conversation_run["ws"])
    first_names = {name.split()[0] for name in data["agent name"] | data["customer name"]
                   if name.isascii() and " " in name}
    passages = [str(row.get("text", "")) for r in conversation_run["requests"]
                for m in r.messages if m.get("role") == "tool"
                for row in json.loads(m["content"]).get("first_rows", [])
                if row.get("source_type") == "transcript"]
    assert len(passages) >= 20, "call transcripts were searched"
    found = {word for text in passages for word in re.findall(r"[A-Z][a-z]+", text)
             if word in first_names}
    assert not found, f"first names in call passages sent out: {sorted(found)}"


def test_no_street_address_is_in_any_request(conversation_run):
    sent = readings(conversation_run["requests"])
    found = [m.group() for t in sent for m in STREET_ADDRESS.finditer(t)]
    assert not found
