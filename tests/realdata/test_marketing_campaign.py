"""A marketing-response table with day-first dates: a grocer's 1,000 customers.

One row per customer (tab-separated): demographics, spend per category, purchases per
channel, responses to campaigns (0/1) and the signup date `Dt_Customer` as `dd-mm-yyyy`.
Response questions are rates of a 0/1 column within groups.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from .conftest import FIXTURES, Loaded, answer_tables, assert_by_group, key_number

FILE = "marketing_campaign_responses.tsv"
DATE_FORMAT = "%d-%m-%Y"


@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    frame = pd.read_csv(FIXTURES / FILE, sep="\t")
    frame["joined"] = pd.to_datetime(frame["Dt_Customer"], format=DATE_FORMAT)
    return frame


@pytest.fixture(scope="module")
def grocer(load: Callable[..., Loaded]) -> Loaded:
    return load(FILE, "customers")


def test_roles_and_every_signup_date_read_day_first(grocer: Loaded, truth: pd.DataFrame) -> None:
    assert f"{len(truth):,} rows read, {len(truth):,} kept" in grocer.report
    assert grocer.role("ID") == "customer_id"
    assert grocer.role("Dt_Customer") == "date"
    assert grocer.role("Education") == grocer.role("Marital_Status") == "categorical"
    assert grocer.role("Income") == "numeric"
    assert grocer.role("Response") == "boolean"
    assert grocer.stored()["Dt_Customer"].tolist() == truth["joined"].tolist()


def test_overview_counts_customers_and_gives_the_signup_span(grocer: Loaded,
                                                             truth: pd.DataFrame) -> None:
    answer = grocer.ask("how many customers do we have")
    assert key_number(answer, "customers") == truth["ID"].nunique()
    table = next(t for t in answer_tables(answer) if "first_date" in t.columns)
    row = table[table["dataset"] == grocer.dataset].iloc[0]
    assert pd.Timestamp(row["first_date"]) == truth["joined"].min()
    assert pd.Timestamp(row["last_date"]) == truth["joined"].max()


def test_customers_by_marital_status(grocer: Loaded, truth: pd.DataFrame) -> None:
    answer = grocer.ask("break down customers by Marital_Status")
    assert_by_group(answer, truth["Marital_Status"].value_counts())


def test_customers_by_education(grocer: Loaded, truth: pd.DataFrame) -> None:
    answer = grocer.ask("how many customers by Education")
    assert_by_group(answer, truth["Education"].value_counts())


def test_share_of_customers_who_responded(grocer: Loaded, truth: pd.DataFrame) -> None:
    """Either a table of both sides or a sentence with the responders' share is right."""
    answer = grocer.ask("what share of customers have Response")
    expected = truth["Response"].value_counts(normalize=True)
    if f"{expected[1]:.1%}" not in answer.text:
        assert_by_group(answer, expected, percent_ok=True)


def test_response_rate_by_education(grocer: Loaded, truth: pd.DataFrame) -> None:
    answer = grocer.ask("response rate by Education")
    assert_by_group(answer, truth.groupby("Education")["Response"].mean(), percent_ok=True)


def test_response_rate_by_education_in_chinese(grocer: Loaded, truth: pd.DataFrame) -> None:
    answer = grocer.ask("按 Education 统计 Response 的比例")
    assert_by_group(answer, truth.groupby("Education")["Response"].mean(), percent_ok=True)


def test_average_income_by_marital_status(grocer: Loaded, truth: pd.DataFrame) -> None:
    answer = grocer.ask("average Income by Marital_Status")
    assert_by_group(answer, truth.groupby("Marital_Status")["Income"].mean())


def test_total_wine_spend_by_education(grocer: Loaded, truth: pd.DataFrame) -> None:
    answer = grocer.ask("total MntWines by Education")
    assert_by_group(answer, truth.groupby("Education")["MntWines"].sum())


def test_customers_who_joined_each_year(grocer: Loaded, truth: pd.DataFrame) -> None:
    answer = grocer.ask("how many customers joined each year")
    assert_by_group(answer, truth["joined"].dt.year.astype(str).value_counts())


def test_the_report_shows_outlying_birth_years(grocer: Loaded, truth: pd.DataFrame) -> None:
    oldest = int(truth["Year_Birth"].min())
    assert "Year_Birth" in grocer.report and str(oldest) in grocer.report


def test_clustering_covers_every_customer(grocer: Loaded, truth: pd.DataFrame) -> None:
    answer = grocer.ask("cluster customers into personas")
    table = next(t for t in answer_tables(answer) if "segment" in t.columns)
    assert int(table["customers"].sum()) == len(truth)


def test_clustering_states_its_minimum_cluster_size(grocer: Loaded) -> None:
    answer = grocer.ask("cluster customers into personas")
    text = answer.text.lower()
    assert "minimum" in text or "at least" in text, answer.text
