"""The purchase summary: a purchase is a purchase day, times run from the first purchase,
and orders after the end date are ignored."""

from __future__ import annotations

import pandas as pd
import pytest

from tools.clv import purchase_summary

ORDERS = pd.DataFrame({
    "customer_id": ["a", "a", "a", "a", "b", "c", "c", "c"],
    "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-15", "2024-02-12",
                            "2024-01-08", "2024-01-22", "2024-01-29", "2024-03-04"]),
    "amount": [10.0, 5.0, 30.0, 50.0, 99.0, 20.0, 40.0, 1000.0],
})


def test_orders_on_one_day_are_one_purchase_and_the_first_day_is_left_out_of_spend() -> None:
    summary = purchase_summary(ORDERS, pd.Timestamp("2024-02-26"))
    a = summary.loc["a"]
    assert a["frequency"] == 2  # 1 Jan (two orders) · 15 Jan · 12 Feb
    assert a["recency"] == pytest.approx(6.0)  # 42 days in weeks
    assert a["T"] == pytest.approx(8.0)  # 56 days in weeks
    assert a["monetary"] == pytest.approx((30 + 50) / 2)
    assert a["orders"] == 4 and a["revenue"] == pytest.approx(95.0)


def test_one_time_buyers_have_zero_frequency_recency_and_spend() -> None:
    summary = purchase_summary(ORDERS, pd.Timestamp("2024-02-26"))
    b = summary.loc["b"]
    assert (b["frequency"], b["recency"], b["monetary"]) == (0, 0.0, 0.0)
    assert b["T"] == pytest.approx(7.0)


def test_orders_after_the_end_date_are_ignored() -> None:
    summary = purchase_summary(ORDERS, pd.Timestamp("2024-02-26"))
    c = summary.loc["c"]
    assert c["frequency"] == 1 and c["monetary"] == pytest.approx(40.0)  # not the 1000 order
    early = purchase_summary(ORDERS, pd.Timestamp("2024-01-10"))
    assert sorted(early.index) == ["a", "b"]  # c had not bought yet
    assert early.loc["a", "frequency"] == 0


def test_default_end_is_the_last_order_and_days_are_available() -> None:
    weeks = purchase_summary(ORDERS)
    days = purchase_summary(ORDERS, period="days")
    assert weeks.loc["a", "T"] == pytest.approx((pd.Timestamp("2024-03-04")
                                                 - pd.Timestamp("2024-01-01")).days / 7)
    assert days.loc["a", "T"] == pytest.approx(63.0)
    assert days.loc["a", "recency"] == pytest.approx(42.0)
    assert (days["frequency"] == weeks["frequency"]).all()
