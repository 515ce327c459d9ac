"""BG/NBD: closed-form predictions match the paper's formulas; fitting recovers known
parameters from simulated customers."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import beta, gamma, hyp2f1

from tools.clv import BGNBDParams, expected_purchases, fit_bgnbd, prob_alive
from tools.clv.bgnbd import bgnbd_log_likelihood

PUBLISHED = BGNBDParams(r=0.243, alpha=4.414, a=0.793, b=2.426)

# (x, t_x, T) from light to heavy buyers, recent and lapsed
CUSTOMERS = np.array([
    [0, 0.0, 38.86], [1, 2.0, 30.0], [2, 30.43, 38.86], [5, 10.0, 38.0],
    [5, 37.0, 38.0], [12, 20.0, 70.0], [25, 60.0, 61.0],
])


def paper_prob_alive(p: BGNBDParams, x: np.ndarray, t_x: np.ndarray, T: np.ndarray
                     ) -> np.ndarray:
    """Equation (13) of Fader, Hardie & Lee (2005), written directly."""
    odds = np.where(x > 0, p.a / (p.b + x - 1) * ((p.alpha + T) / (p.alpha + t_x)) ** (p.r + x),
                    0.0)
    return 1 / (1 + odds)


def paper_expected(p: BGNBDParams, t: float, x: np.ndarray, t_x: np.ndarray, T: np.ndarray
                   ) -> np.ndarray:
    """Equation (10), with the Gaussian hypergeometric function as printed."""
    z = t / (p.alpha + T + t)
    bracket = 1 - ((p.alpha + T) / (p.alpha + T + t)) ** (p.r + x) * hyp2f1(
        p.r + x, p.b + x, p.a + p.b + x - 1, z)
    return (p.a + p.b + x - 1) / (p.a - 1) * bracket * paper_prob_alive(p, x, t_x, T)


def test_prob_alive_matches_the_paper_formula() -> None:
    x, t_x, T = CUSTOMERS.T
    got = prob_alive(PUBLISHED, x, t_x, T)
    assert np.allclose(got, paper_prob_alive(PUBLISHED, x, t_x, T), rtol=1e-10)
    assert got[0] == 1.0  # no repeat purchase: the model cannot have seen a drop-out
    assert got[3] < got[4]  # same frequency, the more recent buyer is likelier alive


@pytest.mark.parametrize("horizon", [1.0, 13.0, 39.0, 104.0])
def test_expected_purchases_match_the_paper_formula(horizon: float) -> None:
    x, t_x, T = CUSTOMERS.T
    got = expected_purchases(PUBLISHED, horizon, x, t_x, T)
    assert np.allclose(got, paper_expected(PUBLISHED, horizon, x, t_x, T), rtol=1e-8)


def test_expected_purchases_stay_finite_for_heavy_buyers_over_long_horizons() -> None:
    params = BGNBDParams(r=2.5, alpha=20.8, a=1.41, b=178.8)  # the demo company's fit
    x = np.array([0.0, 50.0, 120.0, 300.0])
    just_bought = np.full(4, 160.0)
    got = expected_purchases(params, 260.0, x, just_bought, just_bought)
    assert np.isfinite(got).all()
    assert np.all(np.diff(got) > 0)  # more past purchases, more expected
    assert np.allclose(got, paper_expected(params, 260.0, x, just_bought, just_bought))


def test_fitted_likelihood_is_the_sum_of_the_customer_terms() -> None:
    x, t_x, T = CUSTOMERS.T
    r, alpha, a, b = PUBLISHED.r, PUBLISHED.alpha, PUBLISHED.a, PUBLISHED.b
    a1 = beta(a, b + x) / beta(a, b) * gamma(r + x) * alpha**r / (
        gamma(r) * (alpha + T) ** (r + x))
    a2 = np.where(x > 0, beta(a + 1, np.maximum(b + x - 1, 1e-9)) / beta(a, b) * gamma(r + x)
                  * alpha**r / (gamma(r) * (alpha + t_x) ** (r + x)), 0.0)
    assert np.allclose(bgnbd_log_likelihood(PUBLISHED, x, t_x, T), np.log(a1 + a2))


def simulate(params: BGNBDParams, customers: int, horizon: float, seed: int = 0
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Customers who start at random times and buy/drop out as BG/NBD assumes."""
    rng = np.random.default_rng(seed)
    rate = rng.gamma(params.r, 1 / params.alpha, customers)
    drop = rng.beta(params.a, params.b, customers)
    T = rng.uniform(0.2, 1.0, customers) * horizon
    most = 200
    arrivals = np.cumsum(rng.exponential(1.0, (customers, most)) / rate[:, None], axis=1)
    repeats_while_alive = rng.geometric(drop)  # drop out right after this repeat purchase
    seen = (arrivals <= T[:, None]).sum(axis=1)
    x = np.minimum(seen, repeats_while_alive)
    last = np.where(x > 0, arrivals[np.arange(customers), np.maximum(x - 1, 0)], 0.0)
    return x.astype(float), last, T


def test_fit_recovers_simulated_parameters() -> None:
    truth = BGNBDParams(r=0.8, alpha=6.0, a=1.2, b=4.0)
    x, t_x, T = simulate(truth, 20_000, horizon=52.0)
    fitted = fit_bgnbd(x, t_x, T)
    assert fitted.converged
    assert fitted.r / fitted.alpha == pytest.approx(truth.r / truth.alpha, rel=0.1)
    assert fitted.a / (fitted.a + fitted.b) == pytest.approx(truth.a / (truth.a + truth.b),
                                                              rel=0.15)
    assert fitted.r == pytest.approx(truth.r, rel=0.2)


def test_fit_does_not_depend_on_the_time_unit() -> None:
    x, t_x, T = simulate(PUBLISHED, 5_000, horizon=39.0, seed=3)
    weeks = fit_bgnbd(x, t_x, T)
    days = fit_bgnbd(x, t_x * 7, T * 7)
    assert days.r == pytest.approx(weeks.r, rel=1e-3)
    assert days.alpha == pytest.approx(weeks.alpha * 7, rel=1e-3)
    assert days.b == pytest.approx(weeks.b, rel=1e-3)
