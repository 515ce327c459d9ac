"""top_customers and customer_lookup on real public exports (tests/realdata/fixtures, sources
in tests/realdata/SOURCES.md), loaded the way the Data tab loads them: Superstore order
lines (order ids repeat across lines; month-first and day-first dates) and a bank's
customers-only table. Expected numbers are computed here with pandas from the files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tools.customers import customer_lookup, top_customers
from tools.errors import ToolError
from tools.workspace import Workspace
from ui.data_tab import confirm_upload, preview_upload
from ui.state import UiSession

FIXTURES = Path(__file__).resolve().parents[2] / "realdata" / "fixtures"
LIMIT = 5 * 1024 * 1024
SUPERSTORES = {"superstore_orders_month_first.csv": "%m/%d/%Y",
               "superstore_orders_day_first.csv": "%d/%m/%Y"}
BANK = "bank_churn_customers.csv"


def loaded(folder: Path, demo_root: Path, file_name: str, kind: str) -> Workspace:
    """The file checked and confirmed with the roles the page proposes."""
    ui = UiSession(folder / "session", demo_root, None)
    _, roles = preview_upload(ui, FIXTURES / file_name, kind, "", LIMIT)
    confirm_upload(ui, roles, LIMIT)
    assert ui.pending is None and ui.which == "mine"
    return ui.workspace


@pytest.fixture(scope="module", params=sorted(SUPERSTORES))
def superstore(request, demo_root, tmp_path_factory) -> tuple[Workspace, pd.DataFrame]:
    file_name = request.param
    truth = pd.read_csv(FIXTURES / file_name, dtype=str, encoding="utf-8-sig")
    truth["date"] = pd.to_datetime(truth["Order Date"], format=SUPERSTORES[file_name])
    truth["Sales"] = truth["Sales"].astype(float)
    ws = loaded(tmp_path_factory.mktemp("store"), demo_root, file_name, "orders")
    return ws, truth


@pytest.fixture(scope="module")
def bank(demo_root, tmp_path_factory) -> tuple[Workspace, pd.DataFrame]:
    truth = pd.read_csv(FIXTURES / BANK, dtype={"CustomerId": str})
    return loaded(tmp_path_factory.mktemp("bank"), demo_root, BANK, "customers"), truth


def by_hand(truth: pd.DataFrame) -> pd.DataFrame:
    assert (truth["Sales"] >= 0).all()  # no returns to leave out in these exports
    return truth.groupby("Customer ID").agg(revenue=("Sales", "sum"),
                                            orders=("Order ID", "nunique"),
                                            lines=("Order ID", "size"),
                                            name=("Customer Name", "first"),
                                            last=("date", "max"))


def test_superstore_top_ten_by_revenue(superstore):
    ws, truth = superstore
    per = by_hand(truth).reset_index()
    expected = per.sort_values(["revenue", "Customer ID"], ascending=[False, True]).head(10)
    result = top_customers(ws, by="revenue", n=10)
    table = result.table
    assert table["customer_id"].tolist() == expected["Customer ID"].tolist()
    np.testing.assert_allclose(table["revenue"], expected["revenue"], rtol=1e-9)
    assert table["orders"].tolist() == expected["orders"].tolist()
    assert table["name"].tolist() == expected["name"].tolist()
    assert pd.to_datetime(table["last_order"]).tolist() == expected["last"].tolist()
    assert result.fact("customers_ranked") == truth["Customer ID"].nunique()
    assert result.fact("top_share") == pytest.approx(expected["revenue"].sum()
                                                     / truth["Sales"].sum())


def test_superstore_most_orders_counts_order_ids_not_lines(superstore):
    ws, truth = superstore
    per = by_hand(truth).reset_index()
    expected = per.sort_values(["orders", "Customer ID"], ascending=[False, True]).head(5)
    assert (expected["lines"] > expected["orders"]).any()
    table = top_customers(ws, by="orders", n=5).table
    assert table["customer_id"].tolist() == expected["Customer ID"].tolist()
    assert table["orders"].tolist() == expected["orders"].tolist()


def test_superstore_one_customer_by_id_and_by_name(superstore):
    ws, truth = superstore
    per = by_hand(truth)
    customer = per[per["lines"] > per["orders"]].index[0]
    mine = truth[truth["Customer ID"] == customer]
    result = customer_lookup(ws, customer=customer)
    assert result.fact("orders") == mine["Order ID"].nunique() != len(mine)
    assert result.fact("revenue") == pytest.approx(mine["Sales"].sum())
    assert result.fact("first_order") == str(mine["date"].min().date())
    assert result.fact("last_order") == str(mine["date"].max().date())
    assert result.fact("days_since_last_order") == (truth["date"].max() - mine["date"].max()).days
    assert sorted(result.table["order_id"]) == sorted(mine["Order ID"].unique())
    by_order = mine.groupby("Order ID")["Sales"].sum()
    np.testing.assert_allclose(result.table.set_index("order_id").loc[by_order.index, "amount"],
                               by_order)
    name = mine["Customer Name"].iloc[0]
    assert customer_lookup(ws, customer=name.lower()).fact("customer_id") == customer


def test_bank_highest_balances(bank):
    ws, truth = bank
    expected = truth.sort_values(["Balance", "CustomerId"], ascending=[False, True]).head(10)
    result = top_customers(ws, by="Balance", n=10)
    assert result.table["customer_id"].tolist() == expected["CustomerId"].tolist()
    np.testing.assert_allclose(result.table["Balance"], expected["Balance"])
    assert result.table["name"].tolist() == expected["Surname"].tolist()
    assert result.fact("top_share") == pytest.approx(expected["Balance"].sum()
                                                     / truth["Balance"].sum())
    assert result.fact("customers_ranked") == len(truth)


def test_bank_lowest_balances_tie_at_zero_and_are_ordered_by_id(bank):
    ws, truth = bank
    expected = truth.sort_values(["Balance", "CustomerId"]).head(20)
    assert (expected["Balance"] == 0).all()
    table = top_customers(ws, by="Balance", n=20, ascending=True).table
    assert table["customer_id"].tolist() == expected["CustomerId"].tolist()


def test_bank_one_customer_and_a_shared_surname(bank):
    ws, truth = bank
    row = truth.iloc[1]
    result = customer_lookup(ws, customer=row["CustomerId"])
    assert result.fact("balance") == pytest.approx(row["Balance"])
    assert result.fact("age") == row["Age"]
    assert result.fact("geography") == row["Geography"]
    assert (result.table["name"] == row["Surname"]).all()
    # 'Surname' is not read as a person-name column, so the privacy layer does not know
    # its values: the name stays under a 'name' header (always masked), never in a fact.
    assert "name" not in result.facts
    hills = truth.loc[truth["Surname"] == "Hill", "CustomerId"]
    assert len(hills) > 1
    with pytest.raises(ToolError) as error:
        customer_lookup(ws, customer="Hill")
    assert all(h in str(error.value) for h in hills)


def test_bank_revenue_needs_orders_and_says_what_can_be_asked(bank):
    ws, _ = bank
    with pytest.raises(ToolError, match="needs an orders table"):
        top_customers(ws, by="revenue")
    with pytest.raises(ToolError, match="not a number"):
        top_customers(ws, by="Geography")
