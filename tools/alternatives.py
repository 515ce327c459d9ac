"""What a tool says when the data lacks what it needs: what is missing, and what to ask instead.

"No orders table found" leaves a marketer stuck. With a customers-only table (one row
per customer, a churn flag, a contract type, a monthly charge) most questions still
have answers, so the message names the questions that this data can answer, built from
its own columns: a rate of its yes/no column by one of its groups, an average of one of
its numbers, clustering on its attributes. A table that looks like orders but lacks a
recognised column (often the date) is named, with the role to set.

    >>> orders_needed(ws, "RFM")
    "RFM needs an orders table with a customer id, an order date and an amount. With your
     customers table you can ask: Churn rate by Contract, average MonthlyCharges by Churn,
     cluster customers by their attributes."
"""

from __future__ import annotations

import contextlib

import pandas as pd

from tools.data import load_customers, roles_of
from tools.errors import ToolError
from tools.ingest.naming import name_tokens
from tools.workspace import Workspace
from tools.yesno import is_yes_no

ORDER_ROLES = {"customer_id": "a customer id", "transaction_date": "an order date",
               "amount": "an amount"}
NOT_ATTRIBUTES = {"customer_id", "order_id", "identifier", "email", "phone", "person_name",
                  "text", "date", "transaction_date"}
LABEL_WORDS = {"churn", "churned", "exited", "exit", "attrition", "response", "responded",
               "converted", "conversion", "cancelled", "default", "left", "label", "target"}
"""Names that mark a column as the outcome a marketer asks about."""
MONEY_WORDS = {"charge", "charges", "income", "revenue", "amount", "spend", "spent", "balance",
               "salary", "value", "price", "mnt", "fee", "fees"}
MAX_GROUP_LEVELS = 12
ORDER_FEATURES = frozenset({
    "orders", "revenue", "avg_order_value", "recency_days", "tenure_days", "orders_per_month",
    "discount_share", "return_rate", "categories", "top_category", "top_channel",
    "first_order", "last_order", "lifecycle", "historical_clv", "items_per_order",
    "avg_item_price", "quick_repeat_share", "frequency", "monetary", "recency", "aov", "clv",
})
"""Behaviour measured from orders: a name a person uses that only an orders table answers."""


def is_order_feature(name: str) -> bool:
    """'revenue', 'Avg order value', 'recency_days' … — behaviour that needs orders."""
    return "_".join(name_tokens(name)) in ORDER_FEATURES


def orders_needed(ws: Workspace, need: str) -> str:
    """'<need> needs an orders table with …', why none is usable, and what can be asked."""
    text = (f"{need} needs an orders table with a customer id, an order date and an amount "
            "(one row per purchase).")
    gap = incomplete_orders(ws)
    if gap:
        text += " " + gap
    ideas = customer_questions(ws)
    if ideas:
        text += " With your customers table you can ask: " + ", ".join(ideas) + "."
    elif not gap:
        text += " Load a file of orders on the Data tab."
    return text


def missing_tables(ws: Workspace) -> str:
    """Why no table can be used: nothing loaded, or what a loaded table lacks."""
    gap = incomplete_orders(ws)
    if gap:
        return gap
    names = ws.dataset_names()
    if not names:
        return ("This workspace has no customers or orders table yet. Load a file of "
                "customers or of orders first.")
    shown = ", ".join(f"'{n}'" for n in names[:5])
    return (f"None of the loaded tables ({shown}) is a customers table (one row per customer "
            "with a customer id column) or an orders table (customer id, order date and "
            "amount). Set the customer id column's role on the Data tab, or load such a file.")


def incomplete_orders(ws: Workspace) -> str:
    """A sentence about a table that has some order roles but not all, else ''."""
    for name in ws.dataset_names():
        has = set(roles_of(ws, name).values())
        found = [role for role in ORDER_ROLES if role in has]
        looks_like_orders = "transaction_date" in has or "order_id" in has or (
            "amount" in has and "customer_id" in has and not one_row_per_customer(ws, name))
        if not looks_like_orders or len(found) == len(ORDER_ROLES):
            continue
        missing = [words for role, words in ORDER_ROLES.items() if role not in has]
        return (f"The table '{name}' looks like orders but has no recognised "
                + " or ".join(w.removeprefix("a ").removeprefix("an ") for w in missing)
                + " column. Set that column's role on the Data tab (for dates, check the "
                "date format), then confirm.")
    return ""


def one_row_per_customer(ws: Workspace, name: str) -> bool:
    info = ws.dataset_info(name)
    ids = [c for c, r in (info.get("roles") or {}).items() if r == "customer_id"]
    for column in (info.get("report") or {}).get("columns", []):
        if ids and column.get("name") == ids[0]:
            return column.get("distinct") == info.get("rows")
    return True


def customer_questions(ws: Workspace) -> list[str]:
    """Two or three questions the customers table can answer, in its own column names."""
    with contextlib.suppress(ToolError):
        frame, name = load_customers(ws)
        return questions_for(frame, roles_of(ws, name))
    return []


def questions_for(frame: pd.DataFrame, roles: dict[str, str]) -> list[str]:
    """Questions built from a customers frame: a rate by a group, an average, clustering."""
    usable = [c for c in frame.columns if roles.get(c) not in NOT_ATTRIBUTES]
    labels = [c for c in usable if is_yes_no(frame[c])]
    labels.sort(key=lambda c: not set(name_tokens(c)) & LABEL_WORDS)
    groups = [c for c in usable if c not in labels and _is_group(frame[c])]
    groups.sort(key=lambda c: -frame[c].nunique())  # contract types before a two-way split
    numbers = [c for c in usable if c not in labels and _is_number(frame[c])]
    numbers.sort(key=lambda c: not set(name_tokens(c)) & MONEY_WORDS)
    ideas = []
    label = labels[0] if labels else None
    if label and groups:
        ideas.append(f"{label} rate by {groups[0]}")
    if numbers and (label or groups):
        ideas.append(f"average {numbers[0]} by {label or groups[0]}")
    if len(groups) + len(numbers) + len(labels) >= 2:
        ideas.append("cluster customers by their attributes")
    if groups and not ideas:
        ideas.append(f"customers by {groups[0]}")
    return ideas


def _is_group(series: pd.Series) -> bool:
    if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
        return False
    return 2 <= series.nunique() <= MAX_GROUP_LEVELS


def _is_number(series: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
            and series.nunique() > MAX_GROUP_LEVELS)
