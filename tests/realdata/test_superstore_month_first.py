"""Order lines with order ids and month-first dates: the "Superstore" sales export.

Every row is one product line of an order (`Order ID`), dated `m/d/yyyy` (11/8/2018).
Orders are distinct order ids: a customer with 31 lines in 10 orders placed 10 orders.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tools.registry import run_tool
from ui.data_tab import preview_upload
from ui.state import UiSession

from .conftest import (
    FIXTURES,
    LIMIT,
    Loaded,
    answer_tables,
    assert_by_group,
    key_number,
    numbers_in,
    quotes_of,
)

FILE = "superstore_orders_month_first.csv"
DATE_FORMAT = "%m/%d/%Y"


@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    frame = pd.read_csv(FIXTURES / FILE, dtype=str, encoding="utf-8-sig")
    frame["date"] = pd.to_datetime(frame["Order Date"], format=DATE_FORMAT)
    frame["Sales"] = frame["Sales"].astype(float)
    return frame


@pytest.fixture(scope="module")
def shop(load: Callable[..., Loaded]) -> Loaded:
    return load(FILE, "orders")


def per_customer(truth: pd.DataFrame) -> pd.DataFrame:
    return truth.groupby("Customer ID").agg(revenue=("Sales", "sum"),
                                            orders=("Order ID", "nunique"))


def test_roles_and_every_date_read_month_first(shop: Loaded, truth: pd.DataFrame) -> None:
    assert f"{len(truth):,} rows read, {len(truth):,} kept" in shop.report
    assert shop.role("Order ID") == "order_id"
    assert shop.role("Customer ID") == "customer_id"
    assert shop.role("Order Date") == "transaction_date"
    assert shop.role("Sales") == "amount"
    stored = shop.stored()
    assert stored["Order Date"].tolist() == truth["date"].tolist()


def test_the_report_shows_the_date_span_before_confirming(shop: Loaded,
                                                          truth: pd.DataFrame) -> None:
    first, last = truth["date"].min(), truth["date"].max()
    assert first.strftime("%Y-%m-%d") in shop.report and last.strftime("%Y-%m-%d") in shop.report


def test_overview_counts_customers_orders_and_revenue(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("how many customers do we have")
    assert key_number(answer, "customers") == truth["Customer ID"].nunique()
    assert key_number(answer, "orders") == truth["Order ID"].nunique()
    assert key_number(answer, "revenue") == round(truth["Sales"].sum())


def test_the_answer_names_the_workspace_and_dataset(shop: Loaded) -> None:
    answer = shop.ask("revenue by region")
    assert shop.ui.workspace.name in answer.text and shop.dataset in answer.text


def test_revenue_by_region(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("revenue by region")
    assert_by_group(answer, truth.groupby("Region")["Sales"].sum())


def test_orders_by_region_are_distinct_orders(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("how many orders by Region")
    assert_by_group(answer, truth.groupby("Region")["Order ID"].nunique())


def test_average_order_value_by_segment(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("average order value by segment")
    by = truth.groupby("Segment")
    assert_by_group(answer, by["Sales"].sum() / by["Order ID"].nunique())


def test_top_ten_customers_by_revenue(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("who are our top 10 customers by revenue")
    top = per_customer(truth)["revenue"].nlargest(10)
    tables = answer_tables(answer)
    assert any(len(t) == 10 for t in tables), answer.text
    assert_by_group(answer, top)


def test_how_many_orders_one_customer_placed(shop: Loaded, truth: pd.DataFrame) -> None:
    mine = truth[truth["Customer ID"] == "AC-10615"]
    assert mine["Order ID"].nunique() != len(mine)  # lines and orders differ for this one
    answer = shop.ask("how many orders did customer AC-10615 place")
    written = numbers_in(answer.text) + [n for k in answer.key_numbers
                                         for n in numbers_in(k.text)]
    assert mine["Order ID"].nunique() in written, answer.text
    assert len(mine) not in written, answer.text


ORDER_COUNTING = {
    "revenue by region": lambda t: int(t["orders"].sum()),
    "value tiers": lambda t: int(t["orders"].sum()),
    "RFM segments": lambda t: round(float((t["avg_orders"] * t["customers"]).sum())),
}


@pytest.mark.parametrize("question", list(ORDER_COUNTING))
def test_every_tool_counts_distinct_orders(shop: Loaded, truth: pd.DataFrame,
                                           question: str) -> None:
    answer = shop.ask(question)
    assert answer.kind == "answer", answer.text
    tables = [t for t in answer_tables(answer)
              if {"orders"} <= set(t.columns) or {"avg_orders", "customers"} <= set(t.columns)]
    assert tables, f"no table with orders: {answer.text}"
    assert ORDER_COUNTING[question](tables[0]) == truth["Order ID"].nunique()


def test_rfm_segments_cover_every_customer_and_all_revenue(shop: Loaded,
                                                           truth: pd.DataFrame) -> None:
    answer = shop.ask("RFM segments")
    table = next(t for t in answer_tables(answer) if "segment" in t.columns)
    assert int(table["customers"].sum()) == truth["Customer ID"].nunique()
    assert table["revenue"].sum() == pytest.approx(truth["Sales"].sum(), rel=1e-9)


def test_share_of_revenue_from_the_top_fifth(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("what share of revenue comes from the top 20% of customers")
    table = next(t for t in answer_tables(answer) if "top_percent" in t.columns)
    row = table[table["top_percent"] == 20].iloc[0]
    revenue = per_customer(truth)["revenue"].sort_values(ascending=False)
    size = int(row["customers"])
    assert size in (int(0.2 * len(revenue)), int(0.2 * len(revenue)) + 1)
    assert row["revenue"] == pytest.approx(revenue.head(size).sum(), rel=1e-9)
    assert row["revenue_share"] == pytest.approx(revenue.head(size).sum() / revenue.sum(),
                                                 abs=1e-4)


def test_clv_warns_that_the_sample_is_small(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("customer lifetime value")
    text = answer.text.lower()
    assert str(truth["Customer ID"].nunique()) in text
    assert any(word in text for word in ("minimum", "at least", "too few", "fewer than",
                                         "not enough"))


def test_revenue_by_region_in_chinese(shop: Loaded, truth: pd.DataFrame) -> None:
    answer = shop.ask("各地区的收入是多少")
    assert_by_group(answer, truth.groupby("Region")["Sales"].sum())


def test_product_names_are_never_quoted_as_customer_feedback(shop: Loaded,
                                                             truth: pd.DataFrame) -> None:
    answer = shop.ask("what do customers say about chairs")
    products = set(truth["Product Name"].str.strip())
    quoted = [q for q in quotes_of(answer) if q.strip() in products]
    assert not quoted, f"product names quoted as feedback: {quoted[:3]}"


def ambiguous_lines(target: Path) -> int:
    """The fixture's header and its lines dated on days 1-12 only (bytes kept): a file in
    which every date reads both ways. Whole orders are kept (an order has one date)."""
    header, *lines = (FIXTURES / FILE).read_bytes().rstrip(b"\r\n").split(b"\r\n")
    column = next(csv.reader([header.decode("utf-8-sig")])).index("Order Date")
    kept = [line for line in lines
            if int(next(csv.reader([line.decode("utf-8")]))[column].split("/")[1]) <= 12]
    target.write_bytes(b"\r\n".join([header, *kept]) + b"\r\n")
    return len(kept)


def test_an_ambiguous_date_column_is_reported_and_asked(demo_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "orders_days_1_to_12.csv"
    rows = ambiguous_lines(path)
    assert rows > 100
    ui = UiSession(tmp_path / "session", demo_root, None)
    report, _ = preview_upload(ui, path, "orders", "", LIMIT)
    assert f"{rows:,} rows read" in report
    lowered = report.lower()
    assert "order date" in lowered
    assert any(word in lowered for word in ("ambiguous", "day first", "day-first", "day/month",
                                            "month first", "month-first", "month/day"))


def test_a_line_rate_is_averaged_over_lines_and_its_orders_counted_once(
        shop: Loaded, truth: pd.DataFrame) -> None:
    """Discount is a rate per line: an order's discounts are never added up, its mean by
    category is over the lines, and each category's orders are distinct order ids."""
    answer = shop.ask("average Discount by Category")
    lines = truth.assign(Discount=truth["Discount"].astype(float))
    assert_by_group(answer, lines.groupby("Category")["Discount"].mean())
    table = next(t for t in answer_tables(answer) if "orders" in t.columns)
    orders = table.set_index("Category")["orders"].sort_index()
    expected = truth.groupby("Category")["Order ID"].nunique().sort_index()
    assert orders.tolist() == expected.tolist()


def test_the_breakdown_tool_averages_a_line_rate_over_lines(shop: Loaded,
                                                            truth: pd.DataFrame) -> None:
    """The computation itself: mean Discount by Category over lines, orders counted once."""
    result = run_tool("breakdown", shop.ui.workspace, by=["Category"], metric="mean",
                      measure="Discount")
    table = result.table.set_index("Category").sort_index()
    lines = truth.assign(Discount=truth["Discount"].astype(float))
    expected = lines.groupby("Category")["Discount"].mean().sort_index()
    assert table["value"].round(6).tolist() == expected.round(6).tolist()
    assert table["orders"].tolist() == truth.groupby("Category")["Order ID"].nunique(
    ).sort_index().tolist()
