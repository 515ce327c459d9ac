"""A deterministic demo company, "Lumen & Co.", with a planted truth to find again.

`generate_demo` builds six related tables (customers, orders, tickets, reviews,
surveys, call transcripts) for an online lifestyle retailer whose customers belong
to six hidden archetypes. The archetype of every customer and the themes each
archetype complains about are returned in `ground_truth`, so segmentation and
text analysis can be checked against what was planted.

The function is pure: no I/O, no clock, and the same seed always yields the same data.
Bump GENERATOR_VERSION whenever the output changes, since cached demos key on it.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from demo_company import catalog
from demo_company.archetypes import ARCHETYPE_IDS, ARCHETYPES
from demo_company.calls import make_transcripts
from demo_company.orders import make_orders
from demo_company.people import make_customers
from demo_company.texts import OrderBook, make_reviews, make_surveys
from demo_company.themes import THEMES
from demo_company.tickets import make_tickets

GENERATOR_VERSION = 1
DEFAULT_AS_OF = datetime.date(2026, 10, 31)

__all__ = ["DEFAULT_AS_OF", "GENERATOR_VERSION", "DemoData", "generate_demo"]


@dataclass(frozen=True)
class DemoData:
    customers: pd.DataFrame
    orders: pd.DataFrame
    tickets: pd.DataFrame
    reviews: pd.DataFrame
    surveys: pd.DataFrame
    transcripts: pd.DataFrame
    ground_truth: dict[str, Any]  # JSON-serialisable


def generate_demo(seed: int = 7, n_customers: int = 6000,
                  as_of: datetime.date = DEFAULT_AS_OF) -> DemoData:
    """Generate the demo company; identical output for identical arguments."""
    if n_customers < 1:
        raise ValueError("n_customers must be at least 1")
    # one independent stream per table, so changing one table leaves the others intact
    streams = np.random.SeedSequence(seed).spawn(6)
    rngs = [np.random.default_rng(s) for s in streams]

    people = make_customers(rngs[0], seed, n_customers, as_of)
    arch, signup = people.archetype, people.signup_day
    orders = make_orders(rngs[1], arch, signup, as_of)
    tickets = make_tickets(rngs[2], arch, orders.first_day, orders.last_day, as_of)
    book = OrderBook.build(orders.frame, n_customers)
    reviews = make_reviews(rngs[3], random.Random(f"{seed}:reviews"), people.frame, arch,
                           book, as_of)
    surveys = make_surveys(rngs[4], random.Random(f"{seed}:surveys"), people.frame, arch,
                           book, signup, as_of)
    transcripts = make_transcripts(rngs[5], random.Random(f"{seed}:calls"), seed,
                                   people.frame, arch, book, as_of)
    truth = _ground_truth(seed, n_customers, as_of, people.frame["customer_id"].tolist(), arch)
    return DemoData(customers=people.frame, orders=orders.frame, tickets=tickets,
                    reviews=reviews, surveys=surveys, transcripts=transcripts,
                    ground_truth=truth)


def _theme_entry(key: str, with_kind: bool) -> dict[str, Any]:
    theme = THEMES[key]
    entry: dict[str, Any] = {"label": theme.label, "keywords": list(theme.keywords),
                             "keywords_zh": list(theme.keywords_zh)}
    if with_kind:
        entry["kind"] = theme.kind
    return entry


def _ground_truth(seed: int, n: int, as_of: datetime.date, ids: list[str],
                  arch: np.ndarray) -> dict[str, Any]:
    counts = np.bincount(arch, minlength=len(ARCHETYPES))
    return {
        "generator_version": GENERATOR_VERSION,
        "seed": int(seed),
        "as_of": as_of.isoformat(),
        "n_customers": int(n),
        "company": catalog.COMPANY,
        "data_start": catalog.window_start(as_of).isoformat(),
        "archetypes": {
            a.id: {
                "label": a.label,
                "share": a.share,
                "description": a.description,
                "traits": dict(a.traits),
                "pain_points": {k: _theme_entry(k, with_kind=False) for k in a.pain_points},
                "n_customers": int(counts[k]),
            }
            for k, a in enumerate(ARCHETYPES)
        },
        "customer_archetype": {cid: ARCHETYPE_IDS[k] for cid, k in zip(ids, arch, strict=True)},
        "themes": {key: _theme_entry(key, with_kind=True) for key in THEMES},
    }
