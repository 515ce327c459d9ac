"""Plain pandas views of the demo data, written independently of tools/profile."""

from __future__ import annotations

import pandas as pd
import pytest

from tools.workspace import Workspace


@pytest.fixture(scope="module")
def raw(demo_root) -> dict[str, pd.DataFrame]:
    ws = Workspace(demo_root)
    orders = ws.read_dataset("orders")
    customers = ws.read_dataset("customers")
    completed = orders[~orders["status"].isin(["returned", "cancelled"])]
    return {"orders": orders, "completed": completed, "customers": customers,
            "joined": completed.merge(customers, on="customer_id", how="left")}
