"""A large synthetic orders table for benchmarks: n customers, about 10 orders each.

Four behaviour types differ in frequency, order value and discount use, so clustering
has structure to find. Generated with numpy in a few seconds; no download.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TYPES = (  # orders per customer, mean order value, discount probability, active years
    (25.0, 120.0, 0.1, 2.5),
    (9.0, 35.0, 0.8, 1.5),
    (6.0, 90.0, 0.2, 1.0),
    (3.0, 60.0, 0.3, 0.5),
)


def synthetic_orders(n_customers: int = 1_000_000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    kind = rng.choice(len(TYPES), size=n_customers, p=[0.2, 0.3, 0.3, 0.2])
    params = np.array(TYPES)[kind]
    counts = np.maximum(rng.poisson(params[:, 0]), 1)
    owner = np.repeat(np.arange(n_customers), counts)
    end = np.datetime64("2026-10-31", "D")
    span = (params[:, 3] * 365).astype(int)
    start_offset = rng.integers(0, 3 * 365, size=n_customers)
    offset = start_offset[owner] - (rng.random(len(owner)) * span[owner]).astype(int)
    dates = end - np.clip(offset, 0, 4 * 365).astype("timedelta64[D]")
    amount = np.round(rng.lognormal(np.log(params[owner, 1]), 0.45), 2)
    return pd.DataFrame(
        {
            "order_id": np.char.add("O", np.arange(len(owner)).astype(str)),
            "customer_id": np.char.add("C", owner.astype(str)),
            "order_date": dates,
            "amount": amount,
            "discount_used": rng.random(len(owner)) < params[owner, 2],
        }
    )
