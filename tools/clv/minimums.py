"""How much data a CLV prediction needs, and what to say when there is less.

A buying model learns how often customers come back from the customers who did; with a
few weeks of orders or a few dozen repeat buyers it has nothing to learn from, and a
12-month prediction from 13 days of history is a guess that looks like a number. The
minimums follow Klaviyo's published requirements for predictive CLV (at least 500
customers who ordered and 180 days of order history) plus enough repeat buyers for the
BG/NBD model to see repeat buying at all:

| measure                        | minimum | declined below |
|--------------------------------|---------|----------------|
| days of order history          | 180     | 90             |
| customers who ordered          | 500     | 100            |
| customers with a repeat order  | 100     | 30             |

Below a minimum the prediction is made with a warning; below the decline level it is not
made and historical value is shown instead. A horizon longer than the history is always
said to be an extrapolation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tools.result import MIN_RELIABLE, Fact

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Minimums:
    """Minimum data for a prediction, and the far lower levels below which none is made."""

    history_days: int = 180
    customers: int = 500
    repeat_customers: int = 100
    decline_history_days: int = 90
    decline_customers: int = 100
    decline_repeat_customers: int = MIN_RELIABLE


MINIMUMS = Minimums()


@dataclass
class DataCheck:
    """What the data has against the minimums, and the sentences to show about it."""

    history_days: int
    customers: int
    repeat_customers: int
    months: int
    minimums: Minimums = MINIMUMS
    below: list[str] = field(default_factory=list)  # under a minimum: warn
    declined: list[str] = field(default_factory=list)  # far under: no prediction

    @property
    def can_predict(self) -> bool:
        return not self.declined

    @property
    def extrapolates(self) -> bool:
        """True when the horizon is longer than the history the models learn from."""
        return self.months > round(self.history_days / DAYS_PER_MONTH)

    def requirement(self) -> str:
        m = self.minimums
        return (f"A prediction needs at least {m.history_days} days of order history, "
                f"{m.customers:,} customers who ordered and {m.repeat_customers:,} with a "
                "repeat order (Klaviyo's published minimums for predicted CLV, plus repeat "
                "buyers for the buying model).")

    def facts(self) -> dict[str, Fact]:
        m = self.minimums
        return {
            "history_days": Fact(self.history_days, "days", "Days of order history"),
            "min_history_days": Fact(m.history_days, "days",
                                     "Minimum order history for a prediction"),
            "min_customers": Fact(m.customers, "customers",
                                  "Minimum customers who ordered, for a prediction"),
            "min_repeat_customers": Fact(m.repeat_customers, "customers",
                                         "Minimum customers with a repeat order, for a "
                                         "prediction"),
            "buyers": Fact(self.customers, "customers", "Customers who ordered"),
            "repeat_buyers": Fact(self.repeat_customers, "customers",
                                  "Customers who bought more than once"),
            "enough_data": Fact("yes" if not self.below else (
                "no, prediction declined" if self.declined else "below the minimum"), "",
                "Enough data for a prediction"),
        }


def check_data(history_days: int, customers: int, repeat_customers: int, months: int,
               minimums: Minimums = MINIMUMS) -> DataCheck:
    """Compare the data with the minimums for a `months`-month prediction."""
    check = DataCheck(history_days, customers, repeat_customers, months, minimums)
    measures = (
        ("days of order history", history_days, minimums.history_days,
         minimums.decline_history_days),
        ("customers who ordered", customers, minimums.customers, minimums.decline_customers),
        ("customers who bought more than once", repeat_customers, minimums.repeat_customers,
         minimums.decline_repeat_customers),
    )
    for label, have, need, floor in measures:
        if have < need:
            text = f"{have:,} {label} (at least {need:,})"
            check.below.append(text)
            if have < floor:
                check.declined.append(text)
    return check


def history_days(first: pd.Timestamp, end: pd.Timestamp) -> int:
    """Calendar days from the first order to the end of the history, both counted."""
    return int((pd.Timestamp(end).normalize() - pd.Timestamp(first).normalize()).days) + 1


def warnings_for(check: DataCheck, method: str, fell_back: bool) -> list[str]:
    """The warnings a result carries about the amount of data (empty when it is enough).

    `fell_back` is True when a prediction was asked for and declined."""
    out: list[str] = []
    if fell_back:
        out.append(f"No {check.months}-month prediction: the data has "
                   + "; ".join(check.declined) + ". " + check.requirement()
                   + " Shown instead: historical value from the orders so far.")
    elif check.below and method == "predictive":
        out.append("Less data than a reliable prediction needs: " + "; ".join(check.below)
                   + ". " + check.requirement() + " Treat the predicted values as rough.")
    if method == "predictive" and check.extrapolates:
        out.append(f"The {check.months}-month prediction extrapolates from only "
                   f"{check.history_days} days of order history.")
    if method == "historical" and check.history_days < check.minimums.history_days:
        out.append(f"Historical value annualises buying from {check.history_days} days of "
                   "orders (at least a quarter of a year is counted per customer), so it "
                   "rests on little history.")
    return out
