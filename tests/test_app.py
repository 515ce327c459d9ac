"""The launched page serves the demo and answers scripts (gradio_client), one state each."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from gradio_client import Client, handle_file

from tools.workspace import Workspace

SECRET_KEY = "sk-test-never-shown-4242"


def demo_table(demo_root: Path, name: str) -> pd.DataFrame:
    """A demo table read straight from its Parquet file (not through the app)."""
    manifest = Workspace(demo_root).manifest
    return pd.read_parquet(demo_root / manifest["datasets"][name]["file"])


@pytest.fixture(scope="module")
def url(demo_root: Path, tmp_path_factory: pytest.TempPathFactory, serve_app) -> Iterator[str]:
    workspaces = tmp_path_factory.mktemp("app-workspaces")
    with serve_app(workspaces, demo_root) as (address, _page):
        yield address
    assert list((workspaces / ".sessions").iterdir()) == []


def client(url: str) -> Client:
    return Client(url, verbose=False)


def datasets(c: Client) -> dict:
    return c.predict(api_name="/datasets")[1]


def test_page_is_served_and_shows_tables(url: str, demo_root: Path) -> None:
    html = urllib.request.urlopen(url, timeout=10).read().decode()
    assert "Segment Assistant" in html
    customers = demo_table(demo_root, "customers")
    summary, rows, _ = client(url).predict("customers", api_name="/table")
    assert f"{len(customers):,} rows × {customers.shape[1]} columns" in summary
    cities = [r[rows["headers"].index("city")] for r in rows["data"][:5]]
    assert cities == customers["city"].head(5).tolist()


def test_ask_counts_the_customers(url: str, demo_root: Path) -> None:
    expected = demo_table(demo_root, "customers")["customer_id"].nunique()
    reply = client(url).predict("How many customers do we have?", api_name="/ask")
    assert reply["kind"] == "answer"
    assert f"{expected:,} customers" in reply["text"]
    assert reply["tools"] and reply["suggestions"]
    assert not reply["ungrounded"]


def test_upload_shows_the_quality_report_and_loads(url: str, tmp_path: Path) -> None:
    path = tmp_path / "shop customers.csv"
    path.write_text("customer_id,city,signup\nC1,Oslo,2024-01-02\nC2,Lima,2024-02-03\n"
                    "C2,Lima,2024-02-03\nC3,Pune,2024-03-04\n", encoding="utf-8")
    c = client(url)
    report, roles, *_ = c.predict(handle_file(str(path)), "customers", "crm",
                                  api_name="/upload_preview")
    assert "4 rows read, 3 kept, 1 dropped" in report
    inferred = {row[0]: row[2] for row in roles["data"]}
    assert inferred["customer_id"] == "customer_id"
    # the chat is on the marketer's own data at once, but nothing is stored before confirming
    assert datasets(c) == {"workspace": "My data", "which": "mine", "datasets": {}}
    status, *_ = c.predict(roles, api_name="/confirm_upload")
    assert "3 rows" in status
    assert datasets(c) == {"workspace": "My data", "which": "mine", "datasets": {"crm": 3}}


def test_a_bad_file_gives_a_message_and_the_chat_never_answers_on_the_demo(
        url: str, tmp_path: Path, demo_root: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text("only_one_column\n1\n2\n", encoding="utf-8")
    c = client(url)
    demo_tables = datasets(c)["datasets"]
    report, roles, *_ = c.predict(handle_file(str(path)), "orders", "",
                                  api_name="/upload_preview")
    assert report.startswith("⚠") and "only one column" in report
    assert "Traceback" not in report and roles["data"] == []
    status, *_ = c.predict(roles, api_name="/confirm_upload")
    assert "Check a file first" in status
    assert datasets(c) == {"workspace": "My data", "which": "mine", "datasets": {}}
    reply = c.predict("How many customers do we have?", api_name="/ask")
    demo_count = demo_table(demo_root, "customers")["customer_id"].nunique()
    assert reply["workspace"] == "My data" and reply["which"] == "mine"
    assert "“My data” has no tables yet" in reply["text"] and "broken.csv" in reply["text"]
    assert f"{demo_count:,}" not in reply["text"] and reply["tools"] == []
    c.predict("demo", api_name="/use_workspace")  # the demo is untouched, one click away
    assert datasets(c)["datasets"] == demo_tables


def test_load_options_reach_the_reader(url: str, tmp_path: Path) -> None:
    path = tmp_path / "no header.csv"
    path.write_text("C1;Oslo;2024-01-02\nC2;Lima;2024-02-03\nC3;Pune;2024-03-04\n",
                    encoding="utf-8")
    c = client(url)
    report, roles, *_ = c.predict(handle_file(str(path)), "customers", "", "no", ";", "auto",
                                  None, "auto", api_name="/upload_preview")
    assert "3 rows read" in report
    assert [row[0] for row in roles["data"]] == ["column_1", "column_2", "column_3"]


def test_each_client_has_its_own_workspaces(url: str, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("order_id,customer_id,order_date,amount\nO1,C1,2024-01-02,10.5\n"
                    "O2,C2,2024-01-03,20\n", encoding="utf-8")
    first, second = client(url), client(url)
    _, roles, *_ = first.predict(handle_file(str(path)), "orders", "",
                                 api_name="/upload_preview")
    first.predict(roles, api_name="/confirm_upload")
    assert datasets(first)["datasets"] == {"orders": 2}
    assert "orders" in datasets(second)["datasets"] and datasets(second)["which"] == "demo"
    second.predict("mine", api_name="/use_workspace")
    assert datasets(second) == {"workspace": "My data", "which": "mine", "datasets": {}}
    note, table, *_ = second.predict(api_name="/segments")
    assert table["data"] == [] and "No saved segments" in note


def test_the_workspace_line_follows_the_page_language(url: str) -> None:
    *_, line = client(url).predict("中文", api_name="/language")
    assert line.startswith("**当前回答依据：** Demo: Lumen & Co. — customers")


def test_the_api_key_is_never_sent_back(url: str) -> None:
    c = client(url)
    outputs = c.predict("openai", "stub-model", "http://127.0.0.1:9/v1", SECRET_KEY,
                        api_name="/settings")
    status, key_box = outputs
    assert "stub-model" in status and "typed for this session" in status
    assert key_box == ""
    assert SECRET_KEY not in repr(outputs)
