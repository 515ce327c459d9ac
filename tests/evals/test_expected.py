"""The expected values, computed with plain pandas, agree with the demo's planted truth."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from evals.expected import COMPUTE, ExpectedValues
from tools.workspace import Workspace


@pytest.fixture(scope="module")
def expected(demo_root: Path) -> ExpectedValues:
    return ExpectedValues(Workspace(demo_root))


def test_customer_count_is_the_planted_number(expected: ExpectedValues, demo_truth: dict) -> None:
    assert expected("customers") == demo_truth["n_customers"]
    assert expected("truth_customers") == demo_truth["n_customers"]


def test_archetypes_add_up_to_the_customers(expected: ExpectedValues, demo_truth: dict) -> None:
    planted = sum(a["n_customers"] for a in demo_truth["archetypes"].values())
    assert planted == expected("customers")
    assert expected("truth_discount_hunters") == \
        demo_truth["archetypes"]["discount_hunter"]["n_customers"]


def test_buyers_are_at_most_the_customers(expected: ExpectedValues) -> None:
    assert 0 < expected("buyers") <= expected("customers")


def test_lifecycle_counts_split_the_buyers(expected: ExpectedValues, demo_root: Path) -> None:
    counted = sum(expected(f"lifecycle_{s}") for s in ("new", "at_risk", "churned", "loyal"))
    assert counted < expected("buyers")


def test_lifecycle_is_judged_on_the_planted_as_of_date(demo_root: Path, demo_truth: dict) -> None:
    ws = Workspace(demo_root)
    orders = pd.read_parquet(ws.root / ws.dataset_info("orders")["file"])
    assert str(orders["order_date"].max().date()) == demo_truth["as_of"]
    assert str(orders["order_date"].min().date()) == demo_truth["data_start"]


def test_pareto_shares_are_consistent(expected: ExpectedValues) -> None:
    assert 20 < expected("top10_revenue_share") < expected("top20_revenue_share") < 100
    assert 20 < expected("customers_for_80_share") < 80


def test_discount_hunters_show_in_the_discount_share(expected: ExpectedValues,
                                                     demo_truth: dict) -> None:
    """Planted: discount hunters (20%) use a discount on about 80% of orders."""
    share = demo_truth["archetypes"]["discount_hunter"]["share"]
    assert expected("discount_order_share") > share * 100 * 0.5


def test_every_computation_runs_on_the_demo(expected: ExpectedValues) -> None:
    for name in COMPUTE:
        value = expected(name)
        assert value is not None and value == value, name  # not NaN


def test_an_unknown_computation_is_an_error(expected: ExpectedValues) -> None:
    with pytest.raises(KeyError):
        expected("not_a_number")
