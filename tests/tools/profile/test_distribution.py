"""distribution: counts and shares per value or band equal plain pandas counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tools.profile import distribution

AGE_BINS = [0, 18, 25, 35, 45, 55, 65, np.inf]
AGE_LABELS = ["under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]


def test_text_column_counts_and_shares(demo_ws, raw) -> None:
    result = distribution(demo_ws, column="gender")
    expected = raw["customers"]["gender"].value_counts()
    table = result.table
    assert dict(zip(table["gender"], table["count"], strict=True)) == expected.to_dict()
    assert table["share"].sum() == pytest.approx(1.0)
    assert result.fact("most_common") == expected.index[0]
    assert result.fact("most_common_share") == pytest.approx(expected.iloc[0] / expected.sum())
    assert result.fact("distinct_values") == 3
    assert result.chart is not None


def test_ages_fall_into_age_bands_with_quartile_facts(demo_ws, raw) -> None:
    ages = raw["customers"]["age"]
    result = distribution(demo_ws, column="age")
    counts = pd.cut(ages, AGE_BINS, right=False, labels=AGE_LABELS).value_counts(sort=False)
    counts = counts[counts.index.isin(["18-24", "25-34", "35-44", "45-54", "55-64", "65+"])]
    assert list(result.table["age"]) == list(counts.index)
    assert list(result.table["count"]) == list(counts)
    assert result.fact("mean") == pytest.approx(ages.mean())
    assert result.fact("median") == ages.median()
    assert result.fact("q1") == ages.quantile(0.25)
    assert result.fact("q3") == ages.quantile(0.75)
    assert (result.fact("min"), result.fact("max")) == (ages.min(), ages.max())
    assert result.table["cumulative_share"].iloc[-1] == pytest.approx(1.0)


def test_missing_values_are_counted_and_left_out_of_shares(demo_ws, raw) -> None:
    sizes = raw["customers"]["company_size"]
    result = distribution(demo_ws, column="company_size")
    assert result.fact("missing") == int(sizes.isna().sum())
    assert result.fact("count") == int(sizes.notna().sum())
    table = result.table
    shares = dict(zip(table["company_size"], table["share"], strict=True))
    assert shares == pytest.approx(sizes.value_counts(normalize=True).to_dict())
    assert any("left out" in note for note in result.provenance.notes)


def test_order_columns_are_counted_per_completed_order(demo_ws, raw) -> None:
    result = distribution(demo_ws, column="product_category", table="orders")
    expected = raw["completed"]["product_category"].value_counts()
    table = result.table
    assert dict(zip(table["product_category"], table["count"], strict=True)) == (
        expected.to_dict())
    assert result.facts["count"].unit == "orders"


def test_many_values_show_the_top_ones_and_other(demo_ws, raw) -> None:
    jobs = raw["customers"]["job_title"].value_counts()
    ranked = jobs.reset_index().sort_values(["count", "job_title"], ascending=[False, True])
    result = distribution(demo_ws, column="job_title", top=5)
    table = result.table
    assert list(table["job_title"]) == [*ranked["job_title"].iloc[:5], "Other"]
    assert table["count"].iloc[-1] == ranked["count"].iloc[5:].sum()
    assert table["count"].sum() == len(raw["customers"])


def test_revenue_per_customer_includes_customers_who_never_bought(demo_ws, raw) -> None:
    revenue = raw["completed"].groupby("customer_id")["amount"].sum()
    revenue = revenue.reindex(raw["customers"]["customer_id"], fill_value=0.0)
    result = distribution(demo_ws, column="revenue")
    assert result.fact("count") == len(revenue)
    assert result.fact("mean") == pytest.approx(revenue.mean())
    assert result.fact("median") == pytest.approx(revenue.median())
    assert result.facts["median"].unit == "currency"
    assert result.table["count"].sum() == len(revenue)


def test_chosen_number_of_equal_width_bins(demo_ws, raw) -> None:
    amounts = raw["completed"]["amount"]
    result = distribution(demo_ws, column="amount", bins=5)
    assert result.table["count"].sum() == len(amounts)
    assert 3 <= len(result.table) <= 8
    assert result.table["amount"].iloc[-1].endswith("+")


def test_dates_are_counted_per_period(demo_ws, raw) -> None:
    signup = raw["customers"]["signup_date"]
    result = distribution(demo_ws, column="signup_date:year")
    expected = signup.dt.year.value_counts().sort_index()
    assert list(result.table["signup_date (year)"]) == [str(y) for y in expected.index]
    assert list(result.table["count"]) == list(expected)
    assert result.fact("first_date") == str(signup.min().date())
