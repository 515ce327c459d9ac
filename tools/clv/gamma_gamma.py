"""The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV:
using iso-value curves"; Fader & Hardie 2013, "The Gamma-Gamma model of monetary value").

Each purchase's value is Gamma(p, ν) around a customer's own mean; ν ~ Gamma(q, γ) across
customers. A customer's observed mean spend over x repeat purchases is then shrunk towards
the population mean: the fewer purchases, the more it leans on the population. Only
customers with at least one repeat purchase inform the fit (their mean spend excludes the
first purchase); customers without one get the population mean p·γ / (q - 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln, psi

from tools.clv.bgnbd import MAX_ITERATIONS, settled

_LOG_BOUND = 20.0


@dataclass(frozen=True)
class GammaGammaParams:
    """Fitted Gamma-Gamma parameters; γ is in the currency of the monetary values."""

    p: float
    q: float
    gamma: float
    log_likelihood: float = math.nan
    converged: bool = True

    @property
    def population_mean_spend(self) -> float:
        """E[spend per purchase] for a customer the model knows nothing about (needs q > 1)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else math.nan


def usable(frequency: np.ndarray, monetary: np.ndarray) -> np.ndarray:
    """Customers the spend model can learn from: a repeat purchase and a positive mean spend."""
    return (frequency > 0) & (monetary > 0) & np.isfinite(monetary)


@dataclass(frozen=True)
class _FitData:
    """Repeat customers' x and mean spend m, with the sums the likelihood reuses; the
    gamma functions depend on x alone and are evaluated once per distinct x."""

    x: np.ndarray
    spend_total: np.ndarray  # m · x
    x_values: np.ndarray
    x_counts: np.ndarray
    sum_x_log_m: float
    sum_log_m: float
    sum_x_log_x: float

    @classmethod
    def of(cls, x: np.ndarray, m: np.ndarray) -> _FitData:
        x_values, x_counts = np.unique(x, return_counts=True)
        log_m = np.log(m)
        return cls(x, m * x, x_values, x_counts.astype(float), float(x @ log_m),
                   float(log_m.sum()), float(x @ np.log(x)))


def _negative_log_likelihood(log_params: np.ndarray, data: _FitData
                             ) -> tuple[float, np.ndarray]:
    """−Σ log L and its gradient in log-parameters, where per customer
    log L = log Γ(px+q) − log Γ(px) − log Γ(q) + q log γ + (px−1) log m + px log x
            − (px+q) log(γ + m x)."""
    p, q, gamma = np.exp(log_params)
    xv, n_x, n = data.x_values, data.x_counts, float(len(data.x))
    pxv = p * xv
    log_total = np.log(gamma + data.spend_total)
    shape = p * data.x + q
    ll = (n_x @ (gammaln(pxv + q) - gammaln(pxv)) - n * gammaln(q) + n * q * np.log(gamma)
          + p * (data.sum_x_log_m + data.sum_x_log_x) - data.sum_log_m - shape @ log_total)
    psi_total = psi(pxv + q)
    d_p = (n_x @ (xv * (psi_total - psi(pxv))) + data.sum_x_log_m + data.sum_x_log_x
           - data.x @ log_total)
    d_q = n_x @ psi_total - n * psi(q) + n * np.log(gamma) - log_total.sum()
    d_gamma = n * q / gamma - (shape / (gamma + data.spend_total)).sum()
    grad = np.array([d_p, d_q, d_gamma]) * np.exp(log_params)
    return -float(ll), -grad


def gamma_gamma_log_likelihood(
    params: GammaGammaParams, frequency: object, monetary: object
) -> np.ndarray:
    """Each repeat customer's log-likelihood of their mean spend (x > 0, m > 0 only)."""
    x = np.asarray(frequency, dtype=float)
    m = np.asarray(monetary, dtype=float)
    p, q, gamma = params.p, params.q, params.gamma
    return (gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(gamma)
            + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(gamma + m * x))


def fit_gamma_gamma(frequency: object, monetary: object) -> GammaGammaParams:
    """Maximum-likelihood p, q, γ from repeat customers' frequency and mean repeat spend.

    Customers without a repeat purchase or with a non-positive mean are left out. Money is
    rescaled to a median of 1 while fitting (p and q do not depend on the currency unit).
    """
    x = np.asarray(frequency, dtype=float)
    m = np.asarray(monetary, dtype=float)
    keep = usable(x, m)
    if not keep.any():
        raise ValueError("no customer with a repeat purchase of positive value")
    x, m = x[keep], m[keep]
    scale = 1.0 / float(np.median(m))
    fitted = minimize(
        _negative_log_likelihood, np.zeros(3), args=(_FitData.of(x, m * scale),), jac=True,
        method="L-BFGS-B", bounds=[(-_LOG_BOUND, _LOG_BOUND)] * 3,
        options={"maxiter": MAX_ITERATIONS, "gtol": 1e-8, "ftol": 1e-13},
    )
    p, q, gamma_scaled = np.exp(fitted.x)
    params = GammaGammaParams(float(p), float(q), float(gamma_scaled / scale))
    log_likelihood = float(gamma_gamma_log_likelihood(params, x, m).sum())
    return GammaGammaParams(params.p, params.q, params.gamma, log_likelihood,
                            settled(fitted))


def expected_average_spend(
    params: GammaGammaParams, frequency: object, monetary: object
) -> np.ndarray:
    """E[spend per future purchase | x, mean spend]: p(γ + x·m) / (p·x + q - 1).

    A weighted mix of the population mean p·γ/(q-1) and the customer's own mean; with x = 0
    it is exactly the population mean.
    """
    x = np.asarray(frequency, dtype=float)
    m = np.nan_to_num(np.asarray(monetary, dtype=float), nan=0.0)
    x = np.where(m > 0, x, 0.0)  # a zero or missing mean carries no information about spend
    p, q, gamma = params.p, params.q, params.gamma
    return p * (gamma + x * m) / (p * x + q - 1)
