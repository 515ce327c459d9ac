"""Column names written as one word (ORDERNUMBER, customerid) are split into known words,
and a customer's name stands in for a missing customer id in an orders table, with a warning."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tools.ingest import IngestOptions, read_table
from tools.ingest.naming import name_tokens

REAL_SALES = Path(__file__).parents[2] / "realdata" / "fixtures" / "sample_sales_short_dates.csv"


def write(tmp_path: Path, frame: pd.DataFrame, name: str = "data.csv") -> Path:
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


def orders(order: str, customer: str, date: str, amount: str = "SALES") -> pd.DataFrame:
    """Six order lines of four orders by three customers, under the given column names."""
    return pd.DataFrame(
        {
            order: ["10100", "10100", "10101", "10102", "10102", "10103"],
            customer: ["Alpha Toys Ltd.", "Alpha Toys Ltd.", "Beta Gifts", "Gamma Co.",
                       "Gamma Co.", "Alpha Toys Ltd."],
            date: ["2/24/03", "2/24/03", "3/1/03", "3/15/03", "3/15/03", "4/2/03"],
            amount: [120.5, 80.0, 45.25, 300.0, 12.75, 99.0],
        }
    )


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("ORDERNUMBER", ["order", "number"]),
        ("CUSTOMERNAME", ["customer", "name"]),
        ("ORDERDATE", ["order", "date"]),
        ("PRODUCTLINE", ["product", "line"]),
        ("orderid", ["order", "id"]),
        ("customerid", ["customer", "id"]),
        ("InvoiceNo", ["invoice", "no"]),
        ("QUANTITYORDERED", ["quantity", "ordered"]),
        ("UnitPrice", ["unit", "price"]),
        # not made only of known words, or a known word itself: left whole
        ("Kidhome", ["kidhome"]),
        ("discount", ["discount"]),
        ("CONTACTLASTNAME", ["contactlastname"]),
        ("notes", ["notes"]),
        ("account", ["account"]),
    ],
)
def test_one_word_names_split_into_known_words(name: str, words: list[str]) -> None:
    assert name_tokens(name) == words


@pytest.mark.parametrize(
    ("order", "customer", "date"),
    [
        ("ORDERNUMBER", "CUSTOMERID", "ORDERDATE"),
        ("orderid", "customerid", "orderdate"),
        ("订单编号", "客户编号", "订单日期"),
    ],
)
def test_one_word_names_get_their_roles(tmp_path: Path, order: str, customer: str,
                                        date: str) -> None:
    frame = orders(order, customer, date)
    frame[customer] = ["C1", "C1", "C2", "C3", "C3", "C1"]
    report = read_table(write(tmp_path, frame)).report
    assert report.roles[order] == "order_id"
    assert report.roles[customer] == "customer_id"
    assert report.roles[date] == "transaction_date"
    assert not any("No customer id column" in w for w in report.warnings)


@pytest.mark.parametrize("customer", ["CUSTOMERNAME", "customer_name", "Customer Name", "客户名称"])
def test_a_customer_name_is_the_key_of_orders_without_a_customer_id(tmp_path: Path,
                                                                    customer: str) -> None:
    frame = orders("ORDERNUMBER", customer, "ORDERDATE")
    table = read_table(write(tmp_path, frame))
    assert table.report.roles[customer] == "customer_id"
    assert table.report.distinct_customer_ids == frame[customer].nunique()
    warning = (f"No customer id column: customers are identified by {customer}; two "
               "customers with the same name would be counted as one.")
    assert warning in table.report.warnings
    assert warning in table.report.to_markdown()


def test_a_customer_id_wins_over_a_customer_name(tmp_path: Path) -> None:
    frame = orders("ORDERNUMBER", "CUSTOMERNAME", "ORDERDATE")
    frame.insert(1, "CUSTOMERID", ["C1", "C1", "C2", "C3", "C3", "C1"])
    report = read_table(write(tmp_path, frame)).report
    assert report.roles["CUSTOMERID"] == "customer_id"
    assert report.roles["CUSTOMERNAME"] != "customer_id"
    assert not any("No customer id column" in w for w in report.warnings)


def test_names_in_a_table_that_is_not_orders_are_not_made_the_key(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "customer_name": [f"Person {chr(65 + i)}{chr(75 + i)}" for i in range(8)],
            "city": ["Paris", "Lyon"] * 4,
            "age": [31, 45, 27, 52, 38, 41, 29, 60],
        }
    )
    report = read_table(write(tmp_path, frame)).report
    assert "customer_id" not in report.roles.values()
    assert not any("No customer id column" in w for w in report.warnings)


def test_an_order_line_number_is_not_the_order_id(tmp_path: Path) -> None:
    frame = orders("INVOICENUMBER", "CUSTOMERNAME", "ORDERDATE")
    frame.insert(0, "ORDERLINENUMBER", ["1", "2", "1", "1", "2", "1"])
    report = read_table(write(tmp_path, frame)).report
    assert report.roles["INVOICENUMBER"] == "order_id"
    assert report.roles["ORDERLINENUMBER"] != "order_id"


def test_real_sales_export_finds_order_number_and_customer_name() -> None:
    truth = pd.read_csv(REAL_SALES, dtype=str, keep_default_na=False)
    table = read_table(REAL_SALES)
    roles = table.report.roles
    assert roles["ORDERNUMBER"] == "order_id"
    assert roles["CUSTOMERNAME"] == "customer_id"
    assert roles["ORDERDATE"] == "transaction_date"
    assert roles["SALES"] == "amount"
    assert roles["QUANTITYORDERED"] == "quantity"
    assert roles["ORDERLINENUMBER"] != "order_id"
    assert table.report.distinct_customer_ids == truth["CUSTOMERNAME"].nunique()
    assert any("identified by CUSTOMERNAME" in w for w in table.report.warnings)


def test_a_name_chosen_over_an_id_column_gets_no_missing_id_warning(tmp_path: Path) -> None:
    frame = orders("ORDERNUMBER", "CUSTOMERNAME", "ORDERDATE")
    frame.insert(1, "CUSTOMERID", ["C1", "C1", "C2", "C3", "C3", "C1"])
    table = read_table(write(tmp_path, frame), IngestOptions(roles={"CUSTOMERNAME": "customer_id"}))
    assert table.report.roles["CUSTOMERNAME"] == "customer_id"
    assert not any("No customer id column" in w for w in table.report.warnings)
