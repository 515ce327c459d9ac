"""The web page serves the workspace's tables."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from tools.workspace import Workspace


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace(tmp_path / "shop", name="Test shop")
    ws.save_dataset(
        "customers",
        pd.DataFrame({"customer_id": ["C1", "C2", "C3"], "city": ["Oslo", "Lima", "Pune"]}),
        {"roles": {"customer_id": "customer_id", "city": "categorical"}},
    )
    ws.save_dataset(
        "orders",
        pd.DataFrame({"order_id": ["O1", "O2"], "customer_id": ["C1", "C1"], "amount": [5.0, 7.5]}),
    )
    return ws


def test_table_view_shows_rows_and_summary(workspace: Workspace) -> None:
    from app import table_view

    summary, rows, _ = table_view(workspace, "orders")
    assert rows["amount"].tolist() == [5.0, 7.5]
    assert "2 rows × 3 columns" in summary
    message, _, _ = table_view(workspace, "order")
    assert "Did you mean 'orders'" in message


def test_page_is_served_and_answers_api_calls(workspace: Workspace) -> None:
    from gradio_client import Client

    from app import build_app

    port = free_port()
    page = build_app(workspace)
    page.queue().launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        html = urllib.request.urlopen(url, timeout=10).read().decode()
        assert "Segment Assistant" in html
        summary, rows, _ = Client(url, verbose=False).predict("customers", api_name="/table")
        assert "3 rows × 2 columns" in summary
        assert [r[1] for r in rows["data"]] == ["Oslo", "Lima", "Pune"]
    finally:
        page.close()
