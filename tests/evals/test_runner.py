"""The runner and its reports, driven by a stand-in `respond` (no brain involved)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from assistant.events import Answer, ToolFinished
from evals.cli import main
from evals.questions import load_questions
from tools.result import Fact, Provenance, Result
from tools.workspace import Workspace

QUESTIONS = """
- id: count
  category: overview
  question: "How many customers do we have?"
  expect:
    tools: [overview]
    numbers: [{compute: customers}]
- id: poem
  category: scope
  question: "Write me a poem"
  expect: {kind: refuse, forbidden_tools: ["*"]}
- id: chat
  category: overview
  turns:
    - ask: "overview please"
      expect: {tools: [overview]}
    - ask: "and again <b>bold</b>"
      expect: {numbers: [{value: 6000}]}
"""


def overview_call(customers: int = 6000) -> ToolFinished:
    result = Result(table=pd.DataFrame(), summary="",
                    facts={"customers": Fact(customers, "customers")},
                    provenance=Provenance(tool="overview"))
    return ToolFinished("call_1", "overview", {}, 0.01, 0, True, "", result)


class StandIn:
    """Answers like a well-behaved assistant, or with an invented number when `lie` is set."""

    def __init__(self, lie: bool = False) -> None:
        self.lie = lie
        self.sessions: list[Workspace] = []

    def session(self, ws: Workspace) -> dict[str, Any]:
        self.sessions.append(ws)
        return {"ws": ws, "turns": 0}

    def respond(self, session: dict[str, Any], text: str) -> Iterator[Any]:
        session["turns"] += 1
        if "poem" in text:
            yield Answer(text="I can only help with your customer data.", kind="refuse")
            return
        if session["turns"] > 1:  # a follow-up answered from the earlier result
            yield Answer(text="Still 6,000 customers <script>x</script>.")
            return
        call = overview_call()
        yield call
        words = "Revenue grew 37.9%." if self.lie else "You have 6,000 customers."
        yield Answer(text=words, tool_calls=[call], trace={"tools": ["overview"]})


@pytest.fixture
def question_file(tmp_path: Path) -> Path:
    path = tmp_path / "questions.yaml"
    path.write_text(QUESTIONS, encoding="utf-8")
    return path


def run(question_file: Path, demo_root: Path, out: Path, stand_in: StandIn) -> int:
    return main(["run", "--questions", str(question_file), "--workspace", str(demo_root),
                 "--out", str(out), "--no-index"],
                make_session=stand_in.session, respond=stand_in.respond)


def test_a_good_assistant_passes_and_the_reports_say_so(
        question_file: Path, demo_root: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(question_file, demo_root, tmp_path / "out", StandIn()) == 0
    printed = capsys.readouterr().out
    assert "eval-report.html" in printed and "overview" in printed
    data = json.loads((tmp_path / "out" / "eval-report.json").read_text(encoding="utf-8"))
    assert data["passed"] and [q["passed"] for q in data["questions"]] == [True] * 3
    page = (tmp_path / "out" / "eval-report.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_an_invented_number_fails_the_run(question_file: Path, demo_root: Path,
                                          tmp_path: Path) -> None:
    assert run(question_file, demo_root, tmp_path / "out", StandIn(lie=True)) == 1
    data = json.loads((tmp_path / "out" / "eval-report.json").read_text(encoding="utf-8"))
    count = next(q for q in data["questions"] if q["id"] == "count")
    failed = {c["name"] for c in count["turns"][0]["checks"] if not c["passed"]}
    assert failed == {"numbers", "numbers-grounded"}
    assert "ungrounded" in " ".join(data["failures"])


def test_each_conversation_gets_a_private_copy_and_the_workspace_is_untouched(
        question_file: Path, demo_root: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in demo_root.rglob("*"))
    stand_in = StandIn()
    run(question_file, demo_root, tmp_path / "out", stand_in)
    roots = {ws.root for ws in stand_in.sessions}
    assert len(roots) == 3 and demo_root not in roots
    assert sorted(p.name for p in demo_root.rglob("*")) == before


def test_a_crash_is_a_failed_question_not_a_failed_run(question_file: Path, demo_root: Path,
                                                       tmp_path: Path) -> None:
    def crash(session: Any, text: str) -> Iterator[Any]:
        raise RuntimeError("boom")
        yield

    code = main(["run", "--questions", str(question_file), "--workspace", str(demo_root),
                 "--out", str(tmp_path / "out"), "--no-index"],
                make_session=StandIn().session, respond=crash)
    assert code == 1
    data = json.loads((tmp_path / "out" / "eval-report.json").read_text(encoding="utf-8"))
    assert "boom" in json.dumps(data["questions"][0])


def test_a_broken_question_file_stops_before_running(tmp_path: Path, demo_root: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("- id: x\n  category: c\n  question: q\n  expect: {tools: [teleport]}\n",
                    encoding="utf-8")
    assert main(["run", "--questions", str(path), "--workspace", str(demo_root),
                 "--out", str(tmp_path / "out")], make_session=StandIn().session,
                respond=StandIn().respond) == 2


def test_the_question_file_example_runs_by_category(question_file: Path) -> None:
    assert [q.id for q in load_questions(question_file, ["scope"])] == ["poem"]
