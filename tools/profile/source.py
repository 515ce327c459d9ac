"""What a profile question reads: customers with their behaviour, or orders with who placed them.

Two views answer every profile question:
- the customer view: one row per customer, the customers table's attributes joined with
  behaviour measured from the orders (orders, revenue, avg_order_value, …, from
  `tools.features.customer_features`); customers who never ordered have 0 orders and 0
  revenue. With a date window, only customers who ordered in it, measured in it.
- the order view: one row per order (returns and cancellations left out; order lines
  sharing an order id are one order, `Orders.rule`), with the customer's attributes
  attached, so "revenue by region" sums order amounts per region and "orders by month"
  counts orders per month of the order date. A column that differs between an order's
  lines (a product category) gives one row per order and value, its lines' amounts
  added, so "orders by category" counts the orders that include each category.

Column names are looked up in that order (customers, behaviour, orders); a bare time
part such as "month" means the order date's month, and "signup_date:quarter" is a part
of any date column.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from tools.alternatives import missing_tables
from tools.data import (
    Orders,
    date_window,
    find_orders_dataset,
    is_member,
    load_customers,
    load_orders,
    parse_date,
    resolve_column,
    roles_of,
)
from tools.errors import ToolError
from tools.features import customer_features
from tools.ingest.naming import name_tokens
from tools.order_lines import ORDER_KEY
from tools.profile.grouping import TIME_PARTS
from tools.segments import resolve_segment
from tools.workspace import Workspace

CUSTOMER, ORDER = "customer", "order"
ORDER_DATE_NAMES = ("date", "order_date", "order date", "purchase_date")
MONEY_WORDS = {"revenue", "amount", "spend", "spent", "sales", "price", "clv", "value", "mnt",
               "monetary", "aov"}
FEATURE_NAMES = ("orders", "revenue", "avg_order_value", "first_order", "last_order",
                 "recency_days", "tenure_days", "orders_per_month", "discount_share",
                 "return_rate", "categories", "top_category", "top_channel", "tickets",
                 "avg_rating", "nps")
"""Behaviour columns `customer_features` can provide (checked before computing them)."""
ALWAYS_FEATURES = FEATURE_NAMES[:8]
"""The behaviour columns every orders table yields, found without computing them."""


@dataclass(frozen=True)
class ColumnRef:
    """A column found in a view: its real name, optional time part, where it lives."""

    name: str
    level: str  # CUSTOMER or ORDER
    part: str | None = None

    @property
    def label(self) -> str:
        if self.level == ORDER and self.name == "date":
            return f"order {self.part.replace('_', ' ')}" if self.part else "order date"
        return f"{self.name} ({self.part.replace('_', ' ')})" if self.part else self.name


class ProfileSource:
    """Loads customers, orders and behaviour once, restricted to a segment and date window."""

    def __init__(self, ws: Workspace, segment: str | None = None, start: str | None = None,
                 end: str | None = None) -> None:
        self.ws = ws
        self.start = parse_date(start, "the start")
        self.end = parse_date(end, "the end")
        self.windowed = self.start is not None or self.end is not None
        self.segment_label: str | None = None
        self.members: pd.Index | None = None
        if segment:
            _, self.segment_label, members = resolve_segment(ws, segment)
            self.members = pd.Index(members.astype(str))
        if self.windowed and self.all_orders is None:
            raise ToolError("A start or end date applies to orders, and this workspace has no "
                            "orders table. Leave start and end empty.")
        if self.customers is None and self.all_orders is None:
            raise ToolError(missing_tables(ws))

    # ----- loading --------------------------------------------------------------------
    @cached_property
    def customers_and_name(self) -> tuple[pd.DataFrame | None, str | None]:
        try:
            frame, name = load_customers(self.ws)
        except ToolError:
            return None, None
        if self.members is not None:
            frame = frame[is_member(frame.index, self.members)]
        return frame, name

    @property
    def customers(self) -> pd.DataFrame | None:
        return self.customers_and_name[0]

    @cached_property
    def all_orders(self) -> Orders | None:
        with contextlib.suppress(ToolError):
            find_orders_dataset(self.ws)
            return load_orders(self.ws)
        return None

    @cached_property
    def orders(self) -> pd.DataFrame | None:
        """Purchases in the date window, for the segment's customers."""
        if self.all_orders is None:
            return None
        frame = date_window(self.all_orders, self.start.isoformat() if self.start else None,
                            self.end.isoformat() if self.end else None)
        if self.members is not None:
            frame = frame[is_member(frame["customer_id"], self.members)]
            if frame.empty:
                raise ToolError(f"The segment '{self.segment_label}' has no orders in this "
                                "window. Widen the dates or choose another segment.")
        return frame

    @cached_property
    def features(self) -> pd.DataFrame | None:
        if self.orders is None:
            return None
        return customer_features(self.ws, self.all_orders.narrowed(self.orders))

    @cached_property
    def order_aliases(self) -> dict[str, str]:
        """Original order column names → standard names ('order_date' → 'date')."""
        if self.all_orders is None:
            return {}
        aliases = {name: "date" for name in ORDER_DATE_NAMES}
        standard = {"customer_id": "customer_id", "transaction_date": "date",
                    "amount": "amount", "order_id": "order_id", "quantity": "quantity"}
        for column, role in roles_of(self.ws, self.all_orders.dataset).items():
            if role in standard:
                aliases[column] = standard[role]
        return aliases

    @property
    def order_columns(self) -> list[str]:
        """Columns of the order view: the orders' own and, for order lines, the lines'."""
        if self.all_orders is None:
            return []
        columns = [c for c in self.all_orders.frame.columns if c != ORDER_KEY]
        if self.all_orders.grouped:
            columns += [c for c in self.all_orders.all_lines.columns
                        if c != ORDER_KEY and c not in columns]
        return columns

    @property
    def datasets(self) -> list[str]:
        names = [self.customers_and_name[1]] if self.customers is not None else []
        return names + ([self.all_orders.dataset] if self.all_orders is not None else [])

    # ----- finding columns ------------------------------------------------------------
    def locate(self, wanted: str) -> ColumnRef:
        """The column a person named, with a clear error listing the closest names."""
        name, part = _split_part(wanted.strip())
        if name.lower() in TIME_PARTS and part is None and not self._exact(name):
            if self.all_orders is None:
                raise ToolError(f"'{name}' means the order date's {name}, and this workspace "
                                "has no orders table. Use a date column such as "
                                "'signup_date:" + name + "'.")
            return ColumnRef("date", ORDER, name.lower())
        if name in ALWAYS_FEATURES and self.all_orders is not None and (
                self.customers is None or name not in self.customers.columns):
            return ColumnRef(name, CUSTOMER, part)
        for level, frame in self._frames():
            with contextlib.suppress(ToolError):
                found = resolve_column(frame, name)
                return ColumnRef(found, level, part)
            if level == ORDER and name.lower() in {a.lower() for a in self.order_aliases}:
                alias = {a.lower(): s for a, s in self.order_aliases.items()}[name.lower()]
                return ColumnRef(alias, ORDER, part)
        every = [c for _, frame in self._frames() for c in frame.columns]
        resolve_column(pd.DataFrame(columns=list(dict.fromkeys(every))), name,
                       "the customers or orders")
        raise AssertionError("resolve_column raises for unknown names")

    def _exact(self, name: str) -> bool:
        columns = set(FEATURE_NAMES)
        if self.customers is not None:
            columns |= set(self.customers.columns)
        if self.all_orders is not None:
            columns |= set(self.all_orders.frame.columns) | set(self.all_orders.lines.columns)
        return name in columns

    def _frames(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """Customers, then behaviour, then orders; behaviour is computed only if reached."""
        if self.customers is not None:
            yield CUSTOMER, self.customers.iloc[:0]
        if self.all_orders is not None:
            yield CUSTOMER, self.features.iloc[:0]
            yield ORDER, self.all_orders.frame.iloc[:0].drop(columns=ORDER_KEY, errors="ignore")
            if self.all_orders.grouped:
                yield ORDER, self.all_orders.all_lines.iloc[:0].drop(columns=ORDER_KEY)

    # ----- views ----------------------------------------------------------------------
    @cached_property
    def buyers(self) -> pd.Index | None:
        return None if self.orders is None else pd.Index(self.orders["customer_id"].unique())

    def customer_ids(self) -> pd.Index:
        """Customers in the view: everyone known (customers table first, then other buyers),
        or only the buyers when a window is set. Both are already limited to the segment."""
        if self.windowed or self.customers is None:
            ids = self.buyers
        else:
            ids = self.customers.index
            if self.buyers is not None:
                ids = ids.append(self.buyers[~is_member(self.buyers, ids)])
        if len(ids) == 0:
            raise ToolError(f"The segment '{self.segment_label}' has no customers in this data.")
        return ids

    def customer_view(self, columns: list[str]) -> pd.DataFrame:
        """One row per customer with the requested customer and behaviour columns."""
        ids = self.customer_ids()
        out = pd.DataFrame(index=ids)
        for column in dict.fromkeys(columns):
            out[column] = self._customer_column(column, ids).array
        return out

    def _customer_column(self, column: str, ids: pd.Index) -> pd.Series:
        if self.customers is not None and column in self.customers.columns:
            known = self.customers[column]
            if ids[: len(known)].equals(known.index):  # the customers table, then other buyers
                extra = ids[len(known):]
                return pd.concat([known, known.reindex(extra)]) if len(extra) else known
            return known.reindex(ids)
        series = self.features[column].reindex(ids)
        if column in ("orders", "revenue"):
            series = series.fillna(0)
        return series

    def order_view(self, columns: list[str]) -> pd.DataFrame:
        """One row per order with the requested order columns and customer attributes."""
        orders = self._order_rows(columns)
        keep = [c for c in dict.fromkeys(["customer_id", "date", *columns, ORDER_KEY])
                if c in orders.columns]  # the order key: lines still count once per order
        out = orders[keep].copy()
        codes, uniques = pd.factorize(out["customer_id"])
        for column in columns:
            if column not in out.columns:
                per_customer = self._customer_column(column, pd.Index(uniques))
                out[column] = per_customer.take(codes).array
        out["customer_code"] = codes
        return out


    def _order_rows(self, columns: list[str]) -> pd.DataFrame:
        """The orders, or one row per order and value of the line columns asked for."""
        orders = self.orders
        line_columns = [c for c in dict.fromkeys(columns) if c not in orders.columns
                        and self.all_orders.grouped and c in self.all_orders.all_lines.columns]
        if not line_columns:
            return orders
        lines = self.all_orders.narrowed(orders).lines
        numbers = [c for c in line_columns if pd.api.types.is_numeric_dtype(lines[c])
                   and not pd.api.types.is_bool_dtype(lines[c])]
        if numbers:  # a line measure (unit price): its statistics are over lines
            return lines
        keys = [ORDER_KEY, *line_columns]
        grouped = lines.groupby(keys, sort=False, dropna=False, observed=True)
        rows = grouped.agg(customer_id=("customer_id", "first"), amount=("amount", "sum"))
        rows = rows.reset_index()
        whole = orders.drop(columns=["customer_id", "amount"]).set_index(ORDER_KEY)
        return rows.join(whole, on=ORDER_KEY)


def _split_part(name: str) -> tuple[str, str | None]:
    """'signup_date:quarter' → ('signup_date', 'quarter'); other names unchanged."""
    if ":" in name:
        column, _, part = name.rpartition(":")
        part = part.strip().lower().replace(" ", "_")
        if part in TIME_PARTS:
            return column.strip(), part
        raise ToolError(f"'{part}' is not a time period I can group by. Use one of: "
                        + ", ".join(TIME_PARTS) + f" (e.g. '{column.strip()}:quarter').")
    return name, None


def unit_for(column: str, roles: dict[str, str] | None = None) -> str:
    """The unit of a measure: currency for money columns, days, orders, else plain."""
    tokens = set(name_tokens(column))
    if column == "amount" or (roles or {}).get(column) in ("amount", "unit_price"):
        return "currency"
    if tokens & MONEY_WORDS:
        return "currency"
    if "days" in tokens:
        return "days"
    if column == "orders":
        return "orders"
    return ""
