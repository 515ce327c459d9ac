"""Tools find the orders and customers tables and the column a person meant."""

from __future__ import annotations

import pandas as pd
import pytest

from tools.data import date_window, load_customers, load_orders, resolve_column
from tools.errors import ToolError


def test_demo_orders_come_back_in_standard_columns_without_returns(demo_ws):
    raw = demo_ws.read_dataset("orders")
    orders = load_orders(demo_ws)
    assert orders.dataset == "orders"
    assert {"customer_id", "date", "amount"} <= set(orders.frame.columns)
    assert len(orders.frame) == (raw["status"] == "completed").sum()
    assert orders.excluded == (raw["status"] != "completed").sum()
    customers, name = load_customers(demo_ws)
    assert name == "customers" and customers.index.is_unique and len(customers) == 6000


def test_a_workspace_without_orders_says_what_to_load(make_ws):
    ws = make_ws(people=pd.DataFrame({"customer_id": ["a", "b"], "age": [30, 40]}))
    with pytest.raises(ToolError, match="No orders table found"):
        load_orders(ws)


def test_columns_resolve_through_case_spacing_and_typos():
    frame = pd.DataFrame(columns=["Annual Income (k$)", "region", "CustomerID"])
    assert resolve_column(frame, "customer_id") == "CustomerID"
    assert resolve_column(frame, "REGION") == "region"
    with pytest.raises(ToolError, match="Did you mean 'region'"):
        resolve_column(frame, "regoin")


def test_an_empty_window_names_the_data_range(demo_ws):
    orders = load_orders(demo_ws)
    assert len(date_window(orders, "2025-01-01", "2025-01-31")) > 0
    with pytest.raises(ToolError, match="orders run from 2024-05-01 to 2026-10-31"):
        date_window(orders, "2020-01-01", "2020-12-31")
    with pytest.raises(ToolError, match="after it ends"):
        date_window(orders, "2025-02-01", "2025-01-01")
