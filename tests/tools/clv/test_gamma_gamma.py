"""Gamma-Gamma: the conditional mean spend shrinks a customer's own mean towards the
population mean, and fitting recovers known parameters from simulated spend."""

from __future__ import annotations

import numpy as np
import pytest

from tools.clv import GammaGammaParams, expected_average_spend, fit_gamma_gamma

PUBLISHED = GammaGammaParams(p=6.25, q=3.74, gamma=15.44)


def test_customers_without_repeat_purchases_get_the_population_mean() -> None:
    prior_mean = 6.25 * 15.44 / (3.74 - 1)  # p·γ / (q − 1)
    got = expected_average_spend(PUBLISHED, [0, 0], [0.0, 0.0])
    assert np.allclose(got, prior_mean)
    assert PUBLISHED.population_mean_spend == pytest.approx(prior_mean)


def test_conditional_mean_is_a_weighted_mix_of_population_and_own_mean() -> None:
    x = np.array([1.0, 2.0, 10.0, 50.0])
    m = np.array([100.0, 20.0, 60.0, 60.0])
    p, q, gamma = PUBLISHED.p, PUBLISHED.q, PUBLISHED.gamma
    weight = p * x / (p * x + q - 1)  # weight on the customer's own mean
    expected = (1 - weight) * p * gamma / (q - 1) + weight * m
    got = expected_average_spend(PUBLISHED, x, m)
    assert np.allclose(got, expected)
    # more purchases, closer to the customer's own mean
    assert abs(got[3] - 60) < abs(got[2] - 60)


def test_fit_recovers_simulated_parameters() -> None:
    rng = np.random.default_rng(1)
    truth = GammaGammaParams(p=4.0, q=5.0, gamma=50.0)
    customers = 20_000
    nu = rng.gamma(truth.q, 1 / truth.gamma, customers)  # per-customer scale
    x = rng.integers(1, 8, customers)
    # mean of x Gamma(p, ν) purchases is Gamma(p·x, ν·x)
    m = rng.gamma(truth.p * x, 1 / (nu * x))
    fitted = fit_gamma_gamma(x, m)
    assert fitted.converged
    assert fitted.p == pytest.approx(truth.p, rel=0.1)
    assert fitted.q == pytest.approx(truth.q, rel=0.1)
    assert fitted.gamma == pytest.approx(truth.gamma, rel=0.15)
    assert fitted.population_mean_spend == pytest.approx(
        truth.p * truth.gamma / (truth.q - 1), rel=0.05)


def test_fit_ignores_customers_without_repeats_and_does_not_depend_on_currency() -> None:
    rng = np.random.default_rng(2)
    x = rng.integers(1, 6, 3_000).astype(float)
    m = rng.gamma(6.0 * x, 1 / (rng.gamma(3.0, 1 / 15.0, 3_000) * x))
    dollars = fit_gamma_gamma(np.r_[x, 0, 0], np.r_[m, 0.0, 0.0])
    cents = fit_gamma_gamma(x, m * 100)
    assert cents.p == pytest.approx(dollars.p, rel=1e-3)
    assert cents.q == pytest.approx(dollars.q, rel=1e-3)
    assert cents.gamma == pytest.approx(dollars.gamma * 100, rel=1e-3)
