"""Order lines with month-first short dates (`m/d/yy`, 2/24/03) and order statuses.

A B2B model-car seller's export: `ORDERNUMBER` groups the lines of an order,
`CUSTOMERNAME` is the buyer, `SALES` the line amount, `STATUS` includes Cancelled.
`YEAR_ID` and `MONTH_ID` in the same file say which reading of each date is right.
Cancelled orders are left out of orders and revenue, as the product states it does.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from .conftest import FIXTURES, Loaded, answer_tables, assert_by_group, key_number

FILE = "sample_sales_short_dates.csv"
DATE_FORMAT = "%m/%d/%y"
CORRECTIONS = {"ORDERNUMBER": "order_id", "CUSTOMERNAME": "customer_id"}
"""What a marketer sets in the roles table when the page does not find them."""


@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    frame = pd.read_csv(FIXTURES / FILE, dtype=str, keep_default_na=False)
    frame["date"] = pd.to_datetime(frame["ORDERDATE"], format=DATE_FORMAT)
    frame["SALES"] = frame["SALES"].astype(float)
    return frame


@pytest.fixture(scope="module")
def kept(truth: pd.DataFrame) -> pd.DataFrame:
    """The lines that count: cancelled orders left out."""
    return truth[truth["STATUS"] != "Cancelled"]


@pytest.fixture(scope="module")
def shop(load: Callable[..., Loaded]) -> Loaded:
    return load(FILE, "orders", CORRECTIONS)


def test_the_file_itself_confirms_month_first(truth: pd.DataFrame) -> None:
    assert (truth["date"].dt.year.astype(str) == truth["YEAR_ID"]).all()
    assert (truth["date"].dt.month.astype(str) == truth["MONTH_ID"]).all()


def test_every_short_date_read_month_first(shop: Loaded, truth: pd.DataFrame) -> None:
    assert f"{len(truth):,} rows read, {len(truth):,} kept" in shop.report
    assert shop.role("ORDERDATE") == "transaction_date"
    assert shop.role("SALES") == "amount"
    assert shop.stored()["ORDERDATE"].tolist() == truth["date"].tolist()


def test_order_number_and_customer_name_are_found(shop: Loaded) -> None:
    assert shop.role("ORDERNUMBER") == "order_id"
    assert shop.role("CUSTOMERNAME") == "customer_id"


def test_cancellations_are_reported(shop: Loaded, truth: pd.DataFrame) -> None:
    cancelled = int((truth["STATUS"] == "Cancelled").sum())
    assert f"{cancelled} rows are returns or cancellations" in shop.report


def test_overview_counts_customers_orders_and_revenue(shop: Loaded, truth: pd.DataFrame,
                                                      kept: pd.DataFrame) -> None:
    answer = shop.ask("how many customers do we have")
    assert key_number(answer, "customers") == kept["CUSTOMERNAME"].nunique()
    assert key_number(answer, "orders") == kept["ORDERNUMBER"].nunique()
    assert key_number(answer, "revenue") == round(kept["SALES"].sum())


def test_revenue_by_country(shop: Loaded, kept: pd.DataFrame) -> None:
    answer = shop.ask("revenue by COUNTRY")
    assert_by_group(answer, kept.groupby("COUNTRY")["SALES"].sum())


def test_revenue_by_product_line(shop: Loaded, kept: pd.DataFrame) -> None:
    answer = shop.ask("revenue by PRODUCTLINE")
    assert_by_group(answer, kept.groupby("PRODUCTLINE")["SALES"].sum())


def test_revenue_by_year(shop: Loaded, kept: pd.DataFrame) -> None:
    answer = shop.ask("revenue by year")
    assert_by_group(answer, kept.groupby(kept["date"].dt.year.astype(str))["SALES"].sum())


def test_average_order_value_by_country(shop: Loaded, kept: pd.DataFrame) -> None:
    answer = shop.ask("average order value by COUNTRY")
    by = kept.groupby("COUNTRY")
    assert_by_group(answer, by["SALES"].sum() / by["ORDERNUMBER"].nunique())


def test_top_ten_customers_by_revenue(shop: Loaded, kept: pd.DataFrame) -> None:
    answer = shop.ask("who are our top 10 customers by revenue")
    top = kept.groupby("CUSTOMERNAME")["SALES"].sum().nlargest(10)
    assert any(len(t) == 10 for t in answer_tables(answer)), answer.text
    assert_by_group(answer, top)


def test_rfm_orders_are_distinct_orders(shop: Loaded, kept: pd.DataFrame) -> None:
    answer = shop.ask("RFM segments")
    table = next(t for t in answer_tables(answer) if "avg_orders" in t.columns)
    assert int(table["customers"].sum()) == kept["CUSTOMERNAME"].nunique()
    total = float((table["avg_orders"] * table["customers"]).sum())
    assert round(total) == kept["ORDERNUMBER"].nunique()


def test_revenue_by_country_in_chinese(shop: Loaded, kept: pd.DataFrame) -> None:
    answer = shop.ask("各国家的收入")
    assert_by_group(answer, kept.groupby("COUNTRY")["SALES"].sum())


def test_a_missing_customer_column_is_named(load: Callable[..., Loaded]) -> None:
    # CUSTOMERNAME is found as the customer key now: the marketer takes that role away.
    as_found = load(FILE, "orders", {"CUSTOMERNAME": "categorical"})
    answer = as_found.ask("how many customers do we have")
    text = answer.text.lower()
    assert "no customers or orders table" not in text
    assert "customer" in text and ("id" in text or "column" in text)
