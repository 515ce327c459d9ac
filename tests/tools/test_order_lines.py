"""Orders are orders: an export of order lines (several rows per invoice, some cancelled
invoices and returned lines) gives every tool the same order counts as a plain pandas
`groupby(["cust", "invoice"])` written here, and each result says what an order is."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from tools.clv import clv
from tools.cohorts import behaviour_cohorts, cohort_retention
from tools.data import load_orders
from tools.features import customer_features
from tools.health.customer_sums import build_base
from tools.profile.breakdown import breakdown
from tools.profile.overview import overview
from tools.profile.source import ProfileSource
from tools.rfm import rfm
from tools.rules.columns import customer_table
from tools.rules.define import define_segment
from tools.value.consumer_types import consumer_types
from tools.value.tiers import value_tiers
from tools.workspace import Workspace

LINE_ROLES = {"lines": {"CustomerID": "customer_id", "InvoiceNo": "order_id",
                        "InvoiceDate": "transaction_date", "Amount": "amount",
                        "Quantity": "quantity", "UnitPrice": "unit_price"}}


def planted_lines(seed: int = 11, customers: int = 80) -> pd.DataFrame:
    """Invoices of 1-6 lines on distinct days per customer, with the cancellations an online
    shop exports ('C' invoices of negative lines) and a few returned lines inside invoices."""
    rng = np.random.default_rng(seed)
    rows = []
    invoice = 500000
    for c in range(customers):
        days = rng.choice(330, size=int(rng.integers(1, 7)), replace=False)
        for day in sorted(days):
            invoice += 1
            when = pd.Timestamp("2024-01-03 09:00") + pd.Timedelta(days=int(day))
            for line in range(int(rng.integers(1, 7))):
                quantity = int(rng.integers(1, 6))
                price = float(rng.choice([1.25, 2.5, 4.95, 12.0]))
                if rng.random() < 0.04:  # a returned line inside the invoice
                    quantity = -quantity
                rows.append((f"{12000 + c}", str(invoice), when + pd.Timedelta(minutes=line),
                             quantity, price, str(rng.choice(["home", "garden", "toys"])),
                             ["UK", "France", "Spain"][c % 3]))
            if rng.random() < 0.15:  # the whole invoice is cancelled later
                rows.append((f"{12000 + c}", f"C{invoice}", when + pd.Timedelta(days=2),
                             -2, 4.95, "home", ["UK", "France", "Spain"][c % 3]))
    frame = pd.DataFrame(rows, columns=["CustomerID", "InvoiceNo", "InvoiceDate", "Quantity",
                                        "UnitPrice", "Category", "Country"])
    frame["Amount"] = frame["Quantity"] * frame["UnitPrice"]
    return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)  # file order mixed


def purchases(lines: pd.DataFrame) -> pd.DataFrame:
    """The independent reference: lines that are purchases, grouped per customer and invoice."""
    bought = lines[lines["Amount"] >= 0]
    return bought.groupby(["CustomerID", "InvoiceNo"]).agg(
        amount=("Amount", "sum"), date=("InvoiceDate", "min"), quantity=("Quantity", "sum"),
    ).reset_index()


@pytest.fixture
def lines() -> pd.DataFrame:
    return planted_lines()


@pytest.fixture
def ws(make_ws: Callable[..., Workspace], lines: pd.DataFrame) -> Workspace:
    return make_ws(lines=lines, roles=LINE_ROLES)


@pytest.fixture
def orders_ref(lines: pd.DataFrame) -> pd.DataFrame:
    return purchases(lines)


def per_customer(orders_ref: pd.DataFrame) -> pd.DataFrame:
    return orders_ref.groupby("CustomerID").agg(
        orders=("InvoiceNo", "nunique"), revenue=("amount", "sum"))


def test_lines_become_one_order_per_customer_and_invoice(ws, lines, orders_ref) -> None:
    orders = load_orders(ws)
    assert orders.grouped
    assert len(orders.frame) == len(orders_ref) < len(lines)
    got = orders.frame.set_index(["customer_id", "order_id"]).sort_index()
    want = orders_ref.set_index(["CustomerID", "InvoiceNo"]).sort_index()
    assert list(got.index) == list(want.index)
    assert np.allclose(got["amount"], want["amount"])
    assert (got["date"].to_numpy() == want["date"].to_numpy()).all()
    assert np.allclose(got["quantity"], want["quantity"])
    # a column that differs between an order's lines stays on the lines only
    assert "Category" not in orders.frame and "Category" in orders.lines
    assert (orders.frame.set_index("customer_id")["Country"]
            == lines.drop_duplicates("CustomerID").set_index("CustomerID")["Country"]
            .reindex(orders.frame["customer_id"])).all()
    returned = int((lines["Amount"] < 0).sum())
    assert orders.excluded == returned
    assert f"{len(lines):,} lines → {len(orders_ref):,} orders" in orders.rule
    assert "InvoiceNo" in orders.rule and f"{returned:,} return" in orders.rule


def test_rfm_frequency_and_monetary_count_invoices(ws, orders_ref) -> None:
    result = rfm(ws)
    scores = result.tables["customers"].set_index("customer_id").sort_index()
    want = per_customer(orders_ref).sort_index()
    assert list(scores.index) == list(want.index)
    assert (scores["frequency"] == want["orders"]).all()
    assert np.allclose(scores["monetary"], want["revenue"])
    segments = scores.groupby("segment")["frequency"].mean()
    table = result.table.set_index("segment")["avg_orders"].dropna()
    assert np.allclose(table, segments.reindex(table.index))
    assert any("InvoiceNo" in note for note in result.provenance.notes)


def test_features_count_orders_and_categories_once_per_order(ws, lines, orders_ref) -> None:
    features = customer_features(ws, load_orders(ws)).sort_index()
    want = per_customer(orders_ref).sort_index()
    assert (features["orders"] == want["orders"]).all()
    assert np.allclose(features["avg_order_value"], want["revenue"] / want["orders"])
    bought = lines[lines["Amount"] >= 0].drop_duplicates(["CustomerID", "InvoiceNo", "Category"])
    per_category = bought.groupby(["CustomerID", "Category"]).size().rename("k").reset_index()
    top = per_category.sort_values(["CustomerID", "k", "Category"],
                                   ascending=[True, False, True]).drop_duplicates("CustomerID")
    assert (features["top_category"] == top.set_index("CustomerID")["Category"]).all()
    assert (features["categories"] == bought.groupby("CustomerID")["Category"].nunique()).all()
    # cancelled invoices are the customer's returned orders
    cancelled = lines[lines["Amount"] < 0].groupby("CustomerID")["InvoiceNo"].nunique()
    every = lines.groupby("CustomerID")["InvoiceNo"].nunique()
    kept = want["orders"]
    assert np.allclose(features["return_rate"], (1 - kept / every).clip(0, 1))
    assert cancelled.sum() > 0


def test_value_tiers_report_orders_per_tier_from_invoices(ws, orders_ref) -> None:
    result = value_tiers(ws)
    tiers = result.tables["customers"].set_index("customer_id")["tier"]
    want = per_customer(orders_ref)
    by_tier = want.groupby(tiers.reindex(want.index)).agg(orders=("orders", "sum"),
                                                          revenue=("revenue", "sum"))
    table = result.table.set_index("tier")
    assert (table["orders"] == by_tier["orders"].reindex(table.index)).all()
    assert np.allclose(table["avg_order_value"],
                       (by_tier["revenue"] / by_tier["orders"]).reindex(table.index))
    assert any("InvoiceNo" in note for note in result.provenance.notes)


def test_consumer_types_see_baskets_per_order(ws, orders_ref) -> None:
    result = consumer_types(ws, new_days=0)
    customers = result.tables["customers"].set_index("customer_id").sort_index()
    want = per_customer(orders_ref).sort_index()
    assert (customers["orders"] == want["orders"]).all()
    items = orders_ref.groupby("CustomerID")["quantity"].sum() / want["orders"]
    assert np.allclose(customers["items_per_order"], items)


def test_cohorts_follow_customers_by_their_invoices(ws, orders_ref) -> None:
    result = cohort_retention(ws, max_months=3)
    counts = result.tables["counts"].set_index("cohort")
    first = orders_ref.groupby("CustomerID")["date"].min().dt.to_period("M")
    bought = orders_ref.assign(cohort=orders_ref["CustomerID"].map(first),
                               month=orders_ref["date"].dt.to_period("M"))
    bought["k"] = (bought["month"] - bought["cohort"]).apply(lambda offset: offset.n)
    sizes = first.value_counts().sort_index()
    assert list(counts["customers"]) == list(sizes)
    active = bought[bought["k"] == 1].groupby("cohort")["CustomerID"].nunique()
    month_1 = counts["month_1"].dropna()
    expected = active.reindex(sizes.index, fill_value=0)
    expected.index = expected.index.astype(str)
    assert np.allclose(month_1, expected.reindex(month_1.index))


def test_a_category_behaviour_counts_orders_that_include_it(ws, lines) -> None:
    result = behaviour_cohorts(ws, column="Category", value="toys", at_least=2)
    bought = lines[(lines["Amount"] >= 0) & (lines["Category"] == "toys")]
    orders_with_toys = bought.groupby("CustomerID")["InvoiceNo"].nunique()
    assert result.fact("group_customers") == int((orders_with_toys >= 2).sum())


def test_clv_inputs_come_from_invoices(ws, orders_ref) -> None:
    result = clv(ws, method="historical")
    table = result.table.set_index("customer_id").sort_index()
    end = orders_ref["date"].max().normalize()
    days = orders_ref.assign(day=orders_ref["date"].dt.normalize()).groupby(
        ["CustomerID", "day"])["amount"].sum().reset_index()
    grouped = days.groupby("CustomerID")
    x = grouped.size() - 1
    first, last = grouped["day"].min(), grouped["day"].max()
    first_value = days.sort_values("day").groupby("CustomerID")["amount"].first()
    monetary = ((grouped["amount"].sum() - first_value) / x.clip(lower=1)).where(x > 0, 0.0)
    assert (table["frequency"] == x).all()
    assert (table["frequency"] == per_customer(orders_ref)["orders"] - 1).all()  # one per day
    assert np.allclose(table["recency"], (last - first).dt.days / 7)
    assert np.allclose(table["T"], (end - first).dt.days / 7)
    assert np.allclose(table["monetary"], monetary)


def test_the_overview_counts_invoices(ws, orders_ref) -> None:
    result = overview(ws)
    want = per_customer(orders_ref)
    assert result.fact("orders") == len(orders_ref)
    assert result.fact("avg_order_value") == pytest.approx(orders_ref["amount"].sum()
                                                            / len(orders_ref))
    assert result.fact("repeat_customer_share") == pytest.approx((want["orders"] >= 2).mean())
    monthly = orders_ref.groupby(orders_ref["date"].dt.strftime("%Y-%m")).size()
    assert list(result.tables["monthly"]["orders"]) == list(monthly)
    assert any("InvoiceNo" in note for note in result.provenance.notes)


def test_health_rules_and_exports_count_the_same_orders(ws, orders_ref) -> None:
    want = per_customer(orders_ref)
    sums = build_base(ws).sums
    assert (sums["orders"].reindex(want.index) == want["orders"]).all()
    table = customer_table(ws)
    assert (table.frame["orders"].reindex(want.index) == want["orders"]).all()
    assert table.order_rule and "InvoiceNo" in table.order_rule
    result = define_segment(ws, filter="orders >= 4")
    assert result.fact("customers") == int((want["orders"] >= 4).sum())


def test_orders_by_category_count_orders_that_include_it(ws, lines) -> None:
    view = ProfileSource(ws).order_view(["Category", "amount"])
    bought = lines[lines["Amount"] >= 0]
    orders_per_category = bought.groupby("Category")["InvoiceNo"].nunique()
    assert (view.groupby("Category").size() == orders_per_category).all()
    assert np.allclose(view.groupby("Category")["amount"].sum(),
                       bought.groupby("Category")["Amount"].sum())


def test_without_an_order_id_each_row_is_one_order(make_ws, lines) -> None:
    roles = {"lines": {k: v for k, v in LINE_ROLES["lines"].items() if k != "InvoiceNo"}}
    ws = make_ws(lines=lines.drop(columns="InvoiceNo"), roles=roles)
    orders = load_orders(ws)
    assert not orders.grouped
    assert len(orders.frame) == int((lines["Amount"] >= 0).sum())
    assert "each row is one order" in orders.rule.lower()
    assert "no order id" in orders.rule
    scores = rfm(ws).tables["customers"].set_index("customer_id")
    per_row = lines[lines["Amount"] >= 0].groupby("CustomerID").size()
    assert (scores["frequency"] == per_row.reindex(scores.index)).all()


def test_unique_order_ids_are_left_as_they_are(make_ws, orders_ref) -> None:
    one_row_each = orders_ref.rename(columns={"amount": "Amount", "date": "InvoiceDate",
                                              "quantity": "Quantity"})
    roles = {"lines": {k: v for k, v in LINE_ROLES["lines"].items() if k != "UnitPrice"}}
    ws = make_ws(lines=one_row_each, roles=roles)
    orders = load_orders(ws)
    assert not orders.grouped and len(orders.frame) == len(orders_ref)
    assert "does not repeat" in orders.rule


def test_a_negative_quantity_is_a_return_even_with_a_positive_amount(make_ws, lines) -> None:
    cancelled = lines["InvoiceNo"].str.startswith("C")
    export = lines.assign(Amount=lines["Amount"].abs())  # some shops export amounts unsigned
    orders = load_orders(make_ws(lines=export, roles=LINE_ROLES))
    kept = export[export["Quantity"] >= 0]
    assert orders.excluded == int((export["Quantity"] < 0).sum()) > int(cancelled.sum())
    assert len(orders.frame) == kept.groupby(["CustomerID", "InvoiceNo"]).ngroups
    assert not orders.frame["order_id"].str.startswith("C").any()


def test_breakdowns_by_a_line_column_count_orders_and_average_lines(ws, lines) -> None:
    bought = lines[lines["Amount"] >= 0]
    counted = breakdown(ws, by=["Category"], metric="count", measure="orders").table
    counted = counted.set_index("Category")["value"]
    assert (counted == bought.groupby("Category")["InvoiceNo"].nunique().reindex(
        counted.index)).all()
    prices = breakdown(ws, by=["Category"], metric="mean", measure="UnitPrice").table
    prices = prices.set_index("Category")["value"]
    assert np.allclose(prices, bought.groupby("Category")["UnitPrice"].mean().reindex(
        prices.index))
