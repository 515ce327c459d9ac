"""When a tool needs orders and there are none: what is missing, and what to ask instead."""

from __future__ import annotations

import pandas as pd
import pytest

from tools.alternatives import missing_tables, orders_needed
from tools.errors import ToolError
from tools.profile import breakdown
from tools.yesno import is_yes_no, read_yes_no


def test_customers_only_message_names_questions_from_its_own_columns(telecom_ws):
    message = orders_needed(telecom_ws, "RFM")
    assert message.startswith("RFM needs an orders table with a customer id, an order date "
                              "and an amount")
    assert "Churn rate by Contract" in message
    assert "average MonthlyCharges by Churn" in message
    assert "cluster customers by their attributes" in message
    assert "email" not in message and "customerID" not in message


def test_orders_without_a_recognised_date_are_named_not_called_missing(make_ws):
    lines = pd.DataFrame({"InvoiceNo": [f"A{i // 3}" for i in range(90)],
                          "CustomerID": [f"K{i % 20}" for i in range(90)],
                          "Price": [float(i % 7 + 1) for i in range(90)],
                          "When": ["someday"] * 90})
    ws = make_ws(orders=lines)
    message = missing_tables(ws)
    assert "'orders' looks like orders" in message and "order date" in message
    assert "no customers or orders table yet" not in message
    with pytest.raises(ToolError, match="looks like orders"):
        breakdown(ws, by=["CustomerID"], metric="count")


def test_an_empty_workspace_says_to_load_a_file(make_ws):
    assert "no customers or orders table yet" in missing_tables(make_ws())


@pytest.mark.parametrize("values, counted, expected", [
    ([True, False, None, True], "True", [1, 0, None, 1]),
    ([1, 0, 0, 1], "1", [1, 0, 0, 1]),
    (["Yes", "No", "yes ", None], "Yes", [1, 0, 1, None]),
    (["Exited", "Retained", "Exited", "Retained"], "Exited", [1, 0, 1, 0]),
    (["是", "否", "否", "是"], "是", [1, 0, 0, 1]),
])
def test_the_value_that_counts_is_read_from_the_values(values, counted, expected):
    found = read_yes_no(pd.Series(values, dtype=object), "flag")
    assert found.counted == counted
    assert found.values.tolist() == pytest.approx(
        [float("nan") if v is None else float(v) for v in expected], nan_ok=True)


def test_what_is_not_a_yes_no_column():
    assert not is_yes_no(pd.Series([1, 2, 3, 4]))
    assert not is_yes_no(pd.Series(["red", "blue", "red"]))
    assert is_yes_no(pd.Series([0, 1, 1]))
    with pytest.raises(ToolError, match="which one should be counted"):
        read_yes_no(pd.Series(["red", "blue"]), "colour")


def test_behaviour_named_on_a_customers_only_table_says_orders_are_needed(telecom_ws):
    from tools.clustering import cluster_customers
    from tools.rules import define_segment

    with pytest.raises(ToolError, match="'revenue' needs an orders table") as caught:
        define_segment(telecom_ws, filter="revenue >= 1000")
    assert "Churn rate by Contract" in str(caught.value)
    with pytest.raises(ToolError, match="Clustering on 'orders' needs an orders table"):
        cluster_customers(telecom_ws, features=["orders", "tenure"])
    with pytest.raises(ToolError, match="no column 'regoin'"):
        define_segment(telecom_ws, filter='regoin = "North"')


def test_a_customer_column_named_like_behaviour_is_used_as_it_is(make_ws, telecom):
    from tools.rules import define_segment

    ws = make_ws(customers=telecom.assign(Recency=telecom["tenure"] % 30))
    result = define_segment(ws, filter="recency < 10")
    assert result.fact("customers") == int((telecom["tenure"] % 30 < 10).sum())
