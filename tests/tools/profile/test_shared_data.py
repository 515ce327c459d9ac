"""The profile tools on real public files agree with pandas on the raw file."""

from __future__ import annotations

import pandas as pd
import pytest

from tools.ingest import load_into_workspace
from tools.profile import breakdown, distribution
from tools.workspace import Workspace


@pytest.fixture
def mall(shared_data, tmp_path) -> tuple[Workspace, pd.DataFrame]:
    ws = Workspace(tmp_path / "mall")
    load_into_workspace(ws, "customers", shared_data / "Mall_Customers.csv")
    return ws, pd.read_csv(shared_data / "Mall_Customers.csv")


@pytest.fixture
def campaign(shared_data, tmp_path) -> tuple[Workspace, pd.DataFrame]:
    ws = Workspace(tmp_path / "campaign")
    load_into_workspace(ws, "customers", shared_data / "marketing_campaign.csv")
    return ws, pd.read_csv(shared_data / "marketing_campaign.csv", sep="\t")


def test_mall_mean_spending_score_by_gender(mall) -> None:
    ws, raw = mall
    result = breakdown(ws, by="Genre", metric="mean", measure="Spending Score (1-100)")
    expected = raw.groupby("Genre")["Spending Score (1-100)"].mean()
    got = dict(zip(result.table["Genre"], result.table["value"], strict=True))
    assert got == pytest.approx(expected.to_dict())
    assert result.fact("overall_value") == pytest.approx(raw["Spending Score (1-100)"].mean())
    assert list(result.table["customers"]) == list(raw["Genre"].value_counts()[list(got)])


def test_mall_income_bands_cover_every_customer(mall) -> None:
    ws, raw = mall
    result = breakdown(ws, by="Annual Income (k$)", metric="count")
    assert result.table["value"].sum() == len(raw)
    assert 3 <= len(result.table) <= 6


@pytest.mark.parametrize("column", ["Education", "Marital_Status"])
def test_campaign_category_counts_match_value_counts(campaign, column: str) -> None:
    ws, raw = campaign
    result = distribution(ws, column=column)
    expected = raw[column].value_counts()
    got = dict(zip(result.table[column], result.table["count"], strict=True))
    assert got == expected.to_dict()
    assert result.fact("most_common") == expected.index[0]


def test_campaign_signup_year_counts(campaign) -> None:
    ws, raw = campaign
    signup = pd.to_datetime(raw["Dt_Customer"], dayfirst=True)
    result = breakdown(ws, by="Dt_Customer:year", metric="count")
    got = dict(zip(result.table["Dt_Customer (year)"], result.table["value"], strict=True))
    assert got == {str(y): n for y, n in signup.dt.year.value_counts().items()}
