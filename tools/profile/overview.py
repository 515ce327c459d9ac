"""What the workspace holds: its datasets, how many customers bought, how much and when.

The first question about any data is "what have I got?". This answers it with one
row per dataset (rows, columns, what it is, its date range) and the headline numbers
of the business: customers, buyers, orders, revenue, average order value and the
share of buyers who came back, plus revenue per month as a chart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import Field

from tools.alternatives import incomplete_orders
from tools.data import roles_of
from tools.errors import ToolError
from tools.profile import charts
from tools.profile.row_overview import rows_overview
from tools.profile.rows import core_datasets
from tools.profile.source import ProfileSource
from tools.registry import ToolParams, tool
from tools.result import Fact, Provenance, Result, say
from tools.workspace import Workspace

DATE_ROLES = ("transaction_date", "date")


class OverviewParams(ToolParams):
    segment: str | None = Field(None, description="Only customers of this saved segment.")
    start: str | None = Field(None, description="Only orders on or after this date (YYYY-MM-DD).")
    end: str | None = Field(None, description="Only orders on or before this date (YYYY-MM-DD).")


@tool("overview", OverviewParams)
def overview(ws: Workspace, p: OverviewParams) -> Result:
    if ws.dataset_names() and not core_datasets(ws):
        gap = incomplete_orders(ws)
        if gap:  # its rows are order lines: counting them as rows would misstate orders
            raise ToolError(gap)
        return rows_overview(ws, p.segment, p.start, p.end)
    src = ProfileSource(ws, p.segment, p.start, p.end)
    table = _datasets_table(ws)
    facts: dict[str, Fact] = {"datasets": Fact(len(table), "count", "datasets")}
    customers = src.customers
    tables: dict[str, pd.DataFrame] = {}
    chart = None
    orders = src.orders
    if orders is not None:
        customer_codes, _ = pd.factorize(orders["customer_id"])
        facts.update(_order_facts(orders, customer_codes))
        if src.all_orders is not None and not src.windowed:
            facts["excluded_orders"] = Fact(src.all_orders.excluded, "count",
                                            "returned or cancelled order rows left out")
        monthly = _monthly(orders, customer_codes)
        tables["monthly"] = monthly
        chart = charts.line(monthly, "month", "revenue", "Revenue per month", "revenue")
    known = len(src.customer_ids()) if customers is not None or orders is not None else 0
    facts["customers"] = Fact(known, "customers", "customers known (table or orders)")
    if orders is None:
        template = "The workspace has {customers} and no orders table."
    elif customers is None:
        template = ("In this workspace {buyers} placed {orders} worth "
                    "{revenue} from {first_order_date} to {last_order_date}; the average order "
                    "is {avg_order_value} and {repeat_customer_share} of buyers ordered more "
                    "than once.")
    else:
        template = ("The workspace has {customers}, {buyers:bare} of whom bought, with "
                    "{orders} worth {revenue} from {first_order_date} to "
                    "{last_order_date}; the average order is {avg_order_value} and "
                    "{repeat_customer_share} of buyers ordered more than once.")
    notes = ["Revenue and orders leave out returned and cancelled orders."]
    if src.all_orders is not None:
        notes.append(src.all_orders.rule)
    if src.segment_label:
        notes.append(f"Only customers in the segment '{src.segment_label}'.")
    return Result(
        table=table, facts=facts, summary=say(template, facts), chart=chart, tables=tables,
        provenance=Provenance(tool="overview", datasets=ws.dataset_names(),
                              rows_in=int(table["rows"].sum()) if len(table) else 0,
                              rows_out=len(table), notes=notes),
    )


def _order_facts(orders: pd.DataFrame, customers: np.ndarray) -> dict[str, Fact]:
    per_customer = _orders_per_customer(orders, customers)
    count = int(per_customer.sum())
    revenue = float(orders["amount"].sum())
    first, last = orders["date"].min().date(), orders["date"].max().date()
    return {
        "buyers": Fact(len(per_customer), "customers", "customers with at least one order"),
        "orders": Fact(count, "orders", "orders (returns and cancellations left out)"),
        "revenue": Fact(revenue, "currency", "total revenue"),
        "avg_order_value": Fact(revenue / count if count else 0.0, "currency",
                                "average order value"),
        "orders_per_buyer": Fact(count / len(per_customer), "ratio", "orders per buyer"),
        "repeat_customer_share": Fact(float(np.mean(per_customer >= 2)), "share",
                                      "share of buyers with two or more orders"),
        "first_order_date": Fact(str(first), "", "first order date"),
        "last_order_date": Fact(str(last), "", "last order date"),
        "date_range": Fact(f"{first} to {last}", "", "order date range"),
    }


def _orders_per_customer(orders: pd.DataFrame, customers: np.ndarray) -> np.ndarray:
    """Orders per customer (by code); a table of order lines counts each order id once."""
    ids = orders["order_id"] if "order_id" in orders.columns else None
    if ids is not None and ids.notna().all() and not ids.is_unique:
        order_codes, _ = pd.factorize(ids)
        pairs = pd.unique(customers.astype(np.int64) * (order_codes.max() + 1) + order_codes)
        customers = pairs // (order_codes.max() + 1)
    return np.bincount(customers)


def _monthly(orders: pd.DataFrame, customers: np.ndarray) -> pd.DataFrame:
    dates = orders["date"]
    month = (dates.dt.year * 12 + dates.dt.month - 1).to_numpy()
    frame = pd.DataFrame({"month": month, "amount": orders["amount"].to_numpy(),
                          "customer": customers})
    grouped = frame.groupby("month")
    out = pd.DataFrame({"orders": grouped.size(), "revenue": grouped["amount"].sum(),
                        "buyers": grouped["customer"].nunique()})
    out.index = [f"{m // 12}-{m % 12 + 1:02d}" for m in out.index]
    return out.rename_axis("month").reset_index()


def _datasets_table(ws: Workspace) -> pd.DataFrame:
    """One row per dataset: size, what it is (by its columns' roles) and its date range."""
    rows = []
    for name in ws.dataset_names():
        info = ws.dataset_info(name)
        roles = roles_of(ws, name)
        dated = [c for c, r in roles.items() if r in DATE_ROLES]
        first = last = None
        if dated:
            dates = pd.read_parquet(ws.path(info["file"]), columns=[dated[0]])[dated[0]]
            dates = pd.to_datetime(dates, errors="coerce")
            if dates.notna().any():
                first, last = str(dates.min().date()), str(dates.max().date())
        rows.append({
            "dataset": name,
            "rows": int(info.get("rows", 0)),
            "columns": len(info.get("columns", [])),
            "kind": _kind(roles),
            "date_column": dated[0] if dated else None,
            "first_date": first,
            "last_date": last,
        })
    return pd.DataFrame(rows, columns=["dataset", "rows", "columns", "kind", "date_column",
                                       "first_date", "last_date"])


def _kind(roles: dict[str, str]) -> str:
    has = set(roles.values())
    if {"customer_id", "transaction_date", "amount"} <= has:
        return "orders"
    if "text" in has:
        return "text (reviews, tickets or notes)"
    if "customer_id" in has and has & {"date", "transaction_date"} and "numeric" not in has:
        return "events"
    return "customers" if "customer_id" in has else "other"
