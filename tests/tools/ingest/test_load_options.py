"""Load options the messages mention exist and work: header, separator, encoding, sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tools.errors import IngestError
from tools.ingest import IngestOptions, read_table

CHINESE_REVIEWS = "1,很好吃\n0,太难吃了\n1,服务很好\n0,不新鲜\n1,还会再来\n"


def write(tmp_path: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("has_header", [None, False])
def test_headerless_chinese_reviews(tmp_path: Path, has_header: bool | None) -> None:
    table = read_table(write(tmp_path, CHINESE_REVIEWS), IngestOptions(has_header=has_header))
    frame = table.frame
    assert list(frame.columns) == ["column_1", "column_2"]
    assert len(frame) == 5  # the first row is data
    assert frame["column_2"].tolist() == ["很好吃", "太难吃了", "服务很好", "不新鲜", "还会再来"]
    assert [bool(v) for v in frame["column_1"]] == [True, False, True, False, True]
    assert table.report.has_header is False
    asked = [q["kind"] for q in table.report.questions]
    assert asked == (["has_header"] if has_header is None else [])


def test_headerless_labels_in_words_are_detected(tmp_path: Path) -> None:
    text = "好评,很好吃\n差评,太难吃了\n好评,服务很好\n差评,不新鲜\n好评,还会再来\n"
    table = read_table(write(tmp_path, text))
    assert table.report.has_header is False
    assert table.frame["column_1"].tolist() == ["好评", "差评", "好评", "差评", "好评"]


def test_a_real_header_is_kept(tmp_path: Path) -> None:
    text = "label,review\n" + CHINESE_REVIEWS
    table = read_table(write(tmp_path, text))
    assert list(table.frame.columns) == ["label", "review"]
    assert len(table.frame) == 5
    assert not [q for q in table.report.questions if q["kind"] == "has_header"]


def test_has_header_true_keeps_a_numeric_first_row_as_names(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, CHINESE_REVIEWS), IngestOptions(has_header=True))
    assert list(table.frame.columns) == ["1", "很好吃"]
    assert len(table.frame) == 4


def test_chosen_delimiter_is_used(tmp_path: Path) -> None:
    text = "customer_id|note\nC1|a, b, c\nC2|d, e, f\nC3|g, h, i\n"
    table = read_table(write(tmp_path, text), IngestOptions(delimiter="|"))
    assert list(table.frame.columns) == ["customer_id", "note"]
    assert table.frame["note"].tolist() == ["a, b, c", "d, e, f", "g, h, i"]
    assert table.report.delimiter == "pipe"


@pytest.mark.parametrize("choice", ["\t", "tab"])
def test_tab_can_be_named(tmp_path: Path, choice: str) -> None:
    table = read_table(
        write(tmp_path, "customer_id\tcity\nC1\tParis\nC2\tOslo\n"), IngestOptions(delimiter=choice)
    )
    assert table.frame["city"].tolist() == ["Paris", "Oslo"]


@pytest.mark.parametrize(
    ("encoding", "city"), [("gb18030", "北京"), ("latin-1", "Zürich"), ("utf-16", "Kraków")]
)
def test_chosen_encoding_is_used(tmp_path: Path, encoding: str, city: str) -> None:
    path = write(tmp_path, f"customer_id,city\nC1,{city}\nC2,{city}\n", encoding=encoding)
    table = read_table(path, IngestOptions(encoding=encoding))
    assert table.frame["city"].tolist() == [city, city]


def test_a_wrong_encoding_choice_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path, "customer_id,city\nC1,北京\nC2,上海\n", encoding="gb18030")
    with pytest.raises(IngestError, match="cannot be read as utf-8"):
        read_table(path, IngestOptions(encoding="utf-8"))


def _workbook(path: Path) -> Path:
    book = Workbook()
    orders = book.active
    orders.title = "Orders"
    orders.append(["customer_id", "amount"])
    orders.append(["C1", 10.5])
    orders.append(["C2", 20.0])
    customers = book.create_sheet("Customers")
    customers.append(["customer_id", "city"])
    for row in (["C1", "Paris"], ["C2", "Oslo"], ["C3", "Rome"]):
        customers.append(row)
    book.create_sheet("Notes").append(["text", "more"])
    book.save(path)
    return path


def test_multi_sheet_workbook_lists_sheets_and_says_how_to_choose(tmp_path: Path) -> None:
    table = read_table(_workbook(tmp_path / "book.xlsx"))
    report = table.report
    assert report.sheets == ["Orders", "Customers", "Notes"]
    assert report.sheet == "Orders"
    assert table.frame["amount"].tolist() == [10.5, 20.0]
    note = next(w for w in report.warnings if "3 sheets" in w)
    assert "Customers" in note and "sheet option" in note
    assert "Orders, Customers, Notes" in report.to_markdown()


@pytest.mark.parametrize("sheet", ["Customers", 2])
def test_the_chosen_sheet_is_read(tmp_path: Path, sheet: str | int) -> None:
    table = read_table(_workbook(tmp_path / "book.xlsx"), IngestOptions(sheet=sheet))
    assert table.report.sheet == "Customers"
    assert table.frame["city"].tolist() == ["Paris", "Oslo", "Rome"]
    assert table.report.sheets == ["Orders", "Customers", "Notes"]


def test_a_bad_sheet_name_lists_the_real_ones(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as error:
        read_table(_workbook(tmp_path / "book.xlsx"), IngestOptions(sheet="Sales"))
    assert "Orders, Customers, Notes" in str(error.value)


def test_messages_name_options_that_exist(tmp_path: Path) -> None:
    """Every option a message tells the marketer to set is a real IngestOptions field."""
    fields = set(IngestOptions.model_fields)
    assert {"has_header", "delimiter", "encoding", "sheet", "date_order"} <= fields
    headerless = read_table(write(tmp_path, CHINESE_REVIEWS))
    assert any("has_header" in w for w in headerless.report.warnings)
    with pytest.raises(IngestError) as error:
        read_table(write(tmp_path, "just one column\nC1\nC2\n", name="one.csv"))
    assert "delimiter" in str(error.value)


@pytest.mark.parametrize("has_header", [None, False])
def test_headerless_sheet(tmp_path: Path, has_header: bool | None) -> None:
    book = Workbook()
    sheet = book.active
    for label, text in [(1, "很好吃"), (0, "太难吃了"), (1, "服务很好"), (0, "不新鲜")]:
        sheet.append([label, text])
    path = tmp_path / "reviews.xlsx"
    book.save(path)
    table = read_table(path, IngestOptions(has_header=has_header))
    assert list(table.frame.columns) == ["column_1", "column_2"]
    assert table.frame["column_2"].tolist() == ["很好吃", "太难吃了", "服务很好", "不新鲜"]
    assert table.report.has_header is False
