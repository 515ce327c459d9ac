"""Fixtures for tools tests: a planted customers-only workspace (telecom style: contract,
monthly charge, churn flag), with no orders table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tools.workspace import Workspace

CONTRACTS = ("Month-to-month", "One year", "Two year")
CHURN_BY_CONTRACT = {"Month-to-month": 0.45, "One year": 0.12, "Two year": 0.03}


def telecom_customers(n: int = 600, seed: int = 3) -> pd.DataFrame:
    """One row per customer; churn depends on the contract, charges on the contract too."""
    rng = np.random.default_rng(seed)
    contract = rng.choice(CONTRACTS, n, p=[0.55, 0.25, 0.20])
    churn = rng.random(n) < np.vectorize(CHURN_BY_CONTRACT.get)(contract)
    charges = np.where(contract == "Month-to-month", rng.normal(80, 12, n),
                       rng.normal(55, 15, n)).round(2)
    return pd.DataFrame({
        "customerID": [f"C{i:05d}" for i in range(n)],
        "email": [f"person{i}@example.com" for i in range(n)],
        "gender": rng.choice(["Female", "Male"], n),
        "Contract": contract,
        "tenure": rng.integers(0, 72, n),
        "MonthlyCharges": charges,
        "SeniorCitizen": (rng.random(n) < 0.16).astype(int),
        "Churn": np.where(churn, "Yes", "No"),
    })


@pytest.fixture
def telecom() -> pd.DataFrame:
    return telecom_customers()


@pytest.fixture
def telecom_ws(make_ws, telecom: pd.DataFrame) -> Workspace:
    """Only a customers table: no orders, so every answer comes from customer columns."""
    return make_ws(customers=telecom)
