"""A customers-only table with a churn label: a bank's 2,000 customers, `Exited` 0/1.

No orders table exists, so every answer must come from the customer attributes: counts,
means, medians and rates per group, with the churn column used for churn questions.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from .conftest import (
    FIXTURES,
    Loaded,
    answer_tables,
    assert_by_group,
    key_number,
    number_shown,
    numbers_in,
)

FILE = "bank_churn_customers.csv"


@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / FILE, dtype={"CustomerId": str})


@pytest.fixture(scope="module")
def bank(load: Callable[..., Loaded]) -> Loaded:
    return load(FILE, "customers")


def test_the_report_counts_every_row_and_finds_the_id_and_the_label(bank: Loaded,
                                                                    truth: pd.DataFrame) -> None:
    assert f"{len(truth):,} rows read, {len(truth):,} kept" in bank.report
    assert bank.role("CustomerId") == "customer_id"
    assert bank.role("Geography") == bank.role("Gender") == "categorical"
    assert bank.role("Balance") == bank.role("Age") == "numeric"
    assert bank.role("Exited") in ("boolean", "label", "churn")
    assert bank.ui.which == "mine"
    stored = bank.stored()
    assert len(stored) == len(truth)
    assert stored["CustomerId"].astype(str).tolist() == truth["CustomerId"].tolist()


def test_how_many_customers(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("how many customers do we have")
    assert key_number(answer, "customers") == truth["CustomerId"].nunique()


def test_share_of_customers_who_exited(bank: Loaded, truth: pd.DataFrame) -> None:
    """Either a table of both sides or a sentence with the exited share is right."""
    answer = bank.ask("what share of customers have exited")
    expected = truth["Exited"].value_counts(normalize=True).sort_index()
    if f"{expected[1]:.1%}" not in answer.text:
        assert_by_group(answer, expected, percent_ok=True)


def test_churn_rate_by_geography(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("churn rate by Geography")
    assert_by_group(answer, truth.groupby("Geography")["Exited"].mean(), percent_ok=True)


def test_churn_rate_by_gender_in_chinese(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("按 Gender 统计流失率")
    assert_by_group(answer, truth.groupby("Gender")["Exited"].mean(), percent_ok=True)


def test_average_balance_by_exited(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("average Balance by Exited")
    assert_by_group(answer, truth.groupby("Exited")["Balance"].mean())


def test_median_credit_score_by_gender(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("median CreditScore by Gender")
    assert_by_group(answer, truth.groupby("Gender")["CreditScore"].median())


def test_customers_by_geography(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("how many customers in each Geography")
    assert_by_group(answer, truth["Geography"].value_counts())


def test_average_age_by_geography_in_chinese(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("各 Geography 客户的平均 Age")
    assert_by_group(answer, truth.groupby("Geography")["Age"].mean())


def test_clustering_covers_every_customer(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("group our customers into personas")
    assert answer.kind == "answer", answer.text
    sized = [t for t in answer_tables(answer) if "customers" in t.columns]
    assert sized, answer.text
    assert int(sized[0]["customers"].sum()) == len(truth)


def test_the_answer_names_the_workspace_and_dataset(bank: Loaded) -> None:
    answer = bank.ask("how many customers do we have")
    assert bank.ui.workspace.name in answer.text and bank.dataset in answer.text


def test_compare_exited_with_stayed(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("compare customers who exited with those who stayed")
    assert answer.kind == "answer", answer.text
    for exited, group in truth.groupby("Exited"):
        assert number_shown(answer, group["Age"].mean()), f"mean Age of Exited={exited}"
        assert number_shown(answer, group["Balance"].mean()), f"mean Balance of Exited={exited}"


def test_personas_of_the_customers_who_exited(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("draft personas for the customers who exited")
    assert answer.kind == "answer" and answer.files, answer.text
    assert int(truth["Exited"].sum()) in numbers_in(answer.text)


def test_a_question_that_needs_orders_says_so_and_offers_what_works(bank: Loaded) -> None:
    answer = bank.ask("RFM segments")
    assert answer.kind in ("error", "refuse", "clarify") and "order" in answer.text.lower()
    assert answer.suggestions
    for suggestion in answer.suggestions:
        followed = bank.ask(suggestion)
        assert followed.kind == "answer", f"{suggestion!r}: {followed.text}"
