"""Loading a file: check it first, correct a role, confirm; bad files change nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tools.errors import ToolError
from ui.data_tab import confirm_upload, preview_upload
from ui.state import UiSession

LIMIT = 5 * 1024 * 1024


@pytest.fixture
def ui(demo_root: Path, tmp_path: Path) -> UiSession:
    return UiSession(tmp_path / "session", demo_root, None)


def write_orders(folder: Path) -> Path:
    path = folder / "orders.csv"
    path.write_text("order_id,customer_id,order_date,net,channel\n"
                    "O1,C1,2024-01-02,10.5,web\nO2,C2,2024-01-03,20,store\n"
                    "O3,C1,2024-02-03,7.25,web\n", encoding="utf-8")
    return path


def test_a_corrected_role_is_used_when_loading(ui: UiSession, tmp_path: Path) -> None:
    report, roles = preview_upload(ui, write_orders(tmp_path), "orders", "", LIMIT)
    assert "3 rows read, 3 kept" in report
    assert ui.own_workspace().dataset_names() == []  # nothing stored by checking
    edited = roles.copy()
    edited.loc[edited["name"] == "channel", "role"] = "text"
    text = confirm_upload(ui, edited, LIMIT)
    assert "Loaded **orders**: 3 rows" in text
    info = ui.workspace.dataset_info("orders")
    assert ui.which == "mine" and info["roles"]["channel"] == "text"
    stored = ui.workspace.read_dataset("orders")
    assert stored["customer_id"].tolist() == ["C1", "C2", "C1"]


def test_an_unknown_role_is_refused_and_nothing_is_stored(ui: UiSession,
                                                          tmp_path: Path) -> None:
    _, roles = preview_upload(ui, write_orders(tmp_path), "orders", "sales", LIMIT)
    roles.loc[roles["name"] == "net", "role"] = "money"
    with pytest.raises(ToolError, match="“money” is not a role"):
        confirm_upload(ui, roles, LIMIT)
    assert ui.own_workspace().dataset_names() == []


def test_a_file_over_the_limit_is_refused(ui: UiSession, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    pd.DataFrame({"customer_id": range(3000), "city": "Oslo"}).to_csv(path, index=False)
    with pytest.raises(ToolError, match="the limit is"):
        preview_upload(ui, path, "customers", "", max_bytes=1024)
    assert ui.pending is None


def test_a_text_file_of_feedback_is_read_as_one_document(ui: UiSession,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_text("Agent: Hello, how can I help?\nCustomer: My parcel is late again.\n",
                    encoding="utf-8")
    report, roles = preview_upload(ui, path, "transcript", "", LIMIT)
    assert "a text document" in report and "“transcript”" in report and roles.empty
    assert ui.pending is not None and ui.pending.document
