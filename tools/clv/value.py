"""Predicted customer lifetime value: BG/NBD purchases × Gamma-Gamma spend, discounted monthly.

For each month k of the horizon, a customer's expected purchases in that month (the
increase in BG/NBD conditional expected purchases from month k-1 to k) are valued at their
Gamma-Gamma expected spend per purchase and discounted to today by (1 + d)^k, with d the
monthly rate equivalent to the annual one: (1 + annual)^(1/12) - 1. Money from month k is
counted at the month's end. With a rate of 0 this is expected purchases × expected spend.

The purchase curve depends on the customer only through (x, T) once P(alive) is factored
out, so it is evaluated once per distinct (x, T) pair and shared by every customer with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tools.clv.bgnbd import BGNBDParams, fit_bgnbd, prob_alive, purchases_if_alive
from tools.clv.gamma_gamma import (
    GammaGammaParams,
    expected_average_spend,
    fit_gamma_gamma,
    usable,
)
from tools.clv.summary import PERIOD_DAYS, Period

DAYS_PER_MONTH = 365.25 / 12
SPEND_DEPENDENCE_WARNING = 0.3
"""Above this |correlation| between frequency and spend, the spend model's independence
assumption is doubtful and the result says so."""


@dataclass
class ClvModel:
    """The two fitted models and what they were fitted on."""

    purchases: BGNBDParams
    spend: GammaGammaParams
    repeat_customers: int
    spend_customers: int
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def monthly_rate(annual_rate: float) -> float:
    return (1.0 + annual_rate) ** (1.0 / 12.0) - 1.0


def discounted_purchases(
    params: BGNBDParams, months: int, annual_rate: float, frequency: np.ndarray,
    recency: np.ndarray, T: np.ndarray, period: Period = "weeks",
) -> tuple[np.ndarray, np.ndarray]:
    """Expected purchases over `months` months, plain and discounted, per customer."""
    keys = pd.DataFrame({"x": np.asarray(frequency, float), "T": np.asarray(T, float)})
    codes = keys.groupby(["x", "T"], sort=False).ngroup().to_numpy()
    pairs = keys.drop_duplicates()
    x, age = pairs["x"].to_numpy(), pairs["T"].to_numpy()
    periods_per_month = DAYS_PER_MONTH / PERIOD_DAYS[period]
    factor = 1.0 / (1.0 + monthly_rate(annual_rate))
    previous = np.zeros(len(pairs))
    discounted = np.zeros(len(pairs))
    for month in range(1, months + 1):
        cumulative = purchases_if_alive(params, month * periods_per_month, x, age)
        discounted += (cumulative - previous) * factor**month
        previous = cumulative
    alive = prob_alive(params, frequency, recency, T)
    return previous[codes] * alive, discounted[codes] * alive


def fit_models(summary: pd.DataFrame) -> ClvModel:
    """Fit BG/NBD on every customer and Gamma-Gamma on those with repeat purchases."""
    frequency = summary["frequency"].to_numpy(float)
    monetary = summary["monetary"].to_numpy(float)
    purchases = fit_bgnbd(frequency, summary["recency"], summary["T"])
    spend = fit_gamma_gamma(frequency, monetary)
    spenders = usable(frequency, monetary)
    model = ClvModel(purchases, spend, int((frequency > 0).sum()), int(spenders.sum()))
    if not purchases.converged:
        model.warnings.append(
            "The purchase model did not fully converge; treat the predictions as rough.")
    if not spend.converged:
        model.warnings.append(
            "The spend model did not fully converge; treat the spend estimates as rough.")
    if spend.q <= 1:
        model.warnings.append(
            "Spend per purchase varies too wildly for the spend model's average; customers "
            "without repeat purchases are valued at the average repeat spend instead.")
    if spenders.sum() >= 3 and np.ptp(frequency[spenders]) > 0 and np.ptp(
            monetary[spenders]) > 0:
        correlation = float(np.corrcoef(frequency[spenders], monetary[spenders])[0, 1])
        if abs(correlation) > SPEND_DEPENDENCE_WARNING:
            model.warnings.append(
                "How often customers buy and how much they spend per purchase are related "
                f"(correlation {correlation:.2f}); the spend model assumes they are not, so "
                "value estimates for frequent buyers may be off.")
    return model


def spend_per_purchase(model: ClvModel, frequency: np.ndarray, monetary: np.ndarray
                       ) -> np.ndarray:
    """Expected value of a future purchase per customer (Gamma-Gamma conditional mean)."""
    if model.spend.q > 1:
        return expected_average_spend(model.spend, frequency, monetary)
    spenders = usable(frequency, monetary)
    fallback = float(monetary[spenders].mean())
    return np.where(spenders, monetary, fallback)


def predict_clv(
    summary: pd.DataFrame, months: int, annual_rate: float, period: Period = "weeks",
    model: ClvModel | None = None,
) -> tuple[pd.DataFrame, ClvModel]:
    """Per customer: prob_alive, expected_purchases, expected_avg_value and predicted_clv."""
    model = model or fit_models(summary)
    frequency = summary["frequency"].to_numpy(float)
    recency = summary["recency"].to_numpy(float)
    age = summary["T"].to_numpy(float)
    monetary = summary["monetary"].to_numpy(float)
    expected, discounted = discounted_purchases(
        model.purchases, months, annual_rate, frequency, recency, age, period)
    spend = spend_per_purchase(model, frequency, monetary)
    out = pd.DataFrame(
        {
            "prob_alive": prob_alive(model.purchases, frequency, recency, age),
            "expected_purchases": expected,
            "expected_avg_value": spend,
            "predicted_clv": discounted * spend,
        },
        index=summary.index,
    )
    return out, model
