"""Exported member lists cannot smuggle formulas into a spreadsheet; results render as Markdown."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from tools.errors import ToolError
from tools.export import export_segment, result_to_markdown
from tools.rules import define_segment
from tools.segments import Segmentation, save_segmentation
from tools.workspace import Workspace

HOSTILE_NAME = '=HYPERLINK("http://x")'


@pytest.fixture
def ws(make_ws) -> Workspace:
    customers = pd.DataFrame({
        "customer_id": ["C1", "C2", "C3", "C4"],
        "name": [HOSTILE_NAME, "Ann Lee", "@SUM(A1)", "Bo Chan"],
        "phone": ["+1 555", "555-0101", "-2+3", "0412 000"],
        "email": ["a@x.com", "b@x.com", "c@x.com", "d@x.com"],
        "balance": [-12.5, 40.0, -3.0, 7.25],
        "note": ["\tcmd", "plain", "-7", "\rcr"],
    })
    orders = pd.DataFrame({
        "customer_id": ["C1", "C1", "C2", "C3", "C4"],
        "order_date": pd.to_datetime(["2024-01-05", "2024-03-01", "2024-02-10",
                                      "2024-02-11", "2024-02-12"]),
        "amount": [120.0, 80.0, 35.0, 60.0, 10.0],
    })
    roles = {"orders": {"order_date": "transaction_date"},
             "customers": {"name": "person_name", "phone": "phone", "email": "email",
                           "note": "text"}}
    workspace = make_ws(customers=customers, orders=orders, roles=roles)
    labels = pd.Series("Watch list", index=pd.Index(["C1", "C2", "C3"], name="customer_id"))
    save_segmentation(workspace, Segmentation("Watch list", "rule", labels))
    return workspace


def csv_rows(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_escapes_formula_cells_but_keeps_negative_numbers(ws: Workspace) -> None:
    result = export_segment(ws, segment="Watch list", file_format="csv")
    path = result.table.loc[result.table["format"] == "csv", "path"].item()
    rows = {row["customer_id"]: row for row in csv_rows(path)}
    assert set(rows) == {"C1", "C2", "C3"}
    assert rows["C1"]["name"] == "'" + HOSTILE_NAME
    assert rows["C1"]["phone"] == "'+1 555"
    assert rows["C3"]["name"] == "'@SUM(A1)"
    assert rows["C3"]["phone"] == "'-2+3"
    assert rows["C1"]["note"] == "'\tcmd"
    assert rows["C1"]["balance"] == "-12.5"
    assert rows["C3"]["note"] == "-7"
    raw = Path(path).read_text(encoding="utf-8-sig")
    assert not re.search(r'(^|,)"?[=+@]', raw, flags=re.M)


def test_excel_escapes_formula_cells_and_numbers_stay_numeric(ws: Workspace) -> None:
    result = export_segment(ws, segment="Watch list", file_format="excel")
    path = result.table.loc[result.table["format"] == "excel", "path"].item()
    sheet = load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    rows = {r[0].value: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2)}
    assert rows["C1"]["name"].value == "'" + HOSTILE_NAME
    assert rows["C1"]["name"].data_type == "s"
    assert rows["C1"]["phone"].value == "'+1 555"
    assert rows["C1"]["balance"].value == -12.5
    assert rows["C1"]["balance"].data_type == "n"
    assert rows["C1"]["revenue"].value == pytest.approx(200.0)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_members_come_with_customer_and_behaviour_columns(ws: Workspace) -> None:
    result = export_segment(ws, segment="Watch list")
    assert result.fact("customers") == 3
    assert result.fact("files") == 2
    path = result.table.loc[result.table["format"] == "csv", "path"].item()
    rows = {row["customer_id"]: row for row in csv_rows(path)}
    assert {"name", "email", "balance", "orders", "revenue"} <= set(rows["C1"])
    assert float(rows["C1"]["revenue"]) == pytest.approx(200.0)
    assert rows["C1"]["orders"] == "2"
    assert any(path in note for note in result.provenance.notes)


def test_personal_data_can_be_left_out(ws: Workspace) -> None:
    result = export_segment(ws, segment="Watch list", file_format="csv",
                            include_personal_data=False)
    row = csv_rows(result.table["path"].item())[0]
    assert not {"name", "email", "phone"} & set(row)
    assert "balance" in row


def test_files_stay_in_the_exports_folder_with_safe_names(ws: Workspace) -> None:
    define_segment(ws, name="Big <spenders>: 2024?.. ", filter="revenue > 50")
    result = export_segment(ws, segment="Big <spenders>: 2024?..")
    for path in result.table["path"]:
        assert path.startswith(str(ws.path("exports")) + "/")
        assert re.fullmatch(r"segment-[\w-]+\.(csv|xlsx)", path.rsplit("/", 1)[1])


def test_without_a_segment_every_customer_is_exported(ws: Workspace) -> None:
    result = export_segment(ws, file_format="csv")
    assert result.fact("customers") == 4
    assert [row["customer_id"] for row in csv_rows(result.table["path"].item())] == [
        "C1", "C2", "C3", "C4"]


def test_an_unknown_segment_names_the_saved_ones(ws: Workspace) -> None:
    with pytest.raises(ToolError, match="Did you mean 'Watch list'"):
        export_segment(ws, segment="Watch lst")


def test_markdown_shows_summary_facts_table_and_provenance(ws: Workspace) -> None:
    result = define_segment(ws, filter="revenue >= 35")
    text = result_to_markdown(result)
    assert text.startswith(result.summary)
    for name, fact in result.facts.items():
        assert f"| {fact.text}" in text
        assert name in text
    assert "| customer_id |" in text
    assert "C1" in text and "C4" not in text.split("### How")[0].split("### Table")[1]
    assert "Filter: revenue >= 35" in text
    assert "`define_segment`" in text


def test_markdown_escapes_pipes_and_cuts_long_tables(ws: Workspace) -> None:
    result = define_segment(ws, filter="revenue > 0")
    result.table["comment"] = "a | b"
    text = result_to_markdown(result, max_rows=2)
    assert "a \\| b" in text
    assert "Showing 2 of 4 rows" in text
