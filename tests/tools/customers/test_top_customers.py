"""top_customers on a planted shop (order lines with repeated invoice ids, returns, a tie)
and on a customers-only table; every expected value is computed here with pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tools.customers import top_customers
from tools.errors import ToolError
from tools.result import fact_key
from tools.segments import Segmentation, save_segmentation

from .conftest import per_customer, purchases, ranked


def test_top_ten_by_revenue_counts_distinct_invoices(shop_ws, lines, people):
    truth = per_customer(lines)
    expected = ranked(truth["revenue"]).head(10)
    result = top_customers(shop_ws, n=10)
    table = result.table
    assert table["customer_id"].tolist() == expected.index.tolist()
    assert table["rank"].tolist() == list(range(1, 11))
    np.testing.assert_allclose(table["revenue"], expected.to_numpy())
    assert table["orders"].tolist() == truth.loc[expected.index, "orders"].tolist()
    assert (truth["orders"] < purchases(lines).groupby("CustomerID").size()).any()
    names = people.set_index("CustomerID")["Full Name"]
    assert table["name"].tolist() == names.loc[expected.index].tolist()
    assert pd.to_datetime(table["last_order"]).tolist() == (
        truth.loc[expected.index, "last"].dt.normalize().tolist())
    assert result.fact("customers_ranked") == len(truth)
    assert result.fact("top_share") == pytest.approx(expected.sum() / truth["revenue"].sum())
    for customer, value in expected.items():
        assert result.fact(f"revenue_{fact_key(customer)}") == pytest.approx(value)
    assert any("distinct InvoiceNo" in note for note in result.provenance.notes)
    assert result.provenance.datasets[0] == "customers"  # the dataset holding the name role


def test_ties_are_broken_by_customer_id(shop_ws, lines):
    truth = per_customer(lines)
    assert truth.loc["K003", "revenue"] == truth.loc["K007", "revenue"]
    table = top_customers(shop_ws, n=40).table
    ids = table["customer_id"].tolist()
    assert ids.index("K003") + 1 == ids.index("K007")
    assert table.equals(top_customers(shop_ws, n=40).table)


def test_fewest_orders_first(shop_ws, lines):
    truth = per_customer(lines)
    expected = ranked(truth["orders"], ascending=True).head(15)
    result = top_customers(shop_ws, by="orders", n=15, ascending=True)
    assert result.table["customer_id"].tolist() == expected.index.tolist()
    assert result.table["orders"].tolist() == expected.tolist()
    assert "lowest" in result.summary


def test_average_order_value_is_revenue_per_distinct_order(shop_ws, lines):
    truth = per_customer(lines)
    expected = ranked(truth["aov"]).head(5)
    result = top_customers(shop_ws, by="Avg order value", n=5)
    assert result.table["customer_id"].tolist() == expected.index.tolist()
    np.testing.assert_allclose(result.table["avg_order_value"], expected.to_numpy())
    share = truth.loc[expected.index, "revenue"].sum() / truth["revenue"].sum()
    assert result.fact("top_revenue_share") == pytest.approx(share)
    assert "top_share" not in result.facts  # a total of averages means nothing


def test_days_since_last_order_counts_to_the_last_order_in_the_data(shop_ws, lines):
    truth = per_customer(lines)
    end = purchases(lines)["InvoiceDate"].max().normalize()
    days = (end - truth["last"].dt.normalize()).dt.days.astype(float)
    expected = ranked(days).head(8)
    result = top_customers(shop_ws, by="recency_days", n=8)
    assert result.table["customer_id"].tolist() == expected.index.tolist()
    assert result.table["recency_days"].tolist() == expected.tolist()


def test_a_date_window_counts_only_its_orders(shop_ws, lines):
    inside = lines[(lines["InvoiceDate"] >= "2024-04-01") & (lines["InvoiceDate"] < "2024-07-01")]
    truth = per_customer(inside)
    expected = ranked(truth["revenue"]).head(10)
    result = top_customers(shop_ws, n=10, start="2024-04-01", end="2024-06-30")
    assert result.table["customer_id"].tolist() == expected.index.tolist()
    np.testing.assert_allclose(result.table["revenue"], expected.to_numpy())
    assert result.fact("customers_ranked") == len(truth)


def test_a_numeric_column_of_the_customers_table(shop_ws, lines, people):
    balance = people.set_index("CustomerID")["Balance"]
    expected = ranked(balance).head(12)
    result = top_customers(shop_ws, by="balance", n=12)
    table = result.table
    assert table["customer_id"].tolist() == expected.index.tolist()
    np.testing.assert_allclose(table["Balance"], expected.to_numpy())
    orders = per_customer(lines)["orders"].reindex(expected.index).fillna(0).astype(int)
    assert table["orders"].tolist() == orders.tolist()  # customers who never ordered: 0
    assert result.fact("customers_ranked") == len(people)
    share = expected.sum() / balance.sum()
    assert result.fact("top_share") == pytest.approx(share)


def test_age_is_ranked_but_no_share_of_a_total_age_is_given(shop_ws, people):
    result = top_customers(shop_ws, by="Age", n=3)
    expected = ranked(people.set_index("CustomerID")["Age"]).head(3)
    assert result.table["customer_id"].tolist() == expected.index.tolist()
    assert "top_share" not in result.facts


def test_only_a_saved_segment(shop_ws, lines):
    members = [f"K{i:03d}" for i in range(1, 41, 3)]
    save_segmentation(shop_ws, Segmentation(
        "picked", "rule", pd.Series("Picked", index=pd.Index(members, name="customer_id")),
        {}, "every third customer"))
    truth = per_customer(lines).loc[lambda t: t.index.isin(members)]
    expected = ranked(truth["revenue"]).head(5)
    result = top_customers(shop_ws, n=5, segment="Picked")
    assert result.table["customer_id"].tolist() == expected.index.tolist()
    assert result.fact("customers_ranked") == len(truth)
    assert result.fact("top_share") == pytest.approx(expected.sum() / truth["revenue"].sum())


def test_more_than_there_are_lists_everyone_with_a_warning(shop_ws, lines):
    result = top_customers(shop_ws, n=500)
    assert len(result.table) == len(per_customer(lines))
    assert result.warnings and "all of them are listed" in result.warnings[0]


@pytest.mark.parametrize("n", [0, -5, 1001])
def test_a_count_outside_1_to_1000_is_refused_clearly(shop_ws, n):
    with pytest.raises(ToolError, match="from 1 to 1000"):
        top_customers(shop_ws, n=n)


def test_an_unknown_column_names_what_can_be_used(shop_ws):
    with pytest.raises(ToolError) as error:
        top_customers(shop_ws, by="Ballance")
    message = str(error.value)
    assert "'Balance'" in message and "'revenue'" in message


def test_a_text_column_is_refused(shop_ws):
    with pytest.raises(ToolError, match="not a number"):
        top_customers(shop_ws, by="Region")


def test_customers_only_ranks_customer_columns(telecom_ws, telecom):
    expected = ranked(telecom.set_index("customerID")["MonthlyCharges"]).head(10)
    result = top_customers(telecom_ws, by="MonthlyCharges", n=10)
    assert result.table["customer_id"].tolist() == expected.index.tolist()
    np.testing.assert_allclose(result.table["MonthlyCharges"], expected.to_numpy())
    assert "orders" not in result.table and result.provenance.datasets == ["customers"]


def test_customers_only_says_what_revenue_needs_and_what_can_be_asked(telecom_ws):
    with pytest.raises(ToolError) as error:
        top_customers(telecom_ws, by="revenue")
    message = str(error.value)
    assert "needs an orders table" in message and "MonthlyCharges" in message


def test_the_name_column_is_masked_for_a_remote_model(shop_ws):
    from assistant.privacy import personal_columns

    result = top_customers(shop_ws, n=3)
    dataset = result.provenance.datasets[0]
    assert "name" in personal_columns(shop_ws, dataset, list(result.table.columns))
