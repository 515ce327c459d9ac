"""From order lines to orders: one row per (customer, order id), so "orders" means orders.

Shop exports often have one row per product bought (an order line), all lines of an order
sharing its order or invoice id. Counting rows would then count products, not orders: a
customer with one invoice of 60 lines would look like a 60-order regular. Every tool reads
orders through `tools.data.load_orders`, which calls `group_lines` here, so RFM frequency,
average order value, value tiers, cohorts, health, CLV and the overview all count the same
thing.

How an order is built from its lines (the rule is stated in every result's notes):
- its date is the date of its first line, its amount the sum of its lines, its quantity
  the sum of its lines' quantities;
- a column whose value is the same on every line of every order (channel, status, payment
  method) is kept as it is; a yes/no column that differs between lines is yes when any
  line is yes; other numbers that differ are added up when they are amounts (sales,
  profit, cost, tax …), while rates, discounts, scores and unit prices stay on the lines,
  as does text that differs between lines (product, category, description).
Lines without an order id are orders of their own. Everything is array work over
factorized keys, so ten million lines group in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

ORDER_KEY = "order_key"
"""Integer key (0..orders-1) linking each order line to its order."""


@dataclass(frozen=True)
class Grouping:
    """Which order each line belongs to, and how many orders there are."""

    keys: np.ndarray  # order key per line
    orders: int

    @property
    def repeats(self) -> bool:
        """True when some order has more than one line (grouping changes something)."""
        return self.orders < len(self.keys)


def order_keys(customers: pd.Series, order_ids: pd.Series) -> Grouping:
    """One integer per distinct (customer, order id); a line without an id is its own order."""
    customer_codes, _ = pd.factorize(customers, sort=False)
    id_codes, uniques = pd.factorize(order_ids, sort=False)
    id_codes = id_codes.astype(np.int64)
    missing = id_codes < 0
    if missing.any():
        id_codes[missing] = len(uniques) + np.arange(int(missing.sum()))
    width = int(id_codes.max()) + 1 if len(id_codes) else 1
    pair = customer_codes.astype(np.int64) * width + id_codes
    distinct, keys = np.unique(pair, return_inverse=True)
    return Grouping(keys.astype(np.int64).ravel(), len(distinct))


def same_order_pairs(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lines sorted by order key, and each pair of neighbouring lines of one order.

    Returns (order, left, right): `order` sorts the lines; `left[i]` and `right[i]` are
    positions of two lines of the same order."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    same = sorted_keys[1:] == sorted_keys[:-1]
    return order, order[:-1][same], order[1:][same]


SAMPLE_PAIRS = 65_536
"""Pairs compared first: a column that differs between lines usually shows it at once."""


def constant_within_orders(values: pd.Series, left: np.ndarray, right: np.ndarray) -> bool:
    """True when every order's lines share one value (two missing values count as equal)."""
    try:
        array = pa.array(values, from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError):  # mixed Python objects
        array = pa.array(pd.factorize(values)[0])
    if pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    for stop in (min(len(left), SAMPLE_PAIRS), len(left)):
        a, b = array.take(left[:stop]), array.take(right[:stop])
        equal = pc.or_kleene(pc.equal(a, b), pc.and_(pc.is_null(a), pc.is_null(b)))
        if not pc.all(pc.fill_null(equal, False)).as_py():
            return False
    return True


def group_lines(lines: pd.DataFrame, grouping: Grouping,
                added: frozenset[str] = frozenset()) -> pd.DataFrame:
    """One row per order from standard-named lines (customer_id, date, amount, …).

    Numbers that differ between an order's lines are added up only when in `added`
    (amounts such as profit or cost). Row k of the result is order key k (`ORDER_KEY`).
    """
    keys = grouping.keys
    n = grouping.orders
    order, left, right = same_order_pairs(keys)
    first_line = order[np.r_[True, keys[order][1:] != keys[order][:-1]]]
    # first_line[k] is the first line (in file order) of order k
    out: dict[str, object] = {}
    date_values = lines["date"].to_numpy("datetime64[ns]")
    out["customer_id"] = lines["customer_id"].iloc[first_line].reset_index(drop=True)
    out["date"] = pd.Series(date_values).groupby(keys, sort=True).min().to_numpy()
    out["amount"] = np.bincount(keys, weights=lines["amount"].to_numpy(float), minlength=n)
    for column in lines.columns:
        if column in out or column == ORDER_KEY:
            continue
        series = lines[column]
        if column == "quantity":
            quantity = pd.to_numeric(series, errors="coerce")
            out[column] = quantity.groupby(keys, sort=True).sum(min_count=1).to_numpy()
        elif constant_within_orders(series, left, right):
            out[column] = series.iloc[first_line].reset_index(drop=True)
        elif pd.api.types.is_bool_dtype(series):
            out[column] = series.fillna(False).astype(bool).groupby(keys, sort=True).any(
            ).to_numpy()
        elif pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.groupby(keys, sort=True).min().to_numpy()
        elif pd.api.types.is_numeric_dtype(series) and column in added:
            out[column] = series.groupby(keys, sort=True).sum(min_count=1).to_numpy()
    frame = pd.DataFrame(out)
    frame[ORDER_KEY] = np.arange(n, dtype=np.int64)
    return frame


def lines_of(lines: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """The lines of the given orders (by `ORDER_KEY`)."""
    if len(orders) == 0:
        return lines.iloc[:0]
    wanted = np.zeros(int(lines[ORDER_KEY].max()) + 1 if len(lines) else 0, dtype=bool)
    wanted[orders[ORDER_KEY].to_numpy()[orders[ORDER_KEY].to_numpy() < len(wanted)]] = True
    return lines[wanted[lines[ORDER_KEY].to_numpy()]]
