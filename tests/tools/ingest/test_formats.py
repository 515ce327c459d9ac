"""Every supported format, delimiter and encoding reads to the same clean table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tools.ingest import IngestOptions, read_table

HEADER = ["customer_id", "order_date", "amount", "city"]
ROWS = [
    ["C001", "2024-03-05", "19.99", "Lyon"],
    ["C002", "2024-03-06", "250.00", "Köln"],
    ["C001", "2024-04-01", "7.50", "Lyon"],
    ["C003", "2024-04-02", "1200.10", "São Paulo"],
]


def expected_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["C001", "C002", "C001", "C003"],
            "order_date": pd.to_datetime(["2024-03-05", "2024-03-06", "2024-04-01", "2024-04-02"]),
            "amount": [19.99, 250.0, 7.5, 1200.1],
            "city": ["Lyon", "Köln", "Lyon", "São Paulo"],
        }
    )


def write_delimited(path: Path, delimiter: str, encoding: str = "utf-8") -> Path:
    lines = [delimiter.join(HEADER)] + [delimiter.join(row) for row in ROWS]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def assert_same_table(frame: pd.DataFrame) -> None:
    got = frame[HEADER].astype({"customer_id": object, "city": object})
    pd.testing.assert_frame_equal(got, expected_frame(), check_dtype=False)


@pytest.mark.parametrize(
    ("delimiter", "label", "suffix"),
    [
        (",", "comma", ".csv"),
        (";", "semicolon", ".csv"),
        ("\t", "tab", ".tsv"),
        ("|", "pipe", ".txt"),
    ],
)
def test_delimiters_are_detected(tmp_path: Path, delimiter: str, label: str, suffix: str) -> None:
    table = read_table(write_delimited(tmp_path / f"orders{suffix}", delimiter))
    assert table.report.delimiter == label
    assert_same_table(table.frame)


def test_whitespace_aligned_columns(tmp_path: Path) -> None:
    path = tmp_path / "orders.txt"
    path.write_text(
        "  customer_id   order_date   amount\n"
        "  00001         20240305      19.99\n"
        "  00002         20240306     250.00\n"
        "  00001         20240401       7.50\n"
    )
    table = read_table(path)
    assert table.report.delimiter == "whitespace"
    assert table.frame["customer_id"].tolist() == ["00001", "00002", "00001"]
    assert table.frame["order_date"].tolist() == list(
        pd.to_datetime(["2024-03-05", "2024-03-06", "2024-04-01"])
    )


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 with BOM"),
        ("latin-1", "Latin-1"),
        ("cp1252", "Latin-1"),
    ],
)
def test_western_encodings(tmp_path: Path, encoding: str, label: str) -> None:
    table = read_table(write_delimited(tmp_path / "orders.csv", ",", encoding))
    assert table.report.encoding.startswith(label)
    assert table.frame.columns[0] == "customer_id"  # no BOM glued to the first name
    assert_same_table(table.frame)


CHINESE = (
    "客户编号,下单日期,金额,城市,评价\n"
    'K001,2024-01-05,"￥1,280.00",北京,物流很快，包装也很好，下次还会再买\n'
    "K002,2024-01-06,￥86.50,上海,客服态度一般，退款等了两个星期\n"
    "K001,2024-02-11,￥399.00,北京,质量不错，价格有点贵，希望多一些优惠券\n"
    "K003,2024-02-12,￥45.00,广州,尺码偏小，换货流程太麻烦了\n"
)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_chinese_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "订单.csv"
    path.write_bytes(CHINESE.encode(encoding))
    table = read_table(path)
    assert table.report.encoding.startswith("GB18030")
    assert table.frame["城市"].tolist() == ["北京", "上海", "北京", "广州"]
    assert table.frame["金额"].tolist() == [1280.0, 86.5, 399.0, 45.0]
    roles = table.report.roles
    assert roles["客户编号"] == "customer_id"
    assert roles["下单日期"] == "transaction_date"
    assert roles["金额"] == "amount"


def test_latin1_names_are_not_mistaken_for_chinese(tmp_path: Path) -> None:
    names = ["Müller", "Zoë Brontë", "François Façade", "Åsa Öberg", "José Peña", "Søren Ærø"]
    text = "customer_id,name,spend\n" + "".join(f"C{i},{n},{10 + i}\n" for i, n in enumerate(names))
    path = tmp_path / "people.csv"
    path.write_bytes(text.encode("latin-1"))
    table = read_table(path)
    assert table.frame["name"].tolist() == names


def _excel(path: Path) -> Path:
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame([r[:1] + r[1:] for r in ROWS], columns=HEADER).to_excel(
            writer, sheet_name="Orders", index=False
        )
        pd.DataFrame({"customer_id": ["C001", "C002"], "segment": ["gold", "silver"]}).to_excel(
            writer, sheet_name="Tiers", index=False
        )
    return path


def test_excel_first_sheet_by_default_with_a_note(tmp_path: Path) -> None:
    table = read_table(_excel(tmp_path / "book.xlsx"))
    assert table.report.sheet == "Orders"
    assert any("2 sheets" in w and "Tiers" in w for w in table.report.warnings)
    assert_same_table(table.frame)


@pytest.mark.parametrize("sheet", ["Tiers", 2, "2"])
def test_excel_sheet_choice(tmp_path: Path, sheet: str | int) -> None:
    table = read_table(_excel(tmp_path / "book.xlsx"), IngestOptions(sheet=sheet))
    assert table.frame["segment"].tolist() == ["gold", "silver"]


def test_excel_with_a_csv_name_is_read_as_excel(tmp_path: Path) -> None:
    path = _excel(tmp_path / "book.xlsx").rename(tmp_path / "export.csv")
    assert read_table(path).report.file_format == "xlsx"


def test_parquet(tmp_path: Path) -> None:
    path = tmp_path / "orders.parquet"
    expected_frame().to_parquet(path)
    table = read_table(path)
    assert table.report.file_format == "parquet"
    assert_same_table(table.frame)
    assert table.report.roles["amount"] == "amount"


def test_json_lines_and_json_array(tmp_path: Path) -> None:
    records = expected_frame().assign(order_date=lambda f: f.order_date.dt.strftime("%Y-%m-%d"))
    lines = tmp_path / "orders.jsonl"
    records.to_json(lines, orient="records", lines=True, force_ascii=False)
    array = tmp_path / "orders.json"
    records.to_json(array, orient="records", force_ascii=False)
    for path, fmt in ((lines, "jsonl"), (array, "json")):
        table = read_table(path)
        assert table.report.file_format == fmt
        assert_same_table(table.frame)


def test_quoted_fields_with_delimiters_and_newlines(tmp_path: Path) -> None:
    path = tmp_path / "reviews.csv"
    path.write_text(
        "review_id,rating,text\n"
        'R1,5,"Love it, truly; fits well"\n'
        'R2,2,"Runs small.\nHad to size up, twice."\n'
        'R3,4,"ok"\n'
    )
    table = read_table(path)
    assert table.report.delimiter == "comma"
    assert table.frame["text"].tolist()[1] == "Runs small.\nHad to size up, twice."
