"""Where a customer's numbers and name come from: the orders (if any) and the customers table.

Both tools read the same things: orders as `tools.data.load_orders` defines them (one row
per order, `Orders.rule`), per-customer behaviour from `tools.features`, the customers
table when there is one, and a person-name column found by its role, first in the
customers table, else in the order lines (exports such as Superstore carry the name on
every line). The name column keeps its own header so the privacy layer can recognise it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import pandas as pd

from tools.data import Orders, load_customers, load_orders, roles_of
from tools.errors import ToolError
from tools.ingest.naming import name_tokens
from tools.workspace import Workspace

NAME_ROLE = "person_name"
NOT_NAME_ROLES = frozenset({"customer_id", "order_id", "email", "phone", "text", "amount",
                            "numeric", "date", "transaction_date", "boolean"})
NOT_PERSON_WORDS = frozenset({"product", "products", "item", "company", "campaign", "category",
                              "segment", "store", "shop", "city", "state", "country", "region",
                              "street", "brand", "sku", "file", "agent", "rep", "employee",
                              "staff", "seller", "vendor", "supplier"})
CUSTOMER_WORDS = frozenset({"customer", "client", "member", "buyer", "consumer"})
CJK_NAME_WORDS = ("姓名", "客户名", "名字")
MAX_NAME_CONFLICTS = 0.05
"""A name column may give a customer two names in at most this share of customers."""


@dataclass
class CustomerSources:
    """What the workspace holds about customers; any part may be missing."""

    orders: Orders | None
    customers: pd.DataFrame | None
    customers_dataset: str | None
    names: pd.Series | None
    """One name per customer id, named after its source column (e.g. 'Customer Name')."""
    names_dataset: str | None
    names_role: str | None = None
    """The name column's role: only 'person_name' values are known to the privacy layer, so
    only then may a name appear outside a column headed 'name'."""

    def datasets(self) -> list[str]:
        """Datasets used, the one holding the name column first (the privacy layer reads
        the first dataset's roles)."""
        found = [self.names_dataset, self.orders.dataset if self.orders else None,
                 self.customers_dataset]
        return list(dict.fromkeys(d for d in found if d))


def gather(ws: Workspace) -> CustomerSources:
    """The orders (None when the workspace has none usable), the customers table and the
    name column."""
    orders = None
    with contextlib.suppress(ToolError):
        orders = load_orders(ws)
    customers, customers_dataset = None, None
    with contextlib.suppress(ToolError):
        customers, customers_dataset = load_customers(ws)
    names, names_dataset = None, None
    if customers is not None:
        names = person_names(customers, roles_of(ws, customers_dataset))
        names_dataset = customers_dataset if names is not None else None
    if names is None and orders is not None:
        lines = orders.lines.set_index("customer_id")
        names = person_names(lines, roles_of(ws, orders.dataset))
        names_dataset = orders.dataset if names is not None else None
    names_role = None
    if names is not None and names_dataset is not None:
        names_role = roles_of(ws, names_dataset).get(str(names.name))
    return CustomerSources(orders, customers, customers_dataset, names, names_dataset,
                           names_role)


def person_names(frame: pd.DataFrame, roles: dict[str, str]) -> pd.Series | None:
    """One name per customer id (index), from the best person-name column, else None.

    A column qualifies by its role (person_name) or its header ('Customer Name', 'Surname',
    '姓名'; not 'Product Name' or 'Company Name'), holds text, and gives almost every
    customer a single name (a per-order column such as a product never does). The series
    is named after its source column.
    """
    ranked = sorted((rank, str(column)) for column in frame.columns
                    if (rank := _name_rank(str(column), roles.get(str(column)))) is not None)
    for _, column in ranked:
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            continue
        pairs = pd.DataFrame({"id": frame.index.astype(str), "name": values.to_numpy()}).dropna()
        pairs["name"] = pairs["name"].astype(str).str.strip()
        pairs = pairs[pairs["name"] != ""]
        if pairs.empty:
            continue
        per_id = pairs.groupby("id")["name"].nunique()
        if (per_id > 1).mean() > MAX_NAME_CONFLICTS:
            continue
        return pairs.groupby("id", sort=True)["name"].first().rename(column)
    return None


def _name_rank(column: str, role: str | None) -> int | None:
    """How surely a column holds customers' names: 0 by role, 1 'customer name', 2 'name',
    3 another person-name header ('Surname', 'first name'); None when it is not one."""
    if role == NAME_ROLE:
        return 0
    if role in NOT_NAME_ROLES:
        return None
    tokens = name_tokens(column)
    if set(tokens) & NOT_PERSON_WORDS or not tokens:
        return None
    if any(word in column for word in CJK_NAME_WORDS):
        return 1
    named = [t for t in tokens if t.endswith("name")]
    if not named:
        return None
    if set(tokens) & CUSTOMER_WORDS or any(t.startswith(tuple(CUSTOMER_WORDS)) for t in named):
        return 1
    return 2 if tokens in (["name"], ["full", "name"], ["fullname"]) else 3
