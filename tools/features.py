"""One row per customer: how they buy, measured from the orders (and tickets, reviews, surveys).

Clustering, consumer types, value tiers and the health report all start from this
table, so they agree on what "frequency" or "discount share" means. Aggregation uses
`np.bincount` over factorized ids, which stays fast at 10M orders.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tools.data import Orders, load_orders, roles_of
from tools.ingest.naming import name_tokens
from tools.order_lines import ORDER_KEY
from tools.workspace import Workspace

DISCOUNT_WORDS = {"discount", "promo", "coupon", "voucher", "sale"}
CATEGORY_WORDS = {"category", "product", "department", "品类", "类别"}
CHANNEL_WORDS = {"channel", "渠道"}


def grouped_sum(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(codes, weights=values, minlength=n)


def find_column(frame: pd.DataFrame, words: set[str], kinds: tuple[str, ...] = ()) -> str | None:
    """The first column whose name mentions one of `words` (and has one of `kinds` dtypes)."""
    for column in frame.columns:
        tokens = set(name_tokens(column))
        named = tokens & words or any(w in str(column) for w in words if not w.isascii())
        if named and (not kinds or any(k in str(frame[column].dtype) for k in kinds)):
            return column
    return None


def customer_features(
    ws: Workspace, orders: Orders | None = None, as_of: pd.Timestamp | None = None
) -> pd.DataFrame:
    """Behavioural features per buying customer, indexed by customer_id.

    Columns: orders, revenue, avg_order_value, first_order, last_order, recency_days,
    tenure_days, orders_per_month, and when the data has them: discount_share,
    return_rate, categories, top_category, top_channel, tickets, avg_rating, nps.
    Counts are orders (`Orders.rule`); top_category is the category in most of a
    customer's orders.
    """
    orders = orders or load_orders(ws)
    frame = orders.frame
    as_of = as_of if as_of is not None else frame["date"].max()
    codes, ids = pd.factorize(frame["customer_id"], sort=True)
    n = len(ids)
    counts = np.bincount(codes, minlength=n).astype(float)
    revenue = grouped_sum(codes, frame["amount"].to_numpy(float), n)
    day = frame["date"].to_numpy("datetime64[D]").astype(np.int64)
    first = np.full(n, np.iinfo(np.int64).max)
    last = np.full(n, np.iinfo(np.int64).min)
    np.minimum.at(first, codes, day)
    np.maximum.at(last, codes, day)
    as_of_day = np.datetime64(as_of.normalize().date(), "D").astype(np.int64)
    tenure = (as_of_day - first).astype(float)
    out = pd.DataFrame(
        {
            "orders": counts.astype(int),
            "revenue": revenue,
            "avg_order_value": revenue / counts,
            "first_order": first.astype("datetime64[D]"),
            "last_order": last.astype("datetime64[D]"),
            "recency_days": (as_of_day - last).astype(float),
            "tenure_days": tenure,
            "orders_per_month": counts / np.maximum(tenure / 30.44, 1.0),
        },
        index=pd.Index(ids.astype(str), name="customer_id"),
    )
    discount = find_column(frame, DISCOUNT_WORDS, ("bool", "int", "float"))
    if discount:
        used = frame[discount].fillna(0).astype(float).to_numpy() > 0
        out["discount_share"] = grouped_sum(codes, used.astype(float), n) / counts
    returns = _return_rate(ws, orders, out.index)
    if returns is not None:
        out["return_rate"] = returns
    category = find_column(orders.lines, CATEGORY_WORDS, ("str", "object", "category"))
    if category:
        kinds, kind_codes = per_order_values(orders, category, out.index, codes)
        out["categories"] = kinds.groupby(kind_codes).nunique().reindex(range(n)).to_numpy()
        out["top_category"] = _mode(kind_codes, kinds, n)
    channel = find_column(orders.lines, CHANNEL_WORDS, ("str", "object", "category"))
    if channel:
        kinds, kind_codes = per_order_values(orders, channel, out.index, codes)
        out["top_channel"] = _mode(kind_codes, kinds, n)
    for name, series in _voice_features(ws, orders.dataset).items():
        out[name] = series.reindex(out.index)
    if "tickets" in out:
        out["tickets"] = out["tickets"].fillna(0).astype(int)
    return out


def per_order_values(orders: Orders, column: str, ids: pd.Index, codes: np.ndarray
                     ) -> tuple[pd.Series, np.ndarray]:
    """Each order's distinct values of a column (a category bought, a channel), with the
    position in `ids` of the customer who ordered; an order counts once per value.

    `codes` are the positions for the rows of `orders.frame`; a column that only the order
    lines hold (it differs between an order's lines) is read from the lines."""
    if column in orders.frame:
        return orders.frame[column].reset_index(drop=True), codes
    lines = orders.lines.drop_duplicates([ORDER_KEY, column])
    return lines[column].reset_index(drop=True), ids.get_indexer(lines["customer_id"])


def _mode(codes: np.ndarray, values: pd.Series, n: int) -> np.ndarray:
    """Most frequent value per customer (ties: first in sorted order)."""
    pairs = pd.DataFrame({"c": codes, "v": values.astype(str).to_numpy()})
    counts = pairs.value_counts().reset_index(name="k").sort_values(
        ["c", "k", "v"], ascending=[True, False, True])
    top = counts.drop_duplicates("c").set_index("c")["v"]
    return top.reindex(range(n)).to_numpy()


def _return_rate(ws: Workspace, orders: Orders, ids: pd.Index) -> pd.Series | None:
    """Share of a customer's orders that were returned or cancelled (None if unknowable)."""
    if orders.excluded == 0:
        return None
    every = load_orders(ws, orders.dataset, keep_returns=True, only_standard=True).frame
    kept = orders.frame.groupby("customer_id").size()
    total = every.groupby("customer_id").size()
    rate = 1 - kept.reindex(ids).fillna(0) / total.reindex(ids)
    return rate.clip(0, 1).fillna(0)


def _voice_features(ws: Workspace, orders_dataset: str) -> dict[str, pd.Series]:
    """Tickets per customer, mean review rating and mean NPS, from whatever tables exist."""
    found: dict[str, pd.Series] = {}
    for name in ws.dataset_names():
        if name == orders_dataset:
            continue
        roles = roles_of(ws, name)
        ids = [c for c, r in roles.items() if r == "customer_id"]
        if not ids:
            continue
        tokens = set(name_tokens(name))
        columns = list(roles)
        frame = None
        if tokens & {"ticket", "tickets", "support", "cases"} and "tickets" not in found:
            frame = ws.read_dataset(name)
            found["tickets"] = frame.groupby(frame[ids[0]].astype(str)).size()
        for feature, words in (("avg_rating", {"rating", "stars"}), ("nps", {"nps"})):
            column = next((c for c in columns if set(name_tokens(c)) & words), None)
            if column and feature not in found:
                frame = frame if frame is not None else ws.read_dataset(name)
                values = pd.to_numeric(frame[column], errors="coerce")
                found[feature] = values.groupby(frame[ids[0]].astype(str)).mean()
    return found


@dataclass(frozen=True)
class LifecycleRules:
    """Lifecycle status from recency, tenure and order count, checked in this order.

    new: first order within `new_days` · churned: no order for more than `churned_days` ·
    at risk: no order for more than `at_risk_days` · loyal: at least `loyal_orders` orders
    · active: everyone else.
    """

    new_days: int = 90
    at_risk_days: int = 120
    churned_days: int = 365
    loyal_orders: int = 10


LIFECYCLE_ORDER = ("new", "active", "loyal", "at risk", "churned")


def lifecycle_status(features: pd.DataFrame, rules: LifecycleRules | None = None) -> pd.Series:
    rules = rules or LifecycleRules()
    status = np.select(
        [
            features["tenure_days"] <= rules.new_days,
            features["recency_days"] > rules.churned_days,
            features["recency_days"] > rules.at_risk_days,
            features["orders"] >= rules.loyal_orders,
        ],
        ["new", "churned", "at risk", "loyal"],
        default="active",
    )
    return pd.Series(status, index=features.index, name="lifecycle")


def historical_clv(features: pd.DataFrame) -> pd.Series:
    """Average order value × purchases per year × average customer lifespan in years.

    The lifespan is the base's mean observed span between first and last order;
    frequency is orders per year of tenure, counting at least a quarter of tenure so a
    brand-new customer is not extrapolated from a few days.
    """
    span_years = (features["last_order"] - features["first_order"]).dt.days / 365.25
    lifespan = float(max(span_years.mean(), 1 / 12))
    per_year = features["orders"] / np.maximum(features["tenure_days"], 91.31) * 365.25
    return (features["avg_order_value"] * per_year * lifespan).rename("historical_clv")
