"""Buying-rhythm features that clustering needs beyond `tools.features.customer_features`.

Basket size, price level and burst buying are what tell bulk buyers, premium buyers
and impulse shoppers apart; they are computed here with the same factorize-and-bincount
approach as the shared feature table so they stay fast on millions of orders.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tools.data import Orders

QUICK_REPEAT_DAYS = 7
"""A repeat order placed within this many days of the previous one counts as a burst."""


def rhythm_features(orders: Orders) -> pd.DataFrame:
    """items_per_order and avg_item_price (when quantities exist) and quick_repeat_share.

    quick_repeat_share is the share of a customer's repeat orders placed within
    `QUICK_REPEAT_DAYS` of the previous order (0 for one-order customers).
    """
    frame = orders.frame
    codes, ids = pd.factorize(frame["customer_id"], sort=True)
    n = len(ids)
    counts = np.bincount(codes, minlength=n).astype(float)
    out = pd.DataFrame(index=pd.Index(ids.astype(str), name="customer_id"))
    if "quantity" in frame:
        quantity = pd.to_numeric(frame["quantity"], errors="coerce").fillna(1).clip(lower=1)
        items = np.bincount(codes, weights=quantity.to_numpy(float), minlength=n)
        revenue = np.bincount(codes, weights=frame["amount"].to_numpy(float), minlength=n)
        out["items_per_order"] = items / counts
        out["avg_item_price"] = revenue / np.maximum(items, 1.0)
    day = frame["date"].to_numpy("datetime64[D]").astype(np.int64)
    order = np.lexsort((day, codes))
    sorted_codes, sorted_days = codes[order], day[order]
    same_customer = sorted_codes[1:] == sorted_codes[:-1]
    quick = same_customer & (np.diff(sorted_days) <= QUICK_REPEAT_DAYS)
    quick_counts = np.bincount(sorted_codes[1:][quick], minlength=n).astype(float)
    out["quick_repeat_share"] = np.where(counts > 1, quick_counts / np.maximum(counts - 1, 1), 0.0)
    return out
