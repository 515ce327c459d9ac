"""Buying patterns the consumer types need beyond `tools.features.customer_features`.

- quick_repeat_share: share of a customer's repeat orders placed within `quick_days`
  calendar days of their previous order (bursts of buying; 0 with one order);
- items_per_order: mean quantity per order (when the orders have a quantity);
- top_category_share: share of orders that include the customer's most bought product
  category (when the orders or their lines have a category).

All are computed with sorting and `np.bincount`, without a Python loop per customer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tools.data import Orders
from tools.features import CATEGORY_WORDS, find_column, per_order_values

DAY_BITS = 24  # room for 45,000 years of days between the first and the last order


def buying_patterns(orders: Orders, ids: pd.Index, quick_days: int) -> pd.DataFrame:
    """Pattern columns for the customers in `ids`, one row of `orders.frame` per order."""
    frame = orders.frame
    codes, found = pd.factorize(frame["customer_id"].astype(str), sort=True)
    n = len(found)
    counts = np.bincount(codes, minlength=n).astype(float)
    day = frame["date"].to_numpy("datetime64[D]").astype(np.int64)
    day -= day.min() if len(day) else 0
    # one int64 key (customer, day) sorts faster than a two-key lexsort at 10M orders
    key = np.sort((codes.astype(np.int64) << DAY_BITS) | day)
    sorted_codes, sorted_days = key >> DAY_BITS, key & ((1 << DAY_BITS) - 1)
    repeat = sorted_codes[1:] == sorted_codes[:-1]
    quick = repeat & (np.diff(sorted_days) <= quick_days)
    quick_counts = np.bincount(sorted_codes[1:][quick], minlength=n)
    out = pd.DataFrame(
        {"quick_repeat_share": quick_counts / np.maximum(counts - 1, 1)},
        index=pd.Index(found.astype(str), name="customer_id"),
    )
    if "quantity" in frame:
        quantity = pd.to_numeric(frame["quantity"], errors="coerce").fillna(1).to_numpy(float)
        out["items_per_order"] = np.bincount(codes, weights=quantity, minlength=n) / counts
    category = find_column(orders.lines, CATEGORY_WORDS, ("str", "object", "category"))
    if category:
        values, value_codes = per_order_values(orders, category, out.index, codes)
        out["top_category_share"] = _top_category_counts(value_codes, values, n) / counts
    return out.reindex(ids)


def _top_category_counts(codes: np.ndarray, categories: pd.Series, n: int) -> np.ndarray:
    """Orders in each customer's most frequent category."""
    category_codes, uniques = pd.factorize(categories)
    known = category_codes >= 0
    pair = codes[known].astype(np.int64) * max(len(uniques), 1) + category_codes[known]
    pairs, pair_counts = np.unique(pair, return_counts=True)
    top = np.zeros(n, dtype=np.int64)
    np.maximum.at(top, pairs // max(len(uniques), 1), pair_counts)
    return top.astype(float)
