"""The Data tab's load options reach the reader, and what the check asks is shown."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from knowledge.store import KnowledgeStore
from tools.errors import ToolError
from ui.data_tab import confirm_upload, preview_upload
from ui.load_options import (
    date_spans_markdown,
    ingest_options,
    outlier_columns,
    questions_markdown,
    sheet_names,
)
from ui.state import UiSession

LIMIT = 5 * 1024 * 1024
LABELLED = [
    (1, "快递很快，包装完好，衣服质量也很好"),
    (0, "衣服有明显色差，和图片完全不一样"),
    (1, "尺码标准，穿着舒服，会推荐给朋友"),
    (0, "发货太慢了，等了一个星期才收到"),
    (1, "面料柔软透气，夏天穿正合适"),
    (0, "洗了一次就起球了，质量太差"),
    (1, "客服回复及时，退换货也很方便"),
    (0, "线头很多，做工粗糙，不值这个价"),
    (1, "颜色很正，版型好看，非常满意"),
    (0, "收到的时候袋子破了，衣服也脏了"),
    (1, "第二次购买了，一如既往的好"),
    (0, "尺码偏小两号，穿不上只能退货"),
]


@pytest.fixture
def ui(demo_root: Path, tmp_path: Path) -> UiSession:
    return UiSession(tmp_path / "session", demo_root, None)


def test_the_choices_become_ingest_options() -> None:
    assert ingest_options() == {}
    assert ingest_options("no", "tab", "gb18030", "2024", "day_first") == {
        "has_header": False, "delimiter": "\t", "encoding": "gb18030", "sheet": "2024",
        "date_order": "day_first"}
    assert ingest_options("yes", ";", "latin-1", "", "month_first") == {
        "has_header": True, "delimiter": ";", "encoding": "latin-1",
        "date_order": "month_first"}
    with pytest.raises(ToolError, match=r"not a choice for the separator\. Use one of"):
        ingest_options(separator="#")


def test_questions_date_spans_and_sheets_of_the_report_are_shown() -> None:
    report = SimpleNamespace(
        questions=[{"column": "InvoiceDate", "kind": "date_order",
                    "question": "Is 03/04/2024 the 3rd of April or March 4?",
                    "options": ["day_first", "month_first"], "chosen": None}],
        date_spans={"InvoiceDate": {"first": "2010-12-01T00:00:00", "last": "2010-12-13T19:57:00",
                                    "rows": 1200, "unparsed": 3}},
        sheets=["2023", "2024"])
    asked = questions_markdown(report, "en")
    assert "Please check before loading" in asked
    assert ("3rd of April or March 4? (options: day first (3 April) / month first (March 4))"
            in asked) and "under “Load options”" in asked
    assert "| InvoiceDate | 2010-12-01 | 2010-12-13 19:57 | 1,200 | 3 |" in date_spans_markdown(
        report, "en")
    assert sheet_names(report) == ["2023", "2024"]
    bare = SimpleNamespace()
    assert questions_markdown(bare, "zh") == date_spans_markdown(bare, "zh") == ""
    assert sheet_names(bare) == []


def test_a_headerless_file_of_labelled_chinese_reviews_loads_with_no_header_row(
        ui: UiSession, tmp_path: Path) -> None:
    path = tmp_path / "评论.csv"
    path.write_text("".join(f"{label},{text}\n" for label, text in LABELLED), encoding="utf-8")
    detected, found = preview_upload(ui, path, "review", "", LIMIT)  # first row is data
    assert f"{len(LABELLED)} rows read" in detected and "header" in detected.lower()
    assert found["name"].tolist() == ["column_1", "column_2"]
    assert ui.which == "mine"
    report, roles = preview_upload(ui, path, "review", "", LIMIT, ingest_options(header="no"))
    assert f"{len(LABELLED)} rows read" in report
    assert roles["name"].tolist() == ["column_1", "column_2"]
    text = confirm_upload(ui, roles, LIMIT)
    assert f"{len(LABELLED):,} documents" in text
    chunks = KnowledgeStore(ui.workspace).chunks()
    stars = chunks.groupby("text")["rating"].first().to_dict()
    expected = {review: {0: 1.0, 1: 5.0}[label] for label, review in LABELLED}
    assert {t: stars[t] for t in expected} == expected


def test_the_chosen_sheet_of_a_workbook_is_read(ui: UiSession, tmp_path: Path) -> None:
    path = tmp_path / "customers.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"customer_id": ["A1", "A2"], "city": ["Oslo", "Lima"]}).to_excel(
            writer, sheet_name="2023", index=False)
        pd.DataFrame({"customer_id": ["B1", "B2", "B3"], "city": ["Pune", "Rome", "Kyiv"]}
                     ).to_excel(writer, sheet_name="2024", index=False)
    report, _ = preview_upload(ui, path, "customers", "", LIMIT, ingest_options(sheet="2024"))
    assert "3 rows read" in report
    confirm_upload(ui, None, LIMIT)
    assert ui.workspace.read_dataset("customers")["customer_id"].tolist() == ["B1", "B2", "B3"]


def test_extreme_values_are_offered_and_left_out_when_chosen(ui: UiSession,
                                                             tmp_path: Path) -> None:
    """Two absurd amounts stay numbers, the check offers to leave them out, and choosing
    that empties exactly those two cells (the total then equals pandas' without them)."""
    amounts = [round(10 + (i * 7.3) % 90, 2) for i in range(300)]
    amounts[17], amounts[250] = -1e12, 1e18
    orders = pd.DataFrame({"order_id": [f"O{i}" for i in range(300)],
                           "customer_id": [f"C{i % 40}" for i in range(300)],
                           "order_date": pd.date_range("2024-01-01", periods=300).strftime(
                               "%Y-%m-%d"),
                           "amount": amounts})
    path = tmp_path / "orders.csv"
    orders.to_csv(path, index=False)
    report, _ = preview_upload(ui, path, "orders", "", LIMIT)
    assert "amount" in report and ui.pending is not None
    assert outlier_columns(ui.pending.report) == ["amount"]
    chosen = ingest_options(leave_out=["amount"])
    preview_upload(ui, path, "orders", "", LIMIT, chosen)
    confirm_upload(ui, None, LIMIT)
    stored = ui.workspace.read_dataset(ui.workspace.dataset_names()[0])
    kept = [a for a in amounts if abs(a) < 1e6]
    assert int(stored["amount"].isna().sum()) == 2
    assert stored["amount"].sum() == pytest.approx(sum(kept))


def test_exact_copies_are_asked_about_and_kept_when_chosen(ui: UiSession,
                                                           tmp_path: Path) -> None:
    """A file without order ids, where two identical purchases on one day are real: the
    check drops the copy, asks, and keeps it when the page's box is ticked."""
    path = tmp_path / "purchases.csv"
    path.write_text("customer_id,order_date,amount\nC1,2024-01-02,10\nC1,2024-01-02,10\n"
                    "C2,2024-01-03,20\nC3,2024-01-04,30\n", encoding="utf-8")
    report, _ = preview_upload(ui, path, "orders", "", LIMIT)
    assert ui.pending is not None
    asked = [q for q in ui.pending.report.questions if q.get("kind") == "duplicates"]
    assert len(asked) == 1 and asked[0]["options"] == ["drop", "keep"]
    shown = questions_markdown(ui.pending.report, "en")
    assert "exact copies" in shown and "drop / keep" in shown
    assert "keep_duplicates set to" not in report
    assert "Keep rows that are exact copies" in report
    preview_upload(ui, path, "orders", "", LIMIT, ingest_options(keep_copies=True))
    confirm_upload(ui, None, LIMIT)
    stored = ui.workspace.read_dataset(ui.workspace.dataset_names()[0])
    assert len(stored) == 4 and stored["amount"].sum() == 70


def test_messages_name_the_page_s_choices_not_option_fields(ui: UiSession,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "dates.csv"
    path.write_text("customer_id,order_date,amount\nC1,03/04/2024,10\nC2,05/06/2024,20\n"
                    "C3,07/08/2024,30\n", encoding="utf-8")
    report, _ = preview_upload(ui, path, "orders", "", LIMIT)
    assert "Set date_order" not in report
    assert "“Dates like 03/04/2024”" in report
