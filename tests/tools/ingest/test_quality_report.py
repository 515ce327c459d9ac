"""The quality report reports instead of changing silently: extreme values stay numbers,
repeated customer ids are counted, old saved reports still load, and it reads as text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tools.ingest import IngestOptions, QualityReport, read_table

PRICES = [12.5, 8.0, 30.0, 15.25, 9.99, 22.0, 18.5, 11.0, 7.75, 25.0] * 4
EXTREMES = ["-1e12", "1e18"]


def orders_with_extremes(tmp_path: Path) -> Path:
    rows = [f"O{i},C{i % 7},{p}" for i, p in enumerate(PRICES)]
    rows.insert(5, "O900,C1,-1e12")
    rows.insert(20, "O901,C2,1e18")
    path = tmp_path / "orders.csv"
    path.write_text("order_id,customer_id,amount\n" + "\n".join(rows) + "\n")
    return path


def test_extreme_values_stay_numbers_and_are_reported(tmp_path: Path) -> None:
    table = read_table(orders_with_extremes(tmp_path))
    amount = table.frame["amount"]
    assert pd.api.types.is_float_dtype(amount)
    assert table.report.roles["amount"] == "amount"
    assert amount.iloc[5] == -1e12 and amount.iloc[20] == 1e18
    assert amount.drop(index=[5, 20]).tolist() == PRICES
    note = next(w for w in table.report.warnings if "extreme value" in w)
    assert note.startswith("2 extreme value(s) in 'amount'") and "-1e+12" in note
    [asked] = [q for q in table.report.questions if q["kind"] == "outliers"]
    assert (asked["column"], asked["options"], asked["chosen"]) == (
        "amount",
        ["keep", "leave_out"],
        "keep",
    )


def test_extreme_values_are_left_out_only_when_asked(tmp_path: Path) -> None:
    table = read_table(orders_with_extremes(tmp_path), IngestOptions(leave_out_outliers=["amount"]))
    amount = table.frame["amount"]
    assert amount.isna().tolist() == [i in (5, 20) for i in range(len(PRICES) + 2)]
    assert amount.sum() == pytest.approx(pd.Series(PRICES).sum())
    assert len(table.frame) == len(PRICES) + 2  # rows are kept, only the values are empty
    assert any(
        w.startswith("Left out 2 extreme value(s) in 'amount'") for w in table.report.warnings
    )
    assert [q["chosen"] for q in table.report.questions if q["kind"] == "outliers"] == ["leave_out"]


def test_skewed_but_real_values_are_not_called_extreme(tmp_path: Path) -> None:
    amounts = [10, 12, 15, 20, 25, 30, 40, 60, 90, 150, 400, 2500]  # a long tail, no glitch
    rows = "".join(f"C{i},{a}\n" for i, a in enumerate(amounts))
    path = tmp_path / "spend.csv"
    path.write_text("customer_id,total_spend\n" + rows)
    report = read_table(path).report
    assert not [w for w in report.warnings if "extreme" in w]


def test_repeated_ids_in_a_customer_table_are_reported(tmp_path: Path) -> None:
    rows = [(f"C{i % 10}", 20 + i % 47, ["Paris", "Oslo", "Rome"][i % 3]) for i in range(200)]
    path = tmp_path / "customers.csv"
    path.write_text("customer_id,age,city\n" + "".join(f"{c},{a},{t}\n" for c, a, t in rows))
    table = read_table(path)
    expected = pd.DataFrame(rows, columns=["customer_id", "age", "city"])["customer_id"]
    counts = expected.value_counts()
    assert table.report.rows_kept == 200  # nothing dropped or merged silently
    assert table.report.distinct_customer_ids == counts.size == 10
    assert table.report.rows_sharing_customer_id == int(counts[counts > 1].sum())
    note = next(w for w in table.report.warnings if "distinct customer ids" in w)
    assert note.startswith("200 rows but only 10 distinct customer ids")
    assert "'C0' ×20" in note


def test_tickets_with_their_own_ids_are_not_called_a_customer_table(tmp_path: Path) -> None:
    rows = "".join(f"T{i},C{i % 3},{['billing', 'delivery'][i % 2]}\n" for i in range(30))
    path = tmp_path / "tickets.csv"
    path.write_text("ticket_id,customer_id,topic\n" + rows)
    report = read_table(path).report
    assert report.distinct_customer_ids == 3 and report.rows_sharing_customer_id == 30
    assert not [w for w in report.warnings if "distinct customer ids" in w]


def test_orders_count_shared_ids_without_a_warning(tmp_path: Path) -> None:
    ids = ["C1", "C1", "C2", "C3", "C3", "C3", "C4"]
    path = tmp_path / "orders.csv"
    path.write_text(
        "order_id,customer_id,amount\n"
        + "".join(f"O{i},{c},{i + 1}.5\n" for i, c in enumerate(ids))
    )
    report = read_table(path).report
    counts = pd.Series(ids).value_counts()
    assert report.distinct_customer_ids == counts.size
    assert report.rows_sharing_customer_id == int(counts[counts > 1].sum()) == 5
    assert not [w for w in report.warnings if "distinct customer ids" in w]
    assert "5 rows share a customer id" in report.to_markdown()


def test_older_saved_reports_still_load() -> None:
    old = {
        "source": "orders.csv",
        "file_format": "csv",
        "rows_read": 3,
        "rows_kept": 3,
        "dropped": {},
        "columns": [
            {
                "name": "customer_id",
                "dtype": "str",
                "role": "customer_id",
                "missing": 0,
                "distinct": 3,
                "example": "C1",
            }
        ],
        "warnings": ["something"],
        "a_key_from_a_newer_version": 1,
    }
    report = QualityReport.from_dict(old)
    assert report.questions == [] and report.date_spans == {} and report.sheets == []
    assert report.roles == {"customer_id": "customer_id"}
    assert "something" in report.to_markdown()


def test_report_round_trips_and_shows_questions_and_spans(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("customer_id,order_date\nC1,01/02/2024\nC2,03/04/2024\nC3,05/06/2024\n")
    report = read_table(path).report
    again = QualityReport.from_dict(report.to_dict())
    assert again.questions == report.questions and again.date_spans == report.date_spans
    text = again.to_markdown()
    assert "'order_date': 3 dates from 2024-01-02T00:00 to 2024-05-06T00:00" in text
    assert "❓ Dates in 'order_date' could be day/month or month/day" in text
    assert "**month_first** / day_first" in text
