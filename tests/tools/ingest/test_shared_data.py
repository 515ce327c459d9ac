"""The real public datasets in ../shared/data load with the counts and roles their README gives."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tools.ingest import IngestOptions, read_table


def test_mall_customers(shared_data: Path) -> None:
    table = read_table(shared_data / "Mall_Customers.csv")
    frame, report = table.frame, table.report
    assert (report.rows_read, report.rows_kept, frame.shape[1]) == (200, 200, 5)
    assert report.delimiter == "comma"
    assert report.roles == {
        "CustomerID": "customer_id",
        "Genre": "categorical",
        "Age": "numeric",
        "Annual Income (k$)": "numeric",
        "Spending Score (1-100)": "numeric",
    }
    assert frame["CustomerID"].iloc[0] == "0001"  # zero padding kept
    assert frame["Genre"].value_counts().to_dict() == {"Female": 112, "Male": 88}
    assert int(frame.isna().sum().sum()) == 0


def test_marketing_campaign(shared_data: Path) -> None:
    table = read_table(shared_data / "marketing_campaign.csv")
    frame, report = table.frame, table.report
    assert report.delimiter == "tab"
    assert (report.rows_kept, frame.shape[1]) == (2240, 29)
    roles = report.roles
    assert roles["ID"] == "customer_id"
    assert roles["Dt_Customer"] == "date"  # one row per customer: a signup date
    assert roles["Education"] == roles["Marital_Status"] == "categorical"
    assert roles["Income"] == roles["MntWines"] == "numeric"
    assert roles["Response"] == "boolean"
    assert int(frame["Income"].isna().sum()) == 24
    assert int(frame["Income"].max()) == 666666
    assert int(frame["Response"].sum()) == 334
    # dd-mm-yyyy: the README's range proves day first was chosen
    assert frame["Dt_Customer"].min() == pd.Timestamp("2012-07-30")
    assert frame["Dt_Customer"].max() == pd.Timestamp("2014-06-29")
    # the values settle the order (days above 12), so nothing is asked; the span is shown
    assert not [q for q in report.questions if q["column"] == "Dt_Customer"]
    assert report.date_spans["Dt_Customer"] == {
        "first": "2012-07-30T00:00:00",
        "last": "2014-06-29T00:00:00",
        "rows": 2240,
        "unparsed": 0,
    }
    assert report.date_formats["Dt_Customer"] == "DD-MM-YYYY"
    # one row per customer; Income 666666 is high but within 1000× a typical income: not extreme
    assert (report.distinct_customer_ids, report.rows_sharing_customer_id) == (2240, 0)
    assert not [w for w in report.warnings if "extreme value" in w and "'Income'" in w]
    assert {"Alone", "Absurd", "YOLO"} <= set(frame["Marital_Status"])
    constant = [w for w in report.warnings if "same value" in w]
    assert len(constant) == 2 and "Z_CostContact" in constant[0] and "Z_Revenue" in constant[1]


def test_cdnow_master(shared_data: Path) -> None:
    path = shared_data / "CDNOW_master.txt"
    table = read_table(path, IngestOptions(keep_duplicates=True))
    frame, report = table.frame, table.report
    assert report.delimiter == "whitespace"
    assert report.rows_read == report.rows_kept == 69_659
    assert report.roles == {
        "customer_id": "customer_id",
        "date": "transaction_date",
        "number_of_cds": "quantity",
        "dollar_value": "amount",
    }
    assert frame["customer_id"].nunique() == 23_570
    assert frame["customer_id"].iloc[0] == "00001"
    assert frame["date"].min() == pd.Timestamp("1997-01-01")
    assert frame["date"].max() == pd.Timestamp("1998-06-30")
    # independent read for the money total
    reference = pd.read_csv(path, sep=r"\s+")
    assert frame["dollar_value"].sum() == pytest.approx(reference["dollar_value"].sum())
    # the default drops exact duplicate rows and says how many
    deduplicated = read_table(path).report
    expected = int(reference.duplicated().sum())
    assert deduplicated.dropped == {"exact duplicate of another row": expected}
    assert deduplicated.rows_kept == 69_659 - expected


def test_cdnow_sample_has_no_header(shared_data: Path) -> None:
    path = shared_data / "CDNOW_sample.txt"
    detected = read_table(path, IngestOptions(keep_duplicates=True)).report
    assert detected.has_header is False and detected.rows_kept == 6_919
    assert any("no header row" in w for w in detected.warnings)
    table = read_table(
        path,
        IngestOptions(
            has_header=False,
            keep_duplicates=True,
            roles={
                "column_2": "customer_id",
                "column_3": "transaction_date",
                "column_4": "quantity",
                "column_5": "amount",
            },
        ),
    )
    frame = table.frame
    assert len(frame) == 6_919
    assert frame["column_2"].nunique() == 2_357
    assert frame["column_3"].min() == pd.Timestamp("1997-01-01")
    assert table.report.roles["column_1"] == "identifier"


def test_womens_clothing_reviews(shared_data: Path) -> None:
    table = read_table(shared_data / "womens_clothing_reviews.csv")
    frame, report = table.frame, table.report
    assert report.rows_read == report.rows_kept == 23_486
    assert "Unnamed: 0" not in frame.columns and frame.shape[1] == 10  # row-number column gone
    roles = report.roles
    assert roles["Review Text"] == roles["Title"] == "text"
    assert roles["Clothing ID"] == "identifier"
    assert (
        roles["Division Name"] == roles["Department Name"] == roles["Class Name"] == "categorical"
    )
    assert roles["Rating"] == "numeric"
    assert roles["Recommended IND"] == "boolean"
    assert int(frame["Title"].isna().sum()) == 3_810
    assert int(frame["Review Text"].isna().sum()) == 845
    assert int(frame["Division Name"].isna().sum()) == 14
    assert int((frame["Rating"] == 5).sum()) == 13_131
    assert round(float(frame["Recommended IND"].mean()), 3) == 0.822
    assert "Initmates" in set(frame["Division Name"].dropna())
    assert frame["Review Text"].str.contains("\n").sum() > 0  # newlines inside quotes survive
