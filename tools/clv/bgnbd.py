"""The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting your customers the
easy way").

While "alive", a customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they
drop out with probability p ~ Beta(a, b). From each customer's frequency (repeat purchases
x), recency (t_x, time of the last purchase since the first) and age T (time since the first
purchase), the model gives the chance they are still alive and how many purchases to expect.

The parameters are fitted by maximum likelihood on log-parameters. Customers with the same
(x, t_x, T) share a likelihood term, so fitting works on the distinct triples weighted by
their counts, which keeps a million customers fast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import OptimizeResult, minimize
from scipy.special import betaln, expit, gammaln, hyp2f1, psi

_LOG_BOUND = 20.0  # log-parameters stay within e^±20; keeps the optimizer finite
MAX_ITERATIONS = 300


def settled(fitted: OptimizeResult) -> bool:
    """Converged, or stopped by a line search at a point where the gradient is ~0."""
    flat = float(np.max(np.abs(fitted.jac))) < 1e-4 * max(1.0, abs(float(fitted.fun)))
    return bool(fitted.success or flat)


@dataclass(frozen=True)
class BGNBDParams:
    """Fitted BG/NBD parameters; times are in the units the model was fitted in."""

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float = math.nan
    converged: bool = True


def _arrays(*values: object) -> list[np.ndarray]:
    return [np.asarray(v, dtype=float) for v in values]


@dataclass(frozen=True)
class _FitData:
    """Customers' (x, t_x, T) with weights, and the distinct x values: every special
    function depends on x alone, so it is evaluated once per distinct x, not per customer."""

    x: np.ndarray
    t_x: np.ndarray
    T: np.ndarray
    weights: np.ndarray
    x_values: np.ndarray  # distinct x
    x_index: np.ndarray  # position of each row's x in x_values
    x_weights: np.ndarray  # total weight per distinct x

    @classmethod
    def of(cls, x: np.ndarray, t_x: np.ndarray, T: np.ndarray, weights: np.ndarray
           ) -> _FitData:
        x_values, x_index = np.unique(x, return_inverse=True)
        x_weights = np.bincount(x_index, weights=weights, minlength=len(x_values))
        return cls(x, t_x, T, weights, x_values, x_index, x_weights)


def _negative_log_likelihood(log_params: np.ndarray, data: _FitData
                             ) -> tuple[float, np.ndarray]:
    """−Σ weight · log L and its gradient in log-parameters.

    log L = log Γ(r+x) − log Γ(r) + r log α − log B(a, b) + log(A1 + A2) with
    A1 = B(a, b+x) / (α+T)^(r+x) and A2 = B(a+1, b+x−1) / (α+t_x)^(r+x) for x > 0, combined
    as a log-sum-exp so heavy buyers do not underflow.
    """
    r, alpha, a, b = np.exp(log_params)
    xv, idx, n_x = data.x_values, data.x_index, data.x_weights
    repeat_v = xv > 0
    xv_safe = np.where(repeat_v, xv, 1.0)  # keeps B(a+1, b+x−1) finite for x = 0
    log_b1 = betaln(a, b + xv)
    log_b2 = np.where(repeat_v, betaln(a + 1, b + xv_safe - 1), -np.inf)
    rx = r + data.x
    log_age = np.log(alpha + data.T)
    log_last = np.log(alpha + data.t_x)
    log_a1 = log_b1[idx] - rx * log_age
    log_a2 = log_b2[idx] - rx * log_last
    log_sum = np.logaddexp(log_a1, log_a2)
    w1 = np.exp(log_a1 - log_sum)  # share of A1 in A1 + A2
    w2 = 1.0 - w1
    weights = data.weights
    total = float(data.weights.sum())
    ll = (n_x @ gammaln(r + xv) + total * (r * np.log(alpha) - gammaln(r) - betaln(a, b))
          + weights @ log_sum)

    ww1 = np.bincount(idx, weights=weights * w1, minlength=len(xv))
    ww2 = n_x - ww1
    psi_abx = psi(a + b + xv)
    d_r = (n_x @ psi(r + xv) + total * (np.log(alpha) - psi(r))
           - weights @ (w1 * log_age + w2 * log_last))
    d_alpha = total * r / alpha - weights @ (rx * (w1 / (alpha + data.T)
                                                    + w2 / (alpha + data.t_x)))
    d_a = (-total * (psi(a) - psi(a + b)) + ww1 @ (psi(a) - psi_abx)
           + ww2 @ (psi(a + 1) - psi_abx))
    d_b = (-total * (psi(b) - psi(a + b)) + ww1 @ (psi(b + xv) - psi_abx)
           + ww2 @ np.where(repeat_v, psi(b + xv_safe - 1) - psi_abx, 0.0))
    grad = np.array([d_r, d_alpha, d_a, d_b]) * np.exp(log_params)
    return -float(ll), -grad


def compress(*columns: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Distinct rows of the given columns and how often each occurs."""
    frame = pd.DataFrame({f"c{i}": c for i, c in enumerate(columns)})
    counts = frame.groupby(list(frame.columns), sort=False).size()
    unique = counts.index.to_frame(index=False)
    return [unique[c].to_numpy(float) for c in frame.columns], counts.to_numpy(float)


def fit_bgnbd(frequency: object, recency: object, T: object) -> BGNBDParams:
    """Maximum-likelihood BG/NBD parameters for customers' (x, t_x, T).

    Times are rescaled so the longest T is 10 before fitting (r, a, b do not depend on the
    time unit; α is scaled back), which makes the optimizer behave the same for days or weeks.
    """
    x, t_x, age = _arrays(frequency, recency, T)
    if len(x) == 0:
        raise ValueError("no customers to fit")
    (x, t_x, age), weights = compress(x, t_x, age)
    scale = 10.0 / max(float(age.max()), 1e-9)
    start = np.array([0.0, math.log(max(float(np.average(age * scale, weights=weights)),
                                        1e-3)), 0.0, 0.0])
    fitted = minimize(
        _negative_log_likelihood, start,
        args=(_FitData.of(x, t_x * scale, age * scale, weights),), jac=True,
        method="L-BFGS-B", bounds=[(-_LOG_BOUND, _LOG_BOUND)] * 4,
        options={"maxiter": MAX_ITERATIONS, "gtol": 1e-8, "ftol": 1e-13},
    )
    r, alpha_scaled, a, b = np.exp(fitted.x)
    params = BGNBDParams(float(r), float(alpha_scaled / scale), float(a), float(b))
    log_likelihood = float(weights @ bgnbd_log_likelihood(params, x, t_x, age))
    return BGNBDParams(params.r, params.alpha, params.a, params.b, log_likelihood,
                       settled(fitted))


def bgnbd_log_likelihood(
    params: BGNBDParams, frequency: object, recency: object, T: object
) -> np.ndarray:
    """Each customer's log-likelihood under the given parameters."""
    x, t_x, age = _arrays(frequency, recency, T)
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    repeat = x > 0
    log_a1 = betaln(a, b + x) - (r + x) * np.log(alpha + age)
    log_a2 = np.where(repeat, betaln(a + 1, b + np.where(repeat, x, 1.0) - 1)
                      - (r + x) * np.log(alpha + t_x), -np.inf)
    return (gammaln(r + x) - gammaln(r) + r * np.log(alpha) - betaln(a, b)
            + np.logaddexp(log_a1, log_a2))


def prob_alive(params: BGNBDParams, frequency: object, recency: object, T: object) -> np.ndarray:
    """P(still alive | x, t_x, T); 1 for customers without a repeat purchase (the model's
    assumption: dropping out happens only right after a purchase)."""
    x, t_x, age = _arrays(frequency, recency, T)
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    repeat = x > 0
    log_odds_dead = (np.log(a) - np.log(b + np.where(repeat, x, 1.0) - 1)
                     + (r + x) * (np.log(alpha + age) - np.log(alpha + t_x)))
    return np.where(repeat, expit(-log_odds_dead), 1.0)


def purchases_if_alive(params: BGNBDParams, t: object, frequency: object, T: object) -> np.ndarray:
    """Expected purchases in (T, T + t] for a customer known to be alive at T.

    The paper's formula has ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x-1; z); Euler's
    transformation turns it into (1-z)^(a-1) · 2F1(a+b-1-r, a-1; a+b+x-1; z), whose upper
    parameters stay small for heavy buyers, so the series is stable for any x.
    """
    horizon, x, age = _arrays(t, frequency, T)
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    a = a if abs(a - 1.0) > 1e-7 else 1.0 + 1e-7  # the a = 1 limit is continuous
    one_minus_z = (alpha + age) / (alpha + age + horizon)
    z = horizon / (alpha + age + horizon)
    series = hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)
    return (a + b + x - 1) / (a - 1) * (1 - one_minus_z ** (a - 1) * series)


def expected_purchases(
    params: BGNBDParams, t: object, frequency: object, recency: object, T: object
) -> np.ndarray:
    """E[purchases in the next t periods | x, t_x, T] (paper's equation 10)."""
    return purchases_if_alive(params, t, frequency, T) * prob_alive(
        params, frequency, recency, T)


def expected_purchases_new_customer(params: BGNBDParams, t: object) -> np.ndarray:
    """E[X(t)]: repeat purchases expected in the first t periods after a first purchase."""
    horizon = np.asarray(t, dtype=float)
    zeros = np.zeros_like(horizon)
    return purchases_if_alive(params, horizon, zeros, zeros)
