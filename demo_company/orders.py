"""Order history, generated for all customers at once with numpy.

Each archetype contributes its own rhythm: champions order monthly, impulse buyers
in bursts, pragmatists at a steady interval, bargain hunters around sale events,
at-risk customers until they stop, new customers once or twice after signing up.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
import pandas as pd

from demo_company import catalog
from demo_company.archetypes import ARCHETYPES
from demo_company.people import customer_ids, day_number, to_datetime

SALES_CHANNELS: tuple[str, ...] = ("web", "app", "store", "phone")
STATUSES: tuple[str, ...] = ("completed", "returned", "cancelled")


@dataclass(frozen=True)
class Orders:
    """The orders table plus per-customer summaries other generators lean on."""

    frame: pd.DataFrame
    first_day: np.ndarray  # per customer: day number of the first order
    last_day: np.ndarray  # per customer: day number of the last order


def _param(name: str) -> np.ndarray:
    return np.array([getattr(a, name) for a in ARCHETYPES], dtype=float)


def _index(name: str) -> int:
    return next(i for i, a in enumerate(ARCHETYPES) if a.id == name)


def _choose_rows(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One categorical draw per row of a probability matrix."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs)) * cum[:, -1]
    return np.minimum((u[:, None] >= cum).sum(axis=1), probs.shape[1] - 1)


def _order_counts(rng: np.random.Generator, arch: np.ndarray, start: np.ndarray,
                  end: np.ndarray) -> np.ndarray:
    months = (end - start + 1) / 30.44
    rate = _param("orders_per_month")[arch] * rng.lognormal(-0.08, 0.4, len(arch))
    n = np.maximum(rng.poisson(rate * months), 1)
    n[arch == _index("at_risk")] = np.maximum(n[arch == _index("at_risk")], 3)
    new = arch == _index("new_customer")
    n[new] = rng.choice([1, 2, 3], size=int(new.sum()), p=[0.45, 0.35, 0.2])
    return np.minimum(n, 90)


def make_orders(rng: np.random.Generator, arch: np.ndarray, signup: np.ndarray,
                as_of: datetime.date) -> Orders:
    """Generate every order; customer i has archetype arch[i] and signed up on signup[i]."""
    n_cust = len(arch)
    begin = day_number(catalog.window_start(as_of))
    as_of_day = day_number(as_of)
    start = np.maximum(signup, begin)
    end = np.full(n_cust, as_of_day)
    risk = arch == _index("at_risk")
    end[risk] = as_of_day - rng.integers(120, 271, int(risk.sum()))  # they stopped ordering

    counts = _order_counts(rng, arch, start, end)
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    cust = np.repeat(np.arange(n_cust), counts)
    total = len(cust)
    rank = np.arange(total) - offsets[cust]  # 0-based position within the customer
    a = arch[cust]
    lo, hi = start[cust], end[cust]
    span = hi - lo + 1
    day = lo + np.floor(rng.random(total) * span).astype(np.int64)

    # pragmatists: a steady replenishment rhythm with a little jitter
    steady = a == _index("needs_based")
    slot = (rank + 0.5 + rng.uniform(-0.35, 0.35, total)) / counts[cust]
    day = np.where(steady, lo + np.floor(slot * span).astype(np.int64), day)

    # impulse buyers: a few shopping bursts, several orders within days
    burst_centres = start[:, None] + np.floor(rng.random((n_cust, 5)) *
                                              (end - start + 1)[:, None]).astype(np.int64)
    n_bursts = rng.integers(2, 6, n_cust)
    which = np.floor(rng.random(total) * n_bursts[cust]).astype(np.int64)
    bursty = burst_centres[cust, which] + np.round(rng.normal(0, 2.5, total)).astype(np.int64)
    day = np.where(a == _index("impulse_buyer"), bursty, day)

    # bargain hunters: a good share of orders lands on sale events
    events = np.array([day_number(d) for d in catalog.sale_events(
        catalog.window_start(as_of), as_of)], dtype=np.int64)
    if len(events):
        on_sale = events[rng.integers(0, len(events), total)] + rng.integers(-1, 4, total)
        snap = (a == _index("discount_hunter")) & (rng.random(total) < 0.45)
        snap &= (on_sale >= lo) & (on_sale <= hi)
        day = np.where(snap, on_sale, day)

    # new customers usually buy on the day they sign up; at-risk ones end on their last order
    first_row = offsets
    new_first = first_row[(arch == _index("new_customer")) & (rng.random(n_cust) < 0.75)]
    day[new_first] = signup[cust[new_first]]
    day[first_row[risk]] = end[risk]
    day = np.clip(day, lo, hi)

    # what was bought: a per-customer category mix (concentrated for pragmatists)
    weights = np.array([a_.category_weights for a_ in ARCHETYPES])
    alpha = weights[arch] * _param("category_focus")[arch][:, None] + 0.02
    mix = rng.gamma(alpha) + 1e-12
    category = _choose_rows(rng, (mix / mix.sum(axis=1, keepdims=True))[cust])
    cats = np.array(catalog.CATEGORIES, dtype=object)

    quantity = 1 + rng.poisson(_param("extra_quantity")[a])
    bulk = (a == _index("needs_based")) & (rng.random(total) < 0.07)
    quantity = np.where(bulk, quantity + rng.integers(6, 30, total), quantity)
    base = np.array([catalog.BASE_PRICE[c] for c in catalog.CATEGORIES])[category]
    unit = base * _param("price_multiplier")[a] * rng.lognormal(-0.1, 0.45, total)
    unit = np.where(bulk, unit * 0.6, unit)  # bulk buyers pick cheaper consumables

    disc_p = rng.beta(_param_pair("discount_beta", 0)[arch], _param_pair("discount_beta", 1)[arch])
    discount = rng.random(total) < disc_p[cust]
    amount = unit * quantity * np.where(discount, 1 - rng.uniform(0.1, 0.35, total), 1.0)
    amount = np.round(np.maximum(amount, 1.5), 2)

    ret_p = np.clip(_param("return_rate")[arch] * rng.lognormal(-0.1, 0.45, n_cust), 0, 0.6)
    can_p = _param("cancel_rate")[arch]
    u = rng.random(total)
    status = np.where(u < ret_p[cust], 1, np.where(u < ret_p[cust] + can_p[cust], 2, 0))

    channel_w = np.array([[ar.sales_channel.get(c, 0.0) for c in SALES_CHANNELS]
                          for ar in ARCHETYPES])
    channel = _choose_rows(rng, channel_w[a])

    order = np.lexsort((cust, day))
    first_day = np.minimum.reduceat(day, offsets)
    last_day = np.maximum.reduceat(day, offsets)
    ids = np.array(customer_ids(n_cust), dtype=object)
    frame = pd.DataFrame({
        "order_id": [f"O{i + 1:07d}" for i in range(total)],
        "customer_id": ids[cust[order]].tolist(),
        "order_date": to_datetime(day[order]),
        "amount": amount[order],
        "quantity": quantity[order].astype("int64"),
        "product_category": cats[category[order]].tolist(),
        "discount_used": discount[order],
        "sales_channel": np.array(SALES_CHANNELS, dtype=object)[channel[order]].tolist(),
        "status": np.array(STATUSES, dtype=object)[status[order]].tolist(),
    })
    return Orders(frame=frame, first_day=first_day, last_day=last_day)


def _param_pair(name: str, k: int) -> np.ndarray:
    return np.array([getattr(a, name)[k] for a in ARCHETYPES], dtype=float)
