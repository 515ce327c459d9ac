"""Names reach a remote model masked also when the column that holds them is not a
person-name column: a "Customer Name" category, or a customer name used as the customer
key because the export has no customer id."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from assistant.privacy import Redactor, holds_names
from tools.ingest import load_into_workspace
from tools.registry import run_tool
from tools.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "realdata" / "fixtures"


def test_which_columns_hold_names() -> None:
    assert holds_names("Customer Name", "categorical")
    assert holds_names("CUSTOMERNAME", "customer_id")
    assert holds_names("Surname", "identifier")
    assert holds_names("姓名", "categorical")
    assert not holds_names("Product Name", "categorical")
    assert not holds_names("Customer ID", "customer_id")
    assert not holds_names("Customer Name", "numeric")


def test_a_customer_name_category_is_masked_in_what_a_model_sees(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "ws")
    load_into_workspace(ws, "orders", FIXTURES / "superstore_orders_month_first.csv")
    result = run_tool("top_customers", ws, by="revenue", n=5)
    raw = pd.read_csv(FIXTURES / "superstore_orders_month_first.csv", encoding="utf-8-sig")
    revenue = raw.groupby("Customer ID")["Sales"].sum().sort_values(ascending=False)
    names = raw.drop_duplicates("Customer ID").set_index("Customer ID")["Customer Name"]
    top_names = [names[c] for c in revenue.index[:5]]
    shown = Redactor(ws).frame(result.table).to_string() + Redactor(ws).text(result.summary)
    for name in top_names:
        for part in name.split():
            assert part not in shown, f"'{part}' of '{name}' reached the model view"


def test_a_name_used_as_the_customer_key_is_masked(tmp_path: Path) -> None:
    """The sales export has no customer id: CUSTOMERNAME is the key, and the names that
    top the ranking are masked in every cell a model would see."""
    ws = Workspace(tmp_path / "ws")
    load_into_workspace(ws, "orders", FIXTURES / "sample_sales_short_dates.csv")
    assert ws.dataset_info("orders")["roles"]["CUSTOMERNAME"] == "customer_id"
    result = run_tool("top_customers", ws, by="revenue", n=3)
    raw = pd.read_csv(FIXTURES / "sample_sales_short_dates.csv", encoding="latin-1")
    kept = raw[~raw["STATUS"].isin(["Cancelled"])]
    top = kept.groupby("CUSTOMERNAME")["SALES"].sum().sort_values(ascending=False).index[:3]
    shown = Redactor(ws).frame(result.table).to_string()
    for name in top:
        words = [w for w in name.replace(".", " ").split() if len(w) >= 4 and w[0].isupper()]
        assert words and not any(w in shown for w in words), f"'{name}' reached the model view"
