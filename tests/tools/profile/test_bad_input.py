"""Wrong requests get a message that names the fix, never a traceback."""

from __future__ import annotations

import pytest

from tools.errors import ToolError
from tools.profile import breakdown, distribution, overview


def test_unknown_column_suggests_the_closest_name(demo_ws) -> None:
    with pytest.raises(ToolError, match=r"'regoin'.*Did you mean 'region'"):
        breakdown(demo_ws, by=["regoin"])
    with pytest.raises(ToolError, match=r"Did you mean 'gender'"):
        distribution(demo_ws, column="gendr")


def test_three_columns_are_refused_with_the_limit(demo_ws) -> None:
    with pytest.raises(ToolError, match=r"one or two columns.*you gave 3"):
        breakdown(demo_ws, by=["region", "gender", "device"])


def test_an_empty_window_names_the_data_range(demo_ws) -> None:
    with pytest.raises(ToolError, match=r"no orders between 2030-01-01.*2024-05-01 to 2026-10-31"):
        breakdown(demo_ws, by="region", metric="sum", measure="revenue", start="2030-01-01")
    with pytest.raises(ToolError, match=r"2024-05-01 to 2026-10-31"):
        overview(demo_ws, start="2030-01-01", end="2030-12-31")


def test_mean_of_a_text_column_is_explained(demo_ws) -> None:
    with pytest.raises(ToolError, match=r"'gender' holds text.*cannot be taken.*'count'"):
        breakdown(demo_ws, by="region", metric="mean", measure="gender")


def test_sum_needs_a_measure(demo_ws) -> None:
    with pytest.raises(ToolError, match=r"measure='revenue'"):
        breakdown(demo_ws, by="region", metric="sum")


def test_unknown_period_and_period_of_a_non_date(demo_ws) -> None:
    with pytest.raises(ToolError, match=r"'fortnight' is not a time period.*quarter"):
        breakdown(demo_ws, by="signup_date:fortnight")
    with pytest.raises(ToolError, match=r"'gender' is not a date"):
        breakdown(demo_ws, by="gender:month")


def test_same_column_twice_and_unknown_metric(demo_ws) -> None:
    with pytest.raises(ToolError, match=r"two different columns"):
        breakdown(demo_ws, by=["region", "region"])
    with pytest.raises(ToolError, match=r"'metric'"):
        breakdown(demo_ws, by="region", metric="average")


def test_order_column_on_the_customers_table_is_redirected(demo_ws) -> None:
    with pytest.raises(ToolError, match=r"table='orders'"):
        distribution(demo_ws, column="amount", table="customers")


def test_empty_workspace(tmp_path) -> None:
    from tools.workspace import Workspace

    with pytest.raises(ToolError, match=r"no customers or orders table"):
        overview(Workspace(tmp_path / "empty"))
