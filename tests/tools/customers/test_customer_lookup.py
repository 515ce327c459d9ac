"""customer_lookup on the planted shop and on a customers-only table; expected numbers are
computed here with pandas from the planted frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tools.customers import customer_lookup
from tools.errors import ToolError

from .conftest import purchases


def busiest_with_several_lines(lines: pd.DataFrame) -> str:
    """A customer whose number of lines differs from their number of invoices."""
    kept = purchases(lines)
    per = kept.groupby("CustomerID").agg(lines=("InvoiceNo", "size"),
                                         orders=("InvoiceNo", "nunique"))
    per = per[per["lines"] > per["orders"]].sort_values(["orders", "lines"], ascending=False)
    return str(per.index[0])


def test_one_customer_orders_revenue_and_dates(shop_ws, lines, people):
    customer = busiest_with_several_lines(lines)
    mine = purchases(lines)[purchases(lines)["CustomerID"] == customer]
    invoices = mine.groupby("InvoiceNo").agg(date=("InvoiceDate", "min"),
                                             amount=("Amount", "sum"),
                                             lines=("Amount", "size"))
    result = customer_lookup(shop_ws, customer=customer)
    assert result.fact("orders") == len(invoices) != len(mine)
    assert result.fact("revenue") == pytest.approx(mine["Amount"].sum())
    assert result.fact("avg_order_value") == pytest.approx(mine["Amount"].sum() / len(invoices))
    assert result.fact("first_order") == str(mine["InvoiceDate"].min().date())
    assert result.fact("last_order") == str(mine["InvoiceDate"].max().date())
    end = purchases(lines)["InvoiceDate"].max().normalize()
    assert result.fact("days_since_last_order") == (
        end - mine["InvoiceDate"].max().normalize()).days
    row = people.set_index("CustomerID").loc[customer]
    assert result.fact("name") == row["Full Name"]
    assert result.fact("balance") == pytest.approx(row["Balance"])
    assert result.fact("region") == row["Region"]
    assert result.fact("age") == row["Age"]
    table = result.table
    assert len(table) == len(invoices)
    assert table["date"].is_monotonic_decreasing
    by_id = table.set_index("order_id")
    np.testing.assert_allclose(by_id.loc[invoices.index, "amount"], invoices["amount"])
    assert by_id.loc[invoices.index, "lines"].tolist() == invoices["lines"].tolist()


def test_found_by_name_whatever_the_case(shop_ws, people):
    row = people.iloc[4]
    result = customer_lookup(shop_ws, customer=row["Full Name"].upper())
    assert result.fact("customer_id") == row["CustomerID"]


def test_two_customers_with_one_name_are_asked_back_with_their_ids(shop_ws, people):
    twins = people.loc[people["Full Name"] == "Mia Stone", "CustomerID"].tolist()
    assert len(twins) == 2
    with pytest.raises(ToolError) as error:
        customer_lookup(shop_ws, customer="mia stone")
    assert all(t in str(error.value) for t in twins)


def test_an_unknown_customer_gets_the_closest_ids(shop_ws):
    with pytest.raises(ToolError) as error:
        customer_lookup(shop_ws, customer="K0033")
    assert "There is no customer" in str(error.value) and "'K003'" in str(error.value)


def test_a_customer_who_never_ordered(shop_ws, people):
    row = people.set_index("CustomerID").loc["K043"]
    result = customer_lookup(shop_ws, customer="K043")
    assert result.fact("orders") == 0
    assert result.fact("balance") == pytest.approx(row["Balance"])
    assert set(result.table["attribute"]) >= {"Balance", "Region", "Age"}


def test_customers_only_lists_the_attributes(telecom_ws, telecom):
    row = telecom.iloc[17]
    result = customer_lookup(telecom_ws, customer=row["customerID"])
    assert result.fact("monthlycharges") == pytest.approx(row["MonthlyCharges"])
    assert result.fact("contract") == row["Contract"]
    assert result.fact("churn") == row["Churn"]
    assert "orders" not in result.facts and "not known" in result.summary


def test_an_empty_customer_is_refused(shop_ws):
    with pytest.raises(ToolError, match="customer id or name"):
        customer_lookup(shop_ws, customer="  ")
