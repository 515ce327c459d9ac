"""Cleaning: trimmed text, dates in several formats, numbers with symbols, duplicates."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tools.ingest import IngestOptions, read_table


def load(tmp_path: Path, text: str, **options: object) -> pd.DataFrame:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    return read_table(path, IngestOptions(**options))


def test_text_is_trimmed_and_blank_cells_are_missing(tmp_path: Path) -> None:
    table = load(tmp_path, "customer_id , city \n  C1 ,  Paris \nC2,   \nC3,Oslo\n")
    assert list(table.frame.columns) == ["customer_id", "city"]
    assert table.frame["customer_id"].tolist() == ["C1", "C2", "C3"]
    assert table.frame["city"].isna().tolist() == [False, True, False]
    assert table.frame["city"].iloc[0] == "Paris"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["2024-03-05", "2024-03-17", "2024-12-31"], ["2024-03-05", "2024-03-17", "2024-12-31"]),
        (["05/03/2024", "17/03/2024", "31/12/2024"], ["2024-03-05", "2024-03-17", "2024-12-31"]),
        (["03/05/2024", "03/17/2024", "12/31/2024"], ["2024-03-05", "2024-03-17", "2024-12-31"]),
        (["05.03.2024", "17.03.2024", "31.12.2024"], ["2024-03-05", "2024-03-17", "2024-12-31"]),
        (["20240305", "20240317", "20241231"], ["2024-03-05", "2024-03-17", "2024-12-31"]),
        (
            ["Mar 5, 2024", "Mar 17, 2024", "Dec 31, 2024"],
            ["2024-03-05", "2024-03-17", "2024-12-31"],
        ),
        (
            ["2024年3月5日", "2024年3月17日", "2024年12月31日"],
            ["2024-03-05", "2024-03-17", "2024-12-31"],
        ),
        (
            ["2024-03-05T10:00:00Z", "2024-03-17T23:30:00+00:00", "2024-12-31 08:00:00"],
            ["2024-03-05 10:00", "2024-03-17 23:30", "2024-12-31 08:00"],
        ),
        # mixed formats in one column
        (["2024-03-05", "Mar 17, 2024", "20241231"], ["2024-03-05", "2024-03-17", "2024-12-31"]),
    ],
)
def test_dates_in_several_formats(tmp_path: Path, raw: list[str], expected: list[str]) -> None:
    text = "customer_id,order_date\n" + "".join(f'C{i},"{d}"\n' for i, d in enumerate(raw))
    frame = load(tmp_path, text).frame
    assert frame["order_date"].tolist() == list(pd.to_datetime(expected))


def test_ambiguous_day_month_is_reported(tmp_path: Path) -> None:
    table = load(tmp_path, "customer_id,order_date\nC1,01/02/2024\nC2,03/04/2024\nC3,05/06/2024\n")
    assert any("day/month or month/day" in w for w in table.report.warnings)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["$1,234.50", "$99", "$0.99"], [1234.5, 99.0, 0.99]),
        (["€1.234,50", "€99,00", "12,5"], [1234.5, 99.0, 12.5]),
        (["1 234,50", "99,00", "0,99"], [1234.5, 99.0, 0.99]),
        (["£12.00", "(£3.50)", "£1,000"], [12.0, -3.5, 1000.0]),
        (["USD 1,200", "USD 15", "USD 7.25"], [1200.0, 15.0, 7.25]),
        (["1,280.00元", "86.50元", "￥45"], [1280.0, 86.5, 45.0]),
    ],
)
def test_numbers_with_symbols_and_separators(
    tmp_path: Path, raw: list[str], expected: list[float]
) -> None:
    text = "customer_id;amount\n" + "".join(f"C{i};{v}\n" for i, v in enumerate(raw))
    assert load(tmp_path, text).frame["amount"].tolist() == expected


def test_zero_padded_ids_stay_text(tmp_path: Path) -> None:
    frame = load(tmp_path, "customer_id,visits\n0001,3\n0002,4\n0103,5\n").frame
    assert frame["customer_id"].tolist() == ["0001", "0002", "0103"]
    assert frame["visits"].tolist() == [3, 4, 5]


def test_exact_duplicates_are_dropped_and_counted(tmp_path: Path) -> None:
    text = "customer_id,amount\nC1,10\nC1,10\nC2,5\nC1,10\nC2,6\n"
    table = load(tmp_path, text)
    assert table.frame.values.tolist() == [["C1", 10], ["C2", 5], ["C2", 6]]
    assert table.report.dropped == {"exact duplicate of another row": 2}
    assert table.report.rows_read == 5
    assert table.report.rows_kept == 3
    kept = load(tmp_path, text, keep_duplicates=True)
    assert kept.report.rows_kept == 5


def test_status_words_flag_returns(tmp_path: Path) -> None:
    text = (
        "order_id,customer_id,amount,status\nO1,C1,10,completed\nO2,C1,12,Returned\n"
        "O3,C2,9,cancelled\nO4,C2,3,completed\n"
    )
    table = load(tmp_path, text)
    assert table.frame["is_return"].tolist() == [False, True, True, False]


def test_missing_customer_ids_are_counted(tmp_path: Path) -> None:
    table = load(tmp_path, "customer_id,amount\nC1,10\n,11\nC2,12\n,13\n")
    assert table.report.missing_customer_ids == 2
    assert table.report.rows_kept == 4
    assert any("2 rows have no customer id" in w for w in table.report.warnings)


def test_report_round_trips_and_reads_well(tmp_path: Path) -> None:
    table = load(tmp_path, "customer_id,amount\nC1,10\nC1,10\nC2,x\n")
    report = table.report
    again = type(report).from_dict(report.to_dict())
    assert again == report
    text = report.to_markdown()
    assert "3 rows read, 2 kept, 1 dropped" in text
    assert "exact duplicate" in text
    columns = report.columns_frame()
    assert columns.set_index("name").loc["customer_id", "role"] == "customer_id"
