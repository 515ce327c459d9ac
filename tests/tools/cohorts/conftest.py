"""The demo's completed orders, read with plain pandas for independent computations."""

from __future__ import annotations

import pandas as pd
import pytest

from tools.workspace import Workspace


@pytest.fixture(scope="module")
def completed(demo_root) -> pd.DataFrame:
    orders = Workspace(demo_root).read_dataset("orders")
    return orders[~orders["status"].isin(["returned", "cancelled"])].copy()
