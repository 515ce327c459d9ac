"""Calendar periods, and who bought in which period after they were acquired.

Customers are handled as integer codes (0..n-1, from one factorisation of the ids) so
grouping 10M orders is integer arithmetic, not hashing of text ids.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


def period_serial(dates: pd.Series | np.ndarray, period: str) -> np.ndarray:
    """Months (or quarters) counted from year 0, so differences are periods between dates."""
    dates = pd.DatetimeIndex(dates)
    year, month = dates.year.to_numpy(int), dates.month.to_numpy(int)
    return year * 12 + month - 1 if period == "month" else year * 4 + (month - 1) // 3


def last_complete(end: pd.Timestamp, period: str) -> int:
    """The last period the data covers to its final day (a period still running is not)."""
    serial = int(period_serial([end], period)[0])
    following = pd.Timestamp(end).normalize() + pd.Timedelta(days=1)
    return serial if int(period_serial([following], period)[0]) > serial else serial - 1


def period_label(serial: int, period: str) -> str:
    return f"{serial // 12}-{serial % 12 + 1:02d}" if period == "month" else (
        f"{serial // 4}Q{serial % 4 + 1}")


@dataclass
class Buyers:
    """Orders with integer customer codes; `ids[code]` is the customer id."""

    codes: np.ndarray  # per order
    ids: pd.Index  # per customer code
    dates: np.ndarray  # per order, datetime64[ns]
    first_date: np.ndarray  # per customer code

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Buyers:
        codes, ids = pd.factorize(frame["customer_id"])
        dates = frame["date"].to_numpy("datetime64[ns]")
        first = pd.Series(dates).groupby(codes).min().to_numpy("datetime64[ns]")
        return cls(codes, pd.Index(ids), dates, first)

    def __len__(self) -> int:
        return len(self.ids)


def active_pairs(codes: np.ndarray, serial: np.ndarray, cohort_of_code: np.ndarray,
                 max_k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each (customer code, k) with a purchase k periods after acquisition, once.

    `cohort_of_code` is the acquisition period per code, -1 for customers in no cohort.
    """
    cohort = cohort_of_code[codes]
    k = serial - cohort
    keep = (cohort >= 0) & (k >= 0) & (k <= max_k)
    key = pd.unique(codes[keep].astype(np.int64) * (max_k + 1) + k[keep])
    return key // (max_k + 1), key % (max_k + 1)
