"""The whole customer base, measured once, so every persona is compared with the same yardstick.

Drafting all segments of a segmentation needs the same base-wide numbers for each one
(the overall order value, the base's device mix, the base's weekday pattern …).
`persona_base` reads the orders, the customers and the support tickets once and keeps
what each segment is later compared with; a segment's own figures are then sums and
counts over its members only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
import pandas as pd

from tools.data import find_orders_dataset, is_member, load_customers, roles_of
from tools.errors import ToolError
from tools.features import (
    CATEGORY_WORDS,
    CHANNEL_WORDS,
    DISCOUNT_WORDS,
    customer_features,
    find_column,
)
from tools.health.customer_sums import TICKET_TABLE_WORDS, HealthBase, build_base
from tools.health.metrics import overall_metrics
from tools.ingest.naming import name_tokens
from tools.workspace import Workspace

T = TypeVar("T")
DEMOGRAPHIC_NAMES = ("gender", "income_band", "region", "city", "device", "source_channel")
"""Customer columns a persona describes first, matched by name in any spelling."""
MAX_OTHER_DEMOGRAPHICS = 4
MAX_DISTINCT = 60
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass
class PersonaBase:
    """Base-wide figures and per-customer tables every persona of a workspace shares."""

    health: HealthBase | None  # None for a customers-only workspace (no orders table)
    total: pd.Series  # per-customer sums added over the whole base
    overall: pd.Series  # the base's health metrics (order value, CLV, at-risk share, …)
    features: pd.DataFrame  # one row per buyer: recency, tenure, …
    orders: pd.DataFrame  # completed orders with weekday and month columns
    order_columns: dict[str, str]  # "category" / "channel" / "discount" / "quantity" → column
    customers: pd.DataFrame | None  # customers table indexed by customer_id
    demographic_columns: list[str]
    age_column: str | None
    tickets: pd.DataFrame | None  # customer_id plus the ticket table's contact channel
    datasets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    number_columns: list[str] = field(default_factory=list)  # numeric customer attributes
    _cache: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def has_orders(self) -> bool:
        return self.health is not None

    @property
    def has_tickets(self) -> bool:
        return self.health is not None and self.health.has_tickets

    @property
    def as_of(self) -> pd.Timestamp | None:
        return self.orders["date"].max() if len(self.orders) else None

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """A base-wide figure computed on first use and reused for every later segment."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]  # type: ignore[return-value]

    def member_orders(self, ids: pd.Index) -> pd.DataFrame:
        return self.orders[is_member(self.orders["customer_id"], ids)]

    def member_customers(self, ids: pd.Index) -> pd.DataFrame | None:
        if self.customers is None:
            return None
        return self.customers[is_member(self.customers.index, ids)]


def persona_base(ws: Workspace) -> PersonaBase:
    """Read and measure the workspace once: orders, customers and tickets where present
    (a customers-only workspace is described by its customers' attributes alone)."""
    try:
        find_orders_dataset(ws)
    except ToolError:
        return customers_only_base(ws)
    health = build_base(ws)
    orders = health.orders.frame.copy()
    orders["weekday"] = orders["date"].dt.day_of_week
    orders["month"] = orders["date"].dt.month
    order_columns = _order_columns(orders)
    features = customer_features(ws, health.orders)
    total = health.sums.sum()
    customers, customers_name = _customers(ws)
    datasets = list(health.datasets)
    notes: list[str] = []
    if customers is None:
        columns, age = [], None
    else:
        datasets.append(customers_name)
        columns, age = demographic_columns(ws, customers_name, customers)
    tickets = _ticket_channels(ws, health)
    return PersonaBase(
        health=health, total=total, overall=overall_metrics(total, health.topics),
        features=features, orders=orders, order_columns=order_columns, customers=customers,
        demographic_columns=columns, age_column=age, tickets=tickets,
        datasets=list(dict.fromkeys(datasets)), notes=notes,
    )


def customers_only_base(ws: Workspace) -> PersonaBase:
    """The base of a workspace with a customers table and no orders: attributes only."""
    customers, name = _customers(ws)
    if customers is None:
        raise ToolError("Personas need a customers table or an orders table, and this "
                        "workspace has neither. Load a file of customers or of orders first.")
    columns, age = demographic_columns(ws, name, customers)
    roles = roles_of(ws, name)
    numbers = [c for c in customers.columns if roles.get(c) in ("numeric", "amount")
               and c != age and pd.api.types.is_numeric_dtype(customers[c])
               and customers[c].nunique() > 2]
    empty_orders = pd.DataFrame({"customer_id": pd.Series(dtype=str),
                                 "date": pd.Series(dtype="datetime64[ns]"),
                                 "amount": pd.Series(dtype=float)})
    return PersonaBase(
        health=None, total=pd.Series({"customers": len(customers)}), overall=pd.Series(
            dtype=float), features=pd.DataFrame(columns=["recency_days", "tenure_days"]),
        orders=empty_orders, order_columns={}, customers=customers,
        demographic_columns=columns, age_column=age, tickets=None, datasets=[name],
        notes=["No orders table: figures describe the customers' own attributes."],
        number_columns=numbers,
    )


def _order_columns(orders: pd.DataFrame) -> dict[str, str]:
    """The orders' product category, sales channel, discount flag and quantity, if present."""
    found = {
        "category": find_column(orders, CATEGORY_WORDS, ("str", "object", "category")),
        "channel": find_column(orders, CHANNEL_WORDS, ("str", "object", "category")),
        "discount": find_column(orders, DISCOUNT_WORDS, ("bool", "int", "float")),
        "quantity": "quantity" if "quantity" in orders else None,
    }
    return {key: column for key, column in found.items() if column}


def _customers(ws: Workspace) -> tuple[pd.DataFrame | None, str]:
    with contextlib.suppress(ToolError):
        frame, name = load_customers(ws)
        return frame, name
    return None, ""


def demographic_columns(
    ws: Workspace, name: str, customers: pd.DataFrame
) -> tuple[list[str], str | None]:
    """The customer columns to describe (the usual ones first) and the age column, if any."""
    by_tokens = {"_".join(name_tokens(column)): column for column in customers.columns}
    preferred = [by_tokens[n] for n in DEMOGRAPHIC_NAMES if n in by_tokens]
    roles = roles_of(ws, name)
    others = [
        column for column in customers.columns
        if roles.get(column) in ("categorical", "boolean") and column not in preferred
        and 2 <= customers[column].nunique() <= MAX_DISTINCT
    ]
    usable = [c for c in preferred if customers[c].notna().any()]
    if len(usable) < 3:  # an unfamiliar table: describe its other short categorical columns
        usable += others[:MAX_OTHER_DEMOGRAPHICS]
    age = by_tokens.get("age")
    if age is not None and not pd.api.types.is_numeric_dtype(customers[age]):
        age = None
    return usable, age


def _ticket_channels(ws: Workspace, health: HealthBase) -> pd.DataFrame | None:
    """customer_id and contact channel of every support ticket (None without either)."""
    if not health.has_tickets:
        return None
    for name in ws.dataset_names():
        if name == health.orders.dataset or not set(name_tokens(name)) & TICKET_TABLE_WORDS:
            continue
        roles = roles_of(ws, name)
        ids = [c for c, r in roles.items() if r == "customer_id"]
        if not ids:
            continue
        frame = ws.read_dataset(name)
        channel = find_column(frame.drop(columns=ids), CHANNEL_WORDS,
                              ("str", "object", "category"))
        if channel is None:
            return None
        picked = frame[frame[ids[0]].notna()]
        return pd.DataFrame({"customer_id": picked[ids[0]].astype(str).to_numpy(),
                             "channel": picked[channel].astype(str).to_numpy()})
    return None


def value_shares(values: pd.Series) -> pd.Series:
    """Each value's share of the non-missing values (text values, most common first)."""
    values = values.dropna().astype(str)
    if values.empty:
        return pd.Series(dtype=float)
    counts = values.value_counts()
    return counts / counts.sum()


def coded_shares(codes: pd.Series, names: tuple[str, ...]) -> pd.Series:
    """Shares of small integer codes (weekday 0-6, month 1-12) under their names."""
    offset = 1 if len(names) == 12 else 0
    counts = np.bincount(codes.to_numpy(int) - offset, minlength=len(names))
    total = counts.sum()
    return pd.Series(counts / total if total else counts.astype(float), index=list(names))
