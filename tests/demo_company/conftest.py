"""One default demo for all demo tests: generating it is the slow part."""

from __future__ import annotations

import pandas as pd
import pytest

from demo_company import DemoData, generate_demo


@pytest.fixture(scope="session")
def demo() -> DemoData:
    return generate_demo()


@pytest.fixture(scope="session")
def label(demo: DemoData) -> pd.Series:
    """The planted archetype of each customer, indexed by customer id."""
    return pd.Series(demo.ground_truth["customer_archetype"], name="archetype")
