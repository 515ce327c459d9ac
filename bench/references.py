"""The two RFM references the benchmark compares against.

Both assume purchases only (the synthetic orders have no returns).

- DuckDB SQL: the same scores (1 + floor(5 × share strictly worse), ties kept together)
  computed by a columnar database engine: close to what this machine can do.
- Naive pandas: groupby-apply with a Python function per customer, then `qcut`: what a
  notebook typically does.
The SQL below is fixed text written here, never built from user input.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

RFM_SQL = """
WITH orders AS (
    SELECT customer_id, order_date, amount
    FROM read_parquet($path)
    WHERE amount >= 0
),
per AS (
    SELECT customer_id,
           date_diff('day', max(order_date)::DATE, $snapshot::DATE) AS recency_days,
           count(*) AS frequency,
           sum(amount) AS monetary
    FROM orders GROUP BY customer_id
)
SELECT customer_id, recency_days, frequency, monetary,
       1 + floor(5 * (rank() OVER (ORDER BY recency_days DESC) - 1) / count(*) OVER ()) AS R,
       1 + floor(5 * (rank() OVER (ORDER BY frequency) - 1) / count(*) OVER ()) AS F,
       1 + floor(5 * (rank() OVER (ORDER BY monetary) - 1) / count(*) OVER ()) AS M
FROM per
"""


def duckdb_rfm(parquet: Path, snapshot: pd.Timestamp, threads: int = 2) -> pd.DataFrame:
    with duckdb.connect() as con:
        con.execute(f"SET threads TO {int(threads)}")
        frame = con.execute(
            RFM_SQL, {"path": str(parquet), "snapshot": snapshot.date()}
        ).df()
    return frame.set_index("customer_id").sort_index()


def naive_rfm(orders: pd.DataFrame, snapshot: pd.Timestamp) -> pd.DataFrame:
    """The notebook way: a Python function per customer, then quintiles with qcut."""
    orders = orders[orders["amount"] >= 0]

    def per_customer(group: pd.DataFrame) -> pd.Series:
        return pd.Series(
            {
                "recency_days": (snapshot - group["order_date"].max()).days,
                "frequency": len(group),
                "monetary": group["amount"].sum(),
            }
        )

    per = orders.groupby("customer_id")[["order_date", "amount"]].apply(per_customer)
    labels = [1, 2, 3, 4, 5]
    per["R"] = pd.qcut(per["recency_days"].rank(method="first", ascending=False), 5, labels)
    per["F"] = pd.qcut(per["frequency"].rank(method="first"), 5, labels)
    per["M"] = pd.qcut(per["monetary"].rank(method="first"), 5, labels)
    return per
