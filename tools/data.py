"""Finding the right table and column in a workspace, with messages that name the fix.

Tools speak of "the orders" and "the customers"; a workspace holds datasets with
inferred column roles. This module maps one to the other: the orders table is the
dataset with a customer id, a transaction date and an amount; the customers table has
one row per customer id. Orders come back in one standard shape so every tool reads
`customer_id`, `date` and `amount` the same way, and one row is one order: order lines
sharing an order id are grouped into orders (`tools.order_lines`), and `Orders.rule` says
how, so every answer that counts orders can state it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tools.errors import MissingOrdersError, ToolError, closest
from tools.ingest.naming import name_tokens
from tools.order_lines import ORDER_KEY, Grouping, group_lines, lines_of, order_keys
from tools.workspace import Workspace

EXCLUDED_STATUSES = frozenset({"cancelled", "canceled", "returned", "refunded", "void"})
ADDITIVE_WORDS = frozenset({
    "amount", "sales", "revenue", "total", "profit", "cost", "costs", "tax", "shipping",
    "freight", "fee", "fees", "margin", "value", "units", "items", "weight", "paid",
    "金额", "销售额", "利润", "成本", "运费",
})
"""Numbers named so add up across an order's lines (an order's profit is its lines'
profit); any other number that differs between lines (a discount rate, a unit price, a
score) stays on the lines, since adding it up would give a figure that means nothing."""


@dataclass
class Orders:
    """Orders in standard columns: customer_id (str), date (datetime), amount (float), …

    One row is one order. When the table holds order lines (rows sharing an order id),
    `frame` has one row per (customer, order id) and `all_lines` keeps the lines, for
    questions about products or categories. Returned and cancelled lines are left out
    (they are not purchases); `excluded` counts them and `rule` states all of this in a
    sentence that results repeat in their notes.
    """

    frame: pd.DataFrame
    dataset: str
    rows_in: int
    excluded: int
    rule: str = "Each row of the orders table is one order."
    all_lines: pd.DataFrame | None = None

    @property
    def start(self) -> pd.Timestamp:
        return self.frame["date"].min()

    @property
    def end(self) -> pd.Timestamp:
        return self.frame["date"].max()

    @property
    def grouped(self) -> bool:
        """True when rows of the table were order lines grouped into orders."""
        return self.all_lines is not None

    @property
    def lines(self) -> pd.DataFrame:
        """The order lines of the orders in `frame` (the orders themselves when not grouped)."""
        if self.all_lines is None:
            return self.frame
        return lines_of(self.all_lines, self.frame)

    def narrowed(self, frame: pd.DataFrame, **changes: object) -> Orders:
        """The same orders (and rule) restricted to `frame`, a subset of `self.frame`."""
        return replace(self, frame=frame, **changes)


def roles_of(ws: Workspace, dataset: str) -> dict[str, str]:
    return dict(ws.dataset_info(dataset).get("roles") or {})


def _columns_with(roles: dict[str, str], role: str) -> list[str]:
    return [column for column, r in roles.items() if r == role]


def find_orders_dataset(ws: Workspace, dataset: str | None = None) -> str:
    if dataset:
        ws.dataset_info(dataset)
        return dataset
    candidates = []
    for name in ws.dataset_names():
        roles = roles_of(ws, name)
        has = set(roles.values())
        if {"customer_id", "transaction_date"} <= has and "amount" in has:
            preferred = any(t in {"order", "orders", "transactions", "sales"}
                            for t in name_tokens(name))
            candidates.append((not preferred, name))
    if not candidates:
        raise MissingOrdersError(
            "No orders table found. Load a file of orders with a customer id, an order date "
            "and an amount (or quantity and unit price) column."
        )
    return sorted(candidates)[0][1]


def load_orders(
    ws: Workspace, dataset: str | None = None, keep_returns: bool = False,
    only_standard: bool = False,
) -> Orders:
    """The orders table in standard columns, one row per order, purchases only unless
    `keep_returns` (then returns stay in and are netted into their orders).

    `only_standard` reads just the id, date, amount and order id columns (and what is
    needed to leave out returns), which is what RFM needs and much faster on a large table.
    """
    name = find_orders_dataset(ws, dataset)
    roles = roles_of(ws, name)
    columns = None
    if only_standard:
        wanted = {"customer_id", "transaction_date", "amount", "order_id", "quantity"}
        stored = ws.dataset_info(name).get("columns") or list(roles)
        columns = [c for c in stored if roles.get(c) in wanted or c == "is_return"
                   or name_tokens(c) == ["status"]]
    raw = ws.read_dataset(name, columns)
    needed = {"customer_id": "customer_id", "transaction_date": "date", "amount": "amount"}
    rename = {}
    for role, standard in needed.items():
        found = _columns_with(roles, role)
        if not found:
            raise ToolError(
                f"The table '{name}' has no {role.replace('_', ' ')} column. "
                "Set the column's role when loading the file."
            )
        rename[found[0]] = standard
    for role in ("order_id", "quantity"):
        found = _columns_with(roles, role)
        if found and found[0] not in rename:
            rename[found[0]] = role
    frame = raw.rename(columns=rename)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    frame = frame[frame["customer_id"].notna() & frame["date"].notna() & frame["amount"].notna()]
    frame["customer_id"] = frame["customer_id"].astype(str)
    dates = pd.to_datetime(frame["date"])
    frame["date"] = dates.dt.tz_localize(None) if dates.dt.tz is not None else dates
    frame["amount"] = pd.to_numeric(frame["amount"], errors="coerce").astype(float)
    grouping = None
    if "order_id" in frame:
        grouping = order_keys(frame["customer_id"], frame["order_id"])
        if grouping.repeats:
            frame[ORDER_KEY] = grouping.keys
        else:
            grouping = None
    excluded = 0
    dropped_orders = 0
    drop = _return_lines(frame)
    if not keep_returns:
        excluded = int(drop.sum())
        if grouping is not None and excluded:
            mask = drop.to_numpy()
            dropped = np.unique(grouping.keys[mask])
            dropped_orders = int((~np.isin(dropped, grouping.keys[~mask])).sum())
        frame = frame[~drop]
    if frame.empty:
        raise ToolError(f"The table '{name}' has no usable orders (all are missing or returns).")
    lines = None
    if grouping is not None:
        frame = frame.reset_index(drop=True)
        if excluded:  # renumber so order keys run 0..orders-1 over the kept lines
            present = np.zeros(grouping.orders, dtype=bool)
            present[frame[ORDER_KEY].to_numpy()] = True
            frame[ORDER_KEY] = (np.cumsum(present) - 1)[frame[ORDER_KEY].to_numpy()]
        added = frozenset(c for c in frame.columns if roles.get(c) != "unit_price"
                          and set(name_tokens(str(c))) & ADDITIVE_WORDS)
        keys = frame[ORDER_KEY].to_numpy(np.int64)
        lines = frame
        frame = group_lines(lines, Grouping(keys, int(keys.max()) + 1), added)
    rule = _rule_text(roles, len(raw), len(frame), lines is not None, int(drop.sum()),
                      keep_returns, dropped_orders)
    return Orders(frame.reset_index(drop=True), name, len(raw), excluded, rule, lines)


def _return_lines(frame: pd.DataFrame) -> pd.Series:
    """Rows that are returns or cancellations: a return flag, such a status, a negative amount
    or a negative quantity."""
    drop = pd.Series(False, index=frame.index)
    if "is_return" in frame:
        drop |= frame["is_return"].fillna(False).astype(bool)
    status = [c for c in frame.columns if name_tokens(c) == ["status"]]
    if status:
        drop |= frame[status[0]].astype(str).str.lower().isin(EXCLUDED_STATUSES)
    drop |= frame["amount"] < 0
    if "quantity" in frame:
        drop |= pd.to_numeric(frame["quantity"], errors="coerce").fillna(0) < 0
    return drop


def _rule_text(roles: dict[str, str], rows: int, orders: int, grouped: bool, returns: int,
               keep_returns: bool, dropped_orders: int) -> str:
    """One sentence saying what an order is here, for every result's notes."""
    id_column = next(iter(_columns_with(roles, "order_id")), None)
    if grouped:
        text = (f"Orders = distinct {id_column} per customer ({rows:,} lines → {orders:,} "
                "orders); an order's amount is the sum of its lines and its date the first "
                "line's date.")
    elif id_column:
        text = f"Each row is one order ({id_column} does not repeat)."
    else:
        text = "Each row is one order (the table has no order id column)."
    if returns and keep_returns:
        text += f" {returns:,} return or cancellation rows are kept and netted."
    elif returns:
        how = f", {dropped_orders:,} orders entirely" if dropped_orders else ""
        text += (f" {returns:,} return or cancellation rows (negative amounts or quantities, a "
                 f"return flag or a cancelled/returned status) are left out{how}.")
    return text


def find_customers_dataset(ws: Workspace, dataset: str | None = None) -> str | None:
    """The dataset with one row per customer (demographics), or None when there is none."""
    if dataset:
        ws.dataset_info(dataset)
        return dataset
    orders = None
    with contextlib.suppress(ToolError):
        orders = find_orders_dataset(ws)
    candidates = []
    for name in ws.dataset_names():
        info = ws.dataset_info(name)
        roles = info.get("roles") or {}
        ids = _columns_with(roles, "customer_id")
        if name == orders or not ids or "transaction_date" in roles.values():
            continue
        unique = _unique_ids(info, ids[0])
        if unique:
            preferred = any(t in {"customer", "customers", "clients", "members"}
                            for t in name_tokens(name))
            candidates.append((not preferred, -len(roles), name))
    return sorted(candidates)[0][2] if candidates else None


def _unique_ids(info: dict, column: str) -> bool:
    report = info.get("report") or {}
    for col in report.get("columns", []):
        if col.get("name") == column:
            return col.get("distinct") == info.get("rows")
    return True


def load_customers(ws: Workspace, dataset: str | None = None) -> tuple[pd.DataFrame, str]:
    """Customers indexed by `customer_id` (str); raises when the workspace has none."""
    name = find_customers_dataset(ws, dataset)
    if name is None:
        raise ToolError(
            "No customers table found. Load a file with one row per customer and a customer "
            "id column (demographics such as age, gender or region)."
        )
    roles = roles_of(ws, name)
    frame = ws.read_dataset(name)
    id_column = _columns_with(roles, "customer_id")[0]
    frame = frame.dropna(subset=[id_column])
    frame[id_column] = frame[id_column].astype(str)
    frame = frame.drop_duplicates(subset=[id_column]).set_index(id_column)
    frame.index.name = "customer_id"
    return frame, name


def resolve_column(frame: pd.DataFrame, name: str, table: str = "the data") -> str:
    """The real column a person meant: exact, case or spacing variants, else a clear error."""
    columns = [str(c) for c in frame.columns]
    if name in columns:
        return name
    wanted = name_tokens(name)
    for column in columns:
        if name_tokens(column) == wanted or column.lower() == name.lower():
            return column
    hits = closest(name, columns)
    hint = (" Did you mean " + " or ".join(f"'{h}'" for h in hits) + "?") if hits else (
        " The columns are " + ", ".join(f"'{c}'" for c in columns[:15])
        + (f" and {len(columns) - 15} more." if len(columns) > 15 else ".")
    )
    raise ToolError(f"There is no column '{name}' in {table}.{hint}")


def date_window(
    orders: Orders, start: str | None = None, end: str | None = None
) -> pd.DataFrame:
    """Orders with start <= date <= end; an empty window names the data's date range."""
    frame = orders.frame
    lo = pd.Timestamp(start) if start else None
    hi = pd.Timestamp(end) if end else None
    if lo is not None and hi is not None and lo > hi:
        raise ToolError(f"The window starts ({lo.date()}) after it ends ({hi.date()}).")
    mask = pd.Series(True, index=frame.index)
    if lo is not None:
        mask &= frame["date"] >= lo
    if hi is not None:
        mask &= frame["date"] < hi + pd.Timedelta(days=1) if hi == hi.normalize() else (
            frame["date"] <= hi)
    picked = frame[mask]
    if picked.empty:
        raise ToolError(
            f"There are no orders between {lo.date() if lo is not None else 'the start'} and "
            f"{hi.date() if hi is not None else 'the end'}. The orders run from "
            f"{orders.start.date()} to {orders.end.date()}."
        )
    return picked


def windowed(orders: Orders, start: str | None, end: str | None) -> tuple[Orders, list[str]]:
    """The orders between `start` and `end` (both optional), with notes stating the rule
    for an order and, when cut, the window."""
    if not start and not end:
        return orders, [orders.rule]
    lo, hi = parse_date(start, "the start date"), parse_date(end, "the end date")
    frame = date_window(orders, str(lo.date()) if lo is not None else None,
                        str(hi.date()) if hi is not None else None)
    note = f"Only orders from {start or 'the start'} to {end or 'the end'}."
    return orders.narrowed(frame.reset_index(drop=True)), [orders.rule, note]


def parse_date(value: str | None, what: str) -> pd.Timestamp | None:
    if value in (None, ""):
        return None
    try:
        return pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ToolError(
            f"'{value}' is not a date I can read for {what}. Write it as YYYY-MM-DD."
        ) from None


def is_member(values: pd.Series | pd.Index, members: pd.Index) -> np.ndarray:
    """values.isin(members) for customer ids, fast on millions of text ids.

    pandas' isin on Arrow-backed text loops in Python over `members`; Arrow's own
    is_in is a hash lookup.
    """
    if len(members) == 0:
        return np.zeros(len(values), dtype=bool)
    left = pa.array(np.asarray(values, dtype=object) if not isinstance(
        values.dtype, pd.StringDtype) else values).cast(pa.large_string())
    right = pa.array(pd.Index(members).astype(str).unique()).cast(pa.large_string())
    return np.asarray(pc.is_in(left, value_set=right).fill_null(False), dtype=bool)
