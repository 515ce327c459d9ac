"""After an upload the chat answers on the marketer's own workspace, never on the demo:
an empty or partial workspace gets an answer that says what is loaded and what is missing,
and the page always names the workspace the chat is on."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from assistant.events import Answer
from assistant.settings import BrainSettings
from tools.errors import ToolError
from tools.workspace import Workspace
from ui.chat_tab import current_workspace_line, turn
from ui.data_tab import confirm_upload, preview_upload
from ui.state import UiSession

LIMIT = 5 * 1024 * 1024


@pytest.fixture
def ui(demo_root: Path, tmp_path: Path) -> UiSession:
    return UiSession(tmp_path / "session", demo_root, BrainSettings(brain="local"))


def demo_customers(demo_root: Path) -> int:
    """The demo's customer count, read straight from its Parquet file."""
    entry = Workspace(demo_root).manifest["datasets"]["customers"]
    return int(pd.read_parquet(demo_root / entry["file"])["customer_id"].nunique())


def ask(ui: UiSession, question: str) -> Answer:
    answers = [event for event in turn(ui, question) if isinstance(event, Answer)]
    assert len(answers) == 1
    return answers[0]


def broken_file(folder: Path) -> Path:
    path = folder / "broken.csv"
    path.write_text("only_one_column\n1\n2\n", encoding="utf-8")
    return path


def test_a_failed_upload_moves_the_chat_to_the_empty_own_workspace(
        ui: UiSession, tmp_path: Path, demo_root: Path) -> None:
    assert ui.which == "demo"
    assert current_workspace_line(ui).startswith("**Answering on:** Demo: Lumen & Co. — ")
    with pytest.raises(ToolError, match="only one column"):
        preview_upload(ui, broken_file(tmp_path), "customers", "", LIMIT)
    assert ui.which == "mine" and ui.workspace.dataset_names() == []
    answer = ask(ui, "How many customers do we have?")
    expected_demo = demo_customers(demo_root)
    assert answer.kind == "error" and answer.tools == []
    assert f"{expected_demo:,}" not in answer.text and "Lumen" not in answer.text
    assert "“My data” has no tables yet" in answer.text
    assert "“broken.csv” failed" in answer.text and "only one column" in answer.text
    assert "switch to the demo" in answer.text
    line = current_workspace_line(ui)
    assert line.startswith("**Answering on:** My data — no tables yet")
    assert "broken.csv" in line
    # the demo copy is untouched and still one click away
    ui.switch("demo")
    assert ui.workspace.dataset_names() == sorted(Workspace(demo_root).dataset_names())


def test_the_empty_answer_speaks_the_page_language(ui: UiSession, tmp_path: Path) -> None:
    ui.lang = "zh"
    with pytest.raises(ToolError):
        preview_upload(ui, broken_file(tmp_path), "orders", "", LIMIT)
    answer = ask(ui, "我们有多少客户？")
    assert "“My data”还没有数据表" in answer.text and "“broken.csv”上传失败" in answer.text
    assert current_workspace_line(ui).startswith("**当前回答依据：** My data — 还没有数据表")


def test_a_checked_file_waiting_for_confirmation_is_not_answered_from(
        ui: UiSession, tmp_path: Path) -> None:
    path = tmp_path / "shop.csv"
    path.write_text("customer_id,city\nC1,Oslo\nC2,Lima\nC3,Pune\n", encoding="utf-8")
    preview_upload(ui, path, "customers", "", LIMIT)
    answer = ask(ui, "How many customers do we have?")
    assert answer.tools == [] and "“shop.csv” is checked but not loaded yet" in answer.text
    confirm_upload(ui, None, LIMIT)
    assert current_workspace_line(ui) == "**Answering on:** My data — customers (3 rows)"


def test_a_partial_workspace_answers_from_what_it_has_and_names_what_failed(
        ui: UiSession, tmp_path: Path) -> None:
    customers = pd.DataFrame({"customer_id": [f"C{i}" for i in range(12)],
                              "city": ["Oslo", "Lima", "Pune"] * 4})
    path = tmp_path / "crm.csv"
    customers.to_csv(path, index=False)
    preview_upload(ui, path, "customers", "", LIMIT)
    confirm_upload(ui, None, LIMIT)
    with pytest.raises(ToolError):
        preview_upload(ui, broken_file(tmp_path), "orders", "", LIMIT)
    answer = ask(ui, "How many customers do we have?")
    expected = customers["customer_id"].nunique()
    assert answer.tools and f"{expected:,} customers" in answer.text
    assert answer.text.startswith("On My data · customers")
    assert "The upload of “broken.csv” failed" in answer.text


def test_every_demo_answer_names_the_demo_and_its_tables(ui: UiSession) -> None:
    answer = ask(ui, "How many customers do we have?")
    used = [name for call in answer.tool_calls for name in call.result.provenance.datasets]
    assert used
    assert answer.text.startswith(f"On Demo: Lumen & Co. · {used[0]}")
