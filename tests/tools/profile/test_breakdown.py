"""breakdown: a metric per group equals the same groupby written in plain pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tools.profile import breakdown
from tools.result import MIN_RELIABLE
from tools.segments import Segmentation, save_segmentation

AGE_BINS = [0, 18, 25, 35, 45, 55, 65, np.inf]
AGE_LABELS = ["under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]


def as_dict(result, column: str) -> dict:
    return dict(zip(result.table[column], result.table["value"], strict=True))


def test_revenue_by_region_sums_completed_order_amounts(demo_ws, raw) -> None:
    result = breakdown(demo_ws, by=["region"], metric="sum", measure="revenue")
    expected = raw["joined"].groupby("region")["amount"].sum()
    got = as_dict(result, "region")
    assert set(got) == set(expected.index)
    for region, total in expected.items():
        assert got[region] == pytest.approx(total)
    assert result.fact("overall_value") == pytest.approx(raw["completed"]["amount"].sum())
    assert result.fact("top_group") == expected.idxmax()
    assert result.table["share"].sum() == pytest.approx(1.0)


def test_share_of_customers_by_gender(demo_ws, raw) -> None:
    result = breakdown(demo_ws, by="gender", metric="share")
    expected = raw["customers"]["gender"].value_counts(normalize=True)
    got = as_dict(result, "gender")
    assert got == pytest.approx(expected.to_dict())
    assert list(result.table["gender"]) == list(expected.index)  # largest first
    assert result.fact("top_group") == "Female"
    assert "Female" in result.summary


def test_median_age_by_income_band_keeps_the_band_order(demo_ws, raw) -> None:
    result = breakdown(demo_ws, by=["income_band"], metric="median", measure="age")
    customers = raw["customers"]
    expected = customers.groupby("income_band", observed=True)["age"].median()
    assert list(result.table["income_band"]) == [str(b) for b in expected.index]
    assert list(result.table["value"]) == pytest.approx(list(expected))
    overall = customers["age"].median()
    assert result.fact("overall_value") == overall
    assert list(result.table["lift"]) == pytest.approx(list(expected / overall))


def test_orders_by_quarter_counts_completed_orders(demo_ws, raw) -> None:
    result = breakdown(demo_ws, by=["quarter"], metric="count", measure="orders")
    completed = raw["completed"]
    expected = completed.groupby(completed["order_date"].dt.to_period("Q")).size()
    assert list(result.table["order quarter"]) == [str(q) for q in expected.index]
    assert list(result.table["value"]) == list(expected)
    buyers = completed.groupby(completed["order_date"].dt.to_period("Q"))["customer_id"].nunique()
    assert list(result.table["customers"]) == list(buyers)
    assert result.chart is not None and result.chart.data[0].type == "scatter"  # a line


def test_order_date_part_can_be_named_explicitly(demo_ws) -> None:
    short = breakdown(demo_ws, by=["month"], metric="sum", measure="revenue").table
    long = breakdown(demo_ws, by=["order_date:month"], metric="sum", measure="revenue").table
    assert list(short["value"]) == list(long["value"])


def test_seasons_are_northern_meteorological(demo_ws, raw) -> None:
    completed = raw["completed"]
    season = completed["order_date"].dt.month.map(
        {12: "Winter", 1: "Winter", 2: "Winter", 3: "Spring", 4: "Spring", 5: "Spring",
         6: "Summer", 7: "Summer", 8: "Summer", 9: "Autumn", 10: "Autumn", 11: "Autumn"})
    expected = completed.groupby(season)["amount"].sum()
    result = breakdown(demo_ws, by="season", metric="sum", measure="revenue")
    assert list(result.table["order season"]) == ["Winter", "Spring", "Summer", "Autumn"]
    assert as_dict(result, "order season") == pytest.approx(expected.to_dict())


def test_season_boundaries(make_ws) -> None:
    dates = ["2024-12-01", "2025-02-28", "2025-03-01", "2025-05-31", "2025-06-01",
             "2025-08-31", "2025-09-01", "2025-11-30"]
    orders = pd.DataFrame({"order_id": [f"o{i}" for i in range(8)],
                           "customer_id": [f"c{i}" for i in range(8)],
                           "order_date": pd.to_datetime(dates), "amount": 10.0 * np.arange(1, 9)})
    ws = make_ws(orders=orders, roles={"orders": {"order_date": "transaction_date"}})
    result = breakdown(ws, by="season", metric="sum", measure="amount")
    assert as_dict(result, "order season") == {"Winter": 30.0, "Spring": 70.0, "Summer": 110.0,
                                               "Autumn": 150.0}


def test_two_columns_match_a_crosstab(demo_ws, raw) -> None:
    result = breakdown(demo_ws, by=["country", "gender"], metric="count")
    expected = raw["customers"].groupby(["country", "gender"]).size()
    table = result.table.set_index(["country", "gender"])
    assert table["value"].to_dict() == expected.to_dict()
    within = expected / expected.groupby(level=0).transform("sum")
    assert table["share_within"].to_dict() == pytest.approx(within.to_dict())
    assert table["low_confidence"].to_dict() == (expected < MIN_RELIABLE).to_dict()
    assert result.fact("low_confidence_groups") == int((expected < MIN_RELIABLE).sum())
    assert result.chart is not None


def test_numbers_used_as_groups_become_age_bands(demo_ws, raw) -> None:
    customers = raw["customers"]
    band = pd.cut(customers["age"], AGE_BINS, right=False, labels=AGE_LABELS)
    expected = customers.groupby(band, observed=True).size()
    result = breakdown(demo_ws, by="age", metric="count")
    assert list(result.table["age"]) == list(expected.index)
    assert list(result.table["value"]) == list(expected)


def test_mean_order_amount_by_order_column(demo_ws, raw) -> None:
    result = breakdown(demo_ws, by="product_category", metric="mean", measure="amount")
    expected = raw["completed"].groupby("product_category")["amount"].mean()
    assert as_dict(result, "product_category") == pytest.approx(expected.to_dict())
    assert result.fact("overall_value") == pytest.approx(raw["completed"]["amount"].mean())


def test_mean_revenue_by_month_is_per_buying_customer(demo_ws, raw) -> None:
    completed = raw["completed"]
    month = completed["order_date"].dt.to_period("M").astype(str)
    per_customer = completed.groupby([month, completed["customer_id"]])["amount"].sum()
    expected = per_customer.groupby(level=0).mean()
    result = breakdown(demo_ws, by="month", metric="mean", measure="revenue")
    assert as_dict(result, "order month") == pytest.approx(expected.to_dict())
    assert result.fact("overall_value") == pytest.approx(per_customer.mean())


def test_segment_restricts_to_its_members(demo_ws, raw, demo_truth) -> None:
    labels = pd.Series(demo_truth["customer_archetype"])
    save_segmentation(demo_ws, Segmentation("planted", "test", labels))
    members = labels.index[labels == "loyal_champion"]
    customers = raw["customers"].set_index("customer_id").loc[members]
    result = breakdown(demo_ws, by="gender", metric="count", segment="loyal_champion")
    assert as_dict(result, "gender") == customers["gender"].value_counts().to_dict()


def test_date_window_limits_orders_and_customers(demo_ws, raw) -> None:
    joined = raw["joined"]
    in_2025 = joined[joined["order_date"].dt.year == 2025]
    result = breakdown(demo_ws, by="region", metric="sum", measure="revenue",
                       start="2025-01-01", end="2025-12-31")
    assert as_dict(result, "region") == pytest.approx(
        in_2025.groupby("region")["amount"].sum().to_dict())
    count = breakdown(demo_ws, by="gender", metric="count", start="2025-01-01",
                      end="2025-12-31")
    buyers = in_2025.drop_duplicates("customer_id")["gender"].value_counts()
    assert as_dict(count, "gender") == buyers.to_dict()


def test_top_folds_the_rest_into_other(demo_ws, raw) -> None:
    result = breakdown(demo_ws, by="city", metric="sum", measure="revenue", top=5)
    expected = raw["joined"].groupby("city")["amount"].sum().sort_values(ascending=False)
    table = result.table
    assert list(table["city"]) == [*expected.index[:5], "Other"]
    assert table["value"].iloc[-1] == pytest.approx(expected.iloc[5:].sum())
    assert result.fact("top_group") == expected.index[0]


def test_customer_attribute_by_order_column_counts_each_buyer_once(demo_ws, raw) -> None:
    joined = raw["joined"].drop_duplicates(["product_category", "customer_id"])
    expected = joined.groupby("product_category")["age"].mean()
    result = breakdown(demo_ws, by="product_category", metric="mean", measure="age")
    assert as_dict(result, "product_category") == pytest.approx(expected.to_dict())
    buyers = raw["completed"].drop_duplicates("customer_id").merge(raw["customers"],
                                                                  on="customer_id")
    assert result.fact("overall_value") == pytest.approx(buyers["age"].mean())


def test_average_order_value_by_month_is_the_mean_order_amount(demo_ws, raw) -> None:
    completed = raw["completed"]
    month = completed["order_date"].dt.to_period("M").astype(str)
    expected = completed.groupby(month)["amount"].mean()
    result = breakdown(demo_ws, by="month", metric="mean", measure="avg_order_value")
    assert as_dict(result, "order month") == pytest.approx(expected.to_dict())


def test_small_groups_are_flagged_and_warned_about(demo_ws, raw) -> None:
    result = breakdown(demo_ws, by=["country", "gender"], metric="mean", measure="age")
    sizes = raw["customers"].groupby(["country", "gender"]).size()
    assert result.warnings and str(int((sizes < MIN_RELIABLE).sum())) in result.warnings[0]
    top = result.table[~result.table["low_confidence"]]["value"].max()
    assert result.fact("top_value") == pytest.approx(top)  # small groups do not win
    # ... and the warning says so, since a small group may hold a higher value
    assert "not counted when the highest and lowest groups are named" in result.warnings[0]


def test_rate_of_an_order_flag_by_quarter_is_the_share_of_orders(demo_ws, raw) -> None:
    result = breakdown(demo_ws, by=["quarter"], metric="rate", measure="discount_used")
    completed = raw["completed"]
    quarter = completed["order_date"].dt.to_period("Q").astype(str)  # '2024Q2'
    expected = completed["discount_used"].groupby(quarter).mean()
    got = as_dict(result, "order quarter")
    assert set(got) == set(expected.index)
    for period, rate in expected.items():
        assert got[period] == pytest.approx(rate)
    assert result.fact("overall_value") == pytest.approx(completed["discount_used"].mean())
    assert "share of orders with discount_used = True" in result.summary


def test_rate_of_a_customer_value_by_group_with_a_named_value(demo_ws, raw) -> None:
    result = breakdown(demo_ws, by=["source_channel"], metric="rate", measure="gender",
                       rate_value="female")
    customers = raw["customers"]
    expected = (customers["gender"] == "Female").groupby(customers["source_channel"]).mean()
    assert as_dict(result, "source_channel") == pytest.approx(expected.to_dict())
    assert "share of customers with gender = Female" in result.summary
