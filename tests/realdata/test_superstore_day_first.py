"""Order lines with day-first dates: the Superstore sales-forecasting export (`dd/mm/yyyy`).

The same kind of shop export as the month-first one, written the other way round
(08/11/2017 is 8 November). Months, quarters and cohorts only come out right when the
whole column is read day-first.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from .conftest import FIXTURES, Loaded, answer_tables, assert_by_group, key_number

FILE = "superstore_orders_day_first.csv"
DATE_FORMAT = "%d/%m/%Y"


@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    frame = pd.read_csv(FIXTURES / FILE, dtype=str)
    frame["date"] = pd.to_datetime(frame["Order Date"], format=DATE_FORMAT)
    frame["Sales"] = frame["Sales"].astype(float)
    return frame


@pytest.fixture(scope="module")
def shop(load: Callable[..., Loaded]) -> Loaded:
    return load(FILE, "orders")


def test_roles_and_every_date_read_day_first(shop: Loaded, truth: pd.DataFrame) -> None:
    assert f"{len(truth):,} rows read, {len(truth):,} kept" in shop.report
    assert shop.role("Order ID") == "order_id"
    assert shop.role("Customer ID") == "customer_id"
    assert shop.role("Order Date") == "transaction_date"
    assert shop.role("Sales") == "amount"
    stored = shop.stored()
    assert stored["Order Date"].tolist() == truth["date"].tolist()
    ship = pd.to_datetime(truth["Ship Date"], format=DATE_FORMAT)
    assert stored["Ship Date"].tolist() == ship.tolist()


def test_overview_gives_the_span_customers_orders_and_revenue(shop: Loaded,
                                                              truth: pd.DataFrame) -> None:
    answer = shop.ask("how many customers do we have")
    assert key_number(answer, "customers") == truth["Customer ID"].nunique()
    assert key_number(answer, "orders") == truth["Order ID"].nunique()
    assert key_number(answer, "revenue") == round(truth["Sales"].sum())
    table = next(t for t in answer_tables(answer) if "first_date" in t.columns)
    row = table[table["dataset"] == shop.dataset].iloc[0]
    assert pd.Timestamp(row["first_date"]) == truth["date"].min()
    assert pd.Timestamp(row["last_date"]) == truth["date"].max()


def test_revenue_by_month(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("revenue by month")
    expected = truth.groupby(truth["date"].dt.strftime("%Y-%m"))["Sales"].sum()
    assert_by_group(answer, expected)


def test_revenue_by_quarter(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("revenue by quarter")
    expected = truth.groupby(truth["date"].dt.to_period("Q").astype(str))["Sales"].sum()
    assert_by_group(answer, expected)


def test_revenue_by_category(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("revenue by Category")
    assert_by_group(answer, truth.groupby("Category")["Sales"].sum())


def test_monthly_cohorts_have_the_right_sizes(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("monthly cohort retention")
    first = truth.groupby("Customer ID")["date"].min().dt.strftime("%Y-%m")
    table = next(t for t in answer_tables(answer) if "cohort" in t.columns)
    shown = table.set_index(table["cohort"].astype(str))["customers"].astype(int)
    assert shown.to_dict() == first.value_counts().sort_index().to_dict()


def test_orders_by_category_are_distinct_orders(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("number of orders by Category")
    assert_by_group(answer, truth.groupby("Category")["Order ID"].nunique())


def test_rfm_orders_are_distinct_orders(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("RFM segments")
    table = next(t for t in answer_tables(answer) if "avg_orders" in t.columns)
    total = float((table["avg_orders"] * table["customers"]).sum())
    assert round(total) == truth["Order ID"].nunique()


def test_revenue_by_category_in_chinese(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("各产品类别的销售额")
    assert_by_group(answer, truth.groupby("Category")["Sales"].sum())
