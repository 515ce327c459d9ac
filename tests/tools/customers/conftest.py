"""A planted shop: order lines sharing invoice ids, a few returns, a customers table with
names, balances and regions, two customers with exactly the same purchases (a tie) and
two customers with the same name. Every expected number in these tests is computed from
these frames with plain pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tools.workspace import Workspace

ORDER_ROLES = {"InvoiceNo": "order_id", "CustomerID": "customer_id",
               "InvoiceDate": "transaction_date", "Amount": "amount", "Quantity": "quantity"}
CUSTOMER_ROLES = {"CustomerID": "customer_id", "Full Name": "person_name",
                  "Balance": "numeric", "Region": "categorical"}
FIRST_NAMES = ("Ada", "Ben", "Cleo", "Dan", "Eva", "Finn", "Gus", "Hana", "Ivo", "Jude")
LAST_NAMES = ("Moss", "Hart", "Lind", "Vega", "Noor", "Pike")


def order_lines(seed: int = 11, customers: int = 40) -> pd.DataFrame:
    """1–6 invoices per customer, 1–4 lines per invoice; some returned lines (negative
    quantity); K007 repeats K003's lines exactly, so both have the same revenue."""
    rng = np.random.default_rng(seed)
    rows = []
    invoice = 500000
    for i in range(1, customers + 1):
        customer = f"K{i:03d}"
        if customer == "K007":
            continue
        for _ in range(rng.integers(1, 7)):
            invoice += 1
            day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(rng.integers(0, 360)),
                                                            hours=int(rng.integers(8, 18)))
            for _ in range(rng.integers(1, 5)):
                quantity = int(rng.integers(1, 6))
                price = float(rng.choice([1.25, 2.5, 4.95, 12.0, 19.99]))
                rows.append((str(invoice), customer, day, quantity, round(quantity * price, 2)))
            if rng.random() < 0.15:  # a return line on the same invoice
                rows.append((str(invoice), customer, day, -1, -4.95))
    frame = pd.DataFrame(rows, columns=["InvoiceNo", "CustomerID", "InvoiceDate", "Quantity",
                                        "Amount"])
    twin = frame[frame["CustomerID"] == "K003"].copy()
    twin["CustomerID"] = "K007"
    twin["InvoiceNo"] = "T" + twin["InvoiceNo"]
    return pd.concat([frame, twin], ignore_index=True)


def customers_table(customers: int = 45, seed: int = 5) -> pd.DataFrame:
    """K001–K045 (K041–K045 never ordered); K010 and K020 share a name."""
    rng = np.random.default_rng(seed)
    ids = [f"K{i:03d}" for i in range(1, customers + 1)]
    names = [f"{FIRST_NAMES[i % 10]} {LAST_NAMES[(i // 10) % 6]}{i}" for i in range(customers)]
    names[19] = names[9] = "Mia Stone"
    return pd.DataFrame({
        "CustomerID": ids,
        "Full Name": names,
        "Balance": rng.normal(5000, 2500, customers).round(2),
        "Region": rng.choice(["North", "South", "East"], customers),
        "Age": rng.integers(18, 80, customers),
    })


@pytest.fixture
def lines() -> pd.DataFrame:
    return order_lines()


@pytest.fixture
def people() -> pd.DataFrame:
    return customers_table()


@pytest.fixture
def shop_ws(make_ws, lines: pd.DataFrame, people: pd.DataFrame) -> Workspace:
    return make_ws(orders=lines, customers=people,
                   roles={"orders": ORDER_ROLES, "customers": CUSTOMER_ROLES})


def purchases(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines that are purchases (returns have a negative quantity or amount)."""
    return lines[(lines["Quantity"] > 0) & (lines["Amount"] >= 0)]


def per_customer(lines: pd.DataFrame) -> pd.DataFrame:
    """Orders = distinct invoices, revenue = sum of purchase lines, by hand."""
    kept = purchases(lines)
    out = kept.groupby("CustomerID").agg(orders=("InvoiceNo", "nunique"),
                                         revenue=("Amount", "sum"),
                                         last=("InvoiceDate", "max"))
    out["aov"] = out["revenue"] / out["orders"]
    return out


def ranked(values: pd.Series, ascending: bool = False) -> pd.Series:
    """Highest (or lowest) first, ties by customer id, by hand."""
    frame = values.rename("v").reset_index()
    frame.columns = ["id", "v"]
    frame = frame.sort_values(["v", "id"], ascending=[ascending, True])
    return frame.set_index("id")["v"]
