"""Support tickets: how often each archetype needs help, about what, and whether it was solved.

At-risk customers file the most tickets (shipping, billing), mostly in the months
before they stopped ordering, and few of those tickets were ever resolved.
"""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd

from demo_company.archetypes import ARCHETYPES
from demo_company.people import customer_ids, day_number, to_datetime

TOPICS: tuple[str, ...] = ("billing", "shipping", "product quality", "onboarding", "account")
CHANNELS: tuple[str, ...] = ("email", "chat", "phone")


def _draw(rng: np.random.Generator, table: np.ndarray) -> np.ndarray:
    cum = np.cumsum(table, axis=1)
    u = rng.random(len(table)) * cum[:, -1]
    return np.minimum((u[:, None] >= cum).sum(axis=1), table.shape[1] - 1)


def make_tickets(rng: np.random.Generator, arch: np.ndarray, first_day: np.ndarray,
                 last_day: np.ndarray, as_of: datetime.date) -> pd.DataFrame:
    """One row per ticket, dated while the customer was buying (or shortly after)."""
    n_cust = len(arch)
    rate = np.array([a.tickets_per_customer for a in ARCHETYPES])[arch]
    counts = rng.poisson(rate * rng.lognormal(-0.1, 0.45, n_cust))
    cust = np.repeat(np.arange(n_cust), counts)
    total = len(cust)
    a = arch[cust]
    as_of_day = day_number(as_of)

    # tickets follow orders: between the first order and a month after the last one
    lo = first_day[cust]
    hi = np.minimum(last_day[cust] + 30, as_of_day)
    at_risk = a == next(i for i, x in enumerate(ARCHETYPES) if x.id == "at_risk")
    lo = np.where(at_risk, np.maximum(lo, last_day[cust] - 150), lo)  # trouble before leaving
    day = lo + np.floor(rng.random(total) * (hi - lo + 1)).astype(np.int64)

    topic_w = np.array([[x.ticket_topics.get(t, 0.0) for t in TOPICS] for x in ARCHETYPES])
    topic = _draw(rng, topic_w[a])
    channel_w = np.array([[x.ticket_channel.get(c, 0.0) for c in CHANNELS] for x in ARCHETYPES])
    channel = _draw(rng, channel_w[a])
    resolved_p = np.array([x.resolved_rate for x in ARCHETYPES])[a]
    recent = day > as_of_day - 10  # the newest tickets are often still open
    resolved = rng.random(total) < np.where(recent, resolved_p * 0.5, resolved_p)

    order = np.lexsort((cust, day))
    ids = np.array(customer_ids(n_cust), dtype=object)
    return pd.DataFrame({
        "ticket_id": [f"T{i + 1:06d}" for i in range(total)],
        "customer_id": ids[cust[order]].tolist(),
        "created_date": to_datetime(day[order]),
        "topic": np.array(TOPICS, dtype=object)[topic[order]].tolist(),
        "channel": np.array(CHANNELS, dtype=object)[channel[order]].tolist(),
        "resolved": resolved[order],
    })
