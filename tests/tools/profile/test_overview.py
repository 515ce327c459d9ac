"""overview: the headline numbers equal plain pandas sums over completed orders."""

from __future__ import annotations

import pytest

from tools.ingest import load_into_workspace
from tools.profile import overview
from tools.workspace import Workspace


def test_headline_numbers_of_the_demo(demo_ws, raw) -> None:
    completed = raw["completed"]
    per_customer = completed.groupby("customer_id")["order_id"].nunique()
    result = overview(demo_ws)
    assert result.fact("customers") == len(raw["customers"])
    assert result.fact("buyers") == completed["customer_id"].nunique()
    assert result.fact("orders") == len(completed)
    assert result.fact("revenue") == pytest.approx(completed["amount"].sum())
    assert result.fact("avg_order_value") == pytest.approx(completed["amount"].mean())
    assert result.fact("repeat_customer_share") == pytest.approx((per_customer >= 2).mean())
    assert result.fact("first_order_date") == str(completed["order_date"].min().date())
    assert result.fact("last_order_date") == str(completed["order_date"].max().date())
    assert result.fact("excluded_orders") == len(raw["orders"]) - len(completed)
    assert "customers" in result.summary and "orders" in result.summary


def test_one_row_per_dataset_with_its_size_and_dates(demo_ws, raw) -> None:
    table = overview(demo_ws).table.set_index("dataset")
    assert set(table.index) == set(demo_ws.dataset_names())
    assert table.loc["orders", "rows"] == len(raw["orders"])
    assert table.loc["orders", "kind"] == "orders"
    assert table.loc["orders", "first_date"] == str(raw["orders"]["order_date"].min().date())
    assert table.loc["customers", "kind"] == "customers"


def test_monthly_revenue_table_adds_up(demo_ws, raw) -> None:
    result = overview(demo_ws)
    monthly = result.tables["monthly"]
    assert monthly["revenue"].sum() == pytest.approx(raw["completed"]["amount"].sum())
    assert result.chart is not None


def test_a_customers_file_without_orders(shared_data, tmp_path) -> None:
    ws = Workspace(tmp_path / "mall")
    load_into_workspace(ws, "customers", shared_data / "Mall_Customers.csv")
    result = overview(ws)
    assert result.fact("customers") == 200
    assert "orders" not in result.facts
    assert "no orders table" in result.summary
