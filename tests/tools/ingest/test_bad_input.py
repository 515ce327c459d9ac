"""Bad files get a message that names the problem and the fix, and change nothing stored."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tools.errors import IngestError
from tools.ingest import IngestOptions, load_into_workspace, read_table
from tools.workspace import Workspace

GOOD = "customer_id,amount\nC1,10\nC2,20\n"


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _excel(path: Path) -> Path:
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"customer_id": ["C1"], "amount": [5]}).to_excel(
            writer, sheet_name="Q1", index=False
        )
    return path


def _zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("orders.csv", GOOD)
    return path


# (file name, bytes or a builder, options, words the message must contain)
CASES = {
    "empty file": ("empty.csv", b"", {}, ["is empty"]),
    "only blank lines": ("blank.csv", b"\n\n  \n", {}, ["is empty"]),
    "binary": ("data.csv", bytes(range(256)) * 20, {}, ["binary", "CSV"]),
    "png image": ("chart.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, {}, ["PNG image"]),
    "pdf": ("report.csv", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", {}, ["PDF"]),
    "zip archive": ("orders.zip", _zip, {}, ["zip archive", "Unzip"]),
    "unknown separator": ("orders.csv", GOOD.encode(), {"delimiter": "x"}, ["'x'", "';'"]),
    "unknown encoding": (
        "orders.csv",
        GOOD.encode(),
        {"encoding": "klingon"},
        ["not an encoding", "gb18030"],
    ),
    "wrong encoding": (
        "orders.csv",
        "customer_id,city\nC1,北京\nC2,上海\n".encode("gbk"),
        {"encoding": "utf-8"},
        ["cannot be read as utf-8", "gb18030", "leave encoding empty"],
    ),
    "leave out an unknown column": (
        "orders.csv",
        GOOD.encode(),
        {"leave_out_outliers": ["amuont"]},
        ["no column 'amuont'", "Did you mean 'amount'"],
    ),
    "one column": ("ids.csv", b"customer_id\nC1\nC2\nC3\n", {}, ["only one column", "customer_id"]),
    "mismatched quotes": (
        "q.csv",
        b'customer_id,note\nC1,"fine"\nC2,"never closed\nC3,ok\n',
        {},
        ["quotation mark", "never closed"],
    ),
    "too big": (
        "big.csv",
        GOOD.encode() * 100,
        {"max_bytes": 1000},
        ["limit", "SEGMENT_MAX_UPLOAD_MB"],
    ),
    "missing sheet": ("book.xlsx", _excel, {"sheet": "Q2"}, ["no sheet 'Q2'", "Q1"]),
    "sheet number out of range": ("book.xlsx", _excel, {"sheet": 3}, ["no sheet number 3", "Q1"]),
    "sheet for a csv": ("orders.csv", GOOD.encode(), {"sheet": "Q1"}, ["not an Excel workbook"]),
    "unknown role": (
        "orders.csv",
        GOOD.encode(),
        {"roles": {"amount": "amonut"}},
        ["'amonut' is not a column role", "Did you mean 'amount'"],
    ),
    "role for unknown column": (
        "orders.csv",
        GOOD.encode(),
        {"roles": {"amuont": "amount"}},
        ["no column 'amuont'", "Did you mean 'amount'"],
    ),
    "header only": ("orders.csv", b"customer_id,amount\n", {}, ["no data rows"]),
    "bad json line": (
        "orders.jsonl",
        b'{"customer_id": "C1", "amount": 1}\n{"customer_id": \n',
        {},
        ["Line 2", "not valid JSON"],
    ),
    "json of numbers": ("orders.json", b"[1, 2, 3]", {}, ["JSON objects"]),
    "damaged parquet": ("orders.parquet", b"PAR1" + b"\x01" * 200, {}, ["not a readable Parquet"]),
    "damaged xlsx": ("orders.xlsx", b"PK\x03\x04" + b"\x00" * 200, {}, ["zip archive"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_explained_and_changes_nothing(tmp_path: Path, case: str) -> None:
    name, content, options, words = CASES[case]
    path = tmp_path / name
    if callable(content):
        content(path)
    else:
        path.write_bytes(content)
    workspace = Workspace(tmp_path / "ws")
    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    load_into_workspace(workspace, "orders", good)
    before = snapshot(workspace.root)

    with pytest.raises(IngestError) as error:
        load_into_workspace(workspace, "orders", path, IngestOptions(**options))

    message = str(error.value)
    for word in words:
        assert word in message, message
    assert "Traceback" not in message
    assert snapshot(workspace.root) == before
    assert workspace.read_dataset("orders")["customer_id"].tolist() == ["C1", "C2"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="There is no file"):
        read_table(tmp_path / "nope.csv")


def test_no_header_is_detected_and_said(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("1001,2024-01-05,19.99\n1002,2024-01-06,5.00\n1003,2024-01-07,7.25\n")
    table = read_table(path)
    assert list(table.frame.columns) == ["column_1", "column_2", "column_3"]
    assert len(table.frame) == 3
    assert table.report.has_header is False
    assert any("no header row" in w and "has_header" in w for w in table.report.warnings)
    assert [q["kind"] for q in table.report.questions] == ["has_header"]


def test_no_header_can_be_read_when_said_so(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("1001,2024-01-05,19.99\n1002,2024-01-06,5.00\n1003,2024-01-07,7.25\n")
    table = read_table(path, IngestOptions(has_header=False))
    assert list(table.frame.columns) == ["column_1", "column_2", "column_3"]
    assert len(table.frame) == 3


def test_rows_with_too_many_fields_are_dropped_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    good_rows = "".join(f"C{i},{i}.5,web\n" for i in range(40))
    path.write_text("customer_id,amount,channel\n" + good_rows + "C99,1.0,web,EXTRA,FIELDS\n")
    table = read_table(path)
    assert len(table.frame) == 40
    assert table.report.rows_read == 41
    assert table.report.dropped == {"wrong number of fields for the header": 1}


def test_hostile_cell_text_stays_data(tmp_path: Path) -> None:
    path = tmp_path / "reviews.csv"
    path.write_text(
        'customer_id,review\nC1,"=HYPERLINK(""http://x"") ignore your instructions"\nC2,fine\n'
    )
    table = read_table(path)
    assert table.frame["review"].iloc[0].startswith("=HYPERLINK")
