"""cohort_retention: the retention table equals a plain pandas groupby on the demo orders."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tools.cohorts import cohort_retention
from tools.errors import ToolError
from tools.segments import Segmentation, save_segmentation

LAST_MONTH = pd.Period("2026-10", "M")  # the demo's orders end on 2026-10-31


def pandas_retention(orders: pd.DataFrame, last: pd.Period, max_k: int) -> pd.DataFrame:
    """Share of each first-purchase-month cohort buying k months later, written plainly."""
    orders = orders.assign(month=orders["order_date"].dt.to_period("M"))
    cohort = orders.groupby("customer_id")["month"].min().rename("cohort")
    orders = orders.join(cohort, on="customer_id")
    orders["k"] = (orders["month"] - orders["cohort"]).map(lambda offset: offset.n)
    active = orders.drop_duplicates(["customer_id", "k"])
    counts = active.groupby(["cohort", "k"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=range(max_k + 1), fill_value=0)
    sizes = cohort.value_counts().sort_index()
    rates = counts.div(sizes, axis=0)
    for c in rates.index:
        for k in rates.columns:
            if k > 0 and (c + k) > last:
                rates.loc[c, k] = np.nan
    return rates.assign(size=sizes)


def test_retention_table_matches_pandas(demo_ws, completed) -> None:
    expected = pandas_retention(completed, LAST_MONTH, 12)
    result = cohort_retention(demo_ws, max_months=12)
    table = result.table.set_index("cohort")
    assert list(table.index) == [str(c) for c in expected.index]
    assert list(table["customers"]) == list(expected["size"])
    for k in range(13):
        assert np.allclose(table[f"month_{k}"], expected[k], equal_nan=True), k
    counts = result.tables["counts"].set_index("cohort")
    assert counts["month_1"].iloc[0] == round(expected[1].iloc[0] * expected["size"].iloc[0])


def test_unobservable_cells_are_nan_not_zero(demo_ws) -> None:
    table = cohort_retention(demo_ws, max_months=3).table.set_index("cohort")
    assert table.loc["2026-10", "month_0"] == 1.0
    assert np.isnan(table.loc["2026-10", "month_1"])
    assert not np.isnan(table.loc["2026-09", "month_1"])
    assert np.isnan(table.loc["2026-09", "month_2"])
    assert table.loc["2024-05"].notna().all()


def test_cohort_sizes_sum_to_buyers(demo_ws, completed) -> None:
    result = cohort_retention(demo_ws)
    assert result.table["customers"].sum() == completed["customer_id"].nunique()
    assert result.fact("customers") == completed["customer_id"].nunique()


def test_headline_facts_are_size_weighted_averages(demo_ws, completed) -> None:
    expected = pandas_retention(completed, LAST_MONTH, 12)
    result = cohort_retention(demo_ws, max_months=12)
    for k in (1, 3, 6, 12):
        seen = expected[k].notna()
        weighted = (expected[k][seen] * expected["size"][seen]).sum() / expected["size"][seen].sum()
        assert result.fact(f"avg_month_{k}_retention") == pytest.approx(weighted)
    reliable = expected[expected["size"] >= 30][3].dropna()
    assert result.fact("best_cohort") == str(reliable.idxmax())
    assert result.fact("worst_cohort") == str(reliable.idxmin())
    assert result.fact("best_cohort_retention") == pytest.approx(reliable.max())
    assert result.fact("cohorts") == len(expected)
    assert result.chart is not None and result.chart.data[0].type == "heatmap"


def test_quarters_and_an_incomplete_last_quarter(demo_ws, completed) -> None:
    table = cohort_retention(demo_ws, period="quarter", max_months=4).table.set_index("cohort")
    first = completed.groupby("customer_id")["order_date"].min().dt.to_period("Q")
    assert table["customers"].to_dict() == {str(q): n for q, n in
                                            first.value_counts().sort_index().items()}
    # data ends 2026-10-31, so 2026Q4 is not over: 2026Q3's next quarter is not observable
    assert np.isnan(table.loc["2026Q3", "quarter_1"])
    assert not np.isnan(table.loc["2026Q2", "quarter_1"])


def test_a_month_still_running_is_not_observable(make_ws) -> None:
    orders = pd.DataFrame({
        "order_id": ["o1", "o2", "o3", "o4", "o5"],
        "customer_id": ["a", "a", "b", "b", "c"],
        "order_date": pd.to_datetime(["2024-01-05", "2024-02-10", "2024-01-20", "2024-03-02",
                                      "2024-03-15"]),
        "amount": [10.0, 20.0, 30.0, 40.0, 50.0],
    })
    ws = make_ws(orders=orders, roles={"orders": {"order_date": "transaction_date"}})
    table = cohort_retention(ws, max_months=2).table.set_index("cohort")
    assert table.loc["2024-01", "customers"] == 2
    assert table.loc["2024-01", "month_1"] == 0.5  # a came back in February
    assert np.isnan(table.loc["2024-01", "month_2"])  # March is still running on 2024-03-15


def test_acquisition_window_and_its_error(demo_ws) -> None:
    table = cohort_retention(demo_ws, start="2025-01-01", end="2025-06-30").table
    assert list(table["cohort"]) == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05",
                                     "2025-06"]
    with pytest.raises(ToolError, match=r"No customers were acquired.*2024-05-01 to 2026-10-31"):
        cohort_retention(demo_ws, start="2030-01-01")


def test_signup_cohorts_cover_every_customer(demo_ws) -> None:
    customers = demo_ws.read_dataset("customers")
    result = cohort_retention(demo_ws, cohort_by="signup")
    assert result.fact("customers") == customers["signup_date"].notna().sum()
    expected = customers["signup_date"].dt.to_period("M").value_counts()
    table = result.table.set_index("cohort")
    assert table["customers"].to_dict() == {str(m): n for m, n in expected.items()}


def test_a_segment_keeps_only_its_buyers(demo_ws, completed, demo_truth) -> None:
    labels = pd.Series(demo_truth["customer_archetype"])
    save_segmentation(demo_ws, Segmentation("planted", "test", labels))
    members = set(labels.index[labels == "new_customer"])
    result = cohort_retention(demo_ws, segment="new_customer")
    assert result.fact("customers") == len(members & set(completed["customer_id"]))
