"""Conditions named in a question are applied to the bank's customers, or said first.

Each question combines a computation with conditions (a country, a gender, a yes/no column,
a number, an or-list, an exclusion, a place the data does not hold), in English and Chinese.
Expected values come from pandas on the fixture, filtered as the question says.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from .conftest import FIXTURES, Loaded, assert_by_group, numbers_in

FILE = "bank_churn_customers.csv"


@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / FILE, dtype={"CustomerId": str})


@pytest.fixture(scope="module")
def bank(load: Callable[..., Loaded]) -> Loaded:
    return load(FILE, "customers")


def churn_by(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame.groupby(column)["Exited"].mean()


@pytest.mark.parametrize("question", [
    "among women in Germany, what is the churn rate by number of products",
    "德国女性客户按产品数量的流失率是多少",
])
def test_country_and_gender_scope_a_churn_rate(bank: Loaded, truth: pd.DataFrame,
                                               question: str) -> None:
    answer = bank.ask(question)
    scope = truth[(truth["Geography"] == "Germany") & (truth["Gender"] == "Female")]
    assert len(scope) in numbers_in(answer.text), answer.text
    assert_by_group(answer, churn_by(scope, "NumOfProducts"), percent_ok=True)


def test_a_yes_no_column_after_for_is_a_condition_not_a_group(bank: Loaded,
                                                               truth: pd.DataFrame) -> None:
    answer = bank.ask("average balance by geography for active members")
    scope = truth[truth["IsActiveMember"] == 1]
    assert_by_group(answer, scope.groupby("Geography")["Balance"].mean())


def test_a_negated_yes_no_column(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("churn rate for customers without a credit card by geography")
    assert_by_group(answer, churn_by(truth[truth["HasCrCard"] == 0], "Geography"),
                    percent_ok=True)


def test_inactive_members_in_a_country_are_counted(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("how many customers in France are inactive members")
    expected = int(((truth["Geography"] == "France") & (truth["IsActiveMember"] == 0)).sum())
    assert expected in numbers_in(answer.text), answer.text


def test_an_or_list_is_either_value(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("how many customers are in Germany or Spain")
    expected = int(truth["Geography"].isin(["Germany", "Spain"]).sum())
    assert expected in numbers_in(answer.text), answer.text


def test_an_excluded_value_is_left_out(bank: Loaded, truth: pd.DataFrame) -> None:
    answer = bank.ask("churn rate by gender excluding France")
    assert_by_group(answer, churn_by(truth[truth["Geography"] != "France"], "Gender"),
                    percent_ok=True)


@pytest.mark.parametrize(("question", "keep"), [
    ("churn rate by gender for customers with a balance above 100000",
     lambda t: t["Balance"] > 100_000),
    ("余额超过10万的客户按性别的流失率", lambda t: t["Balance"] > 100_000),
    ("churn rate by gender for customers with more than 2 products",
     lambda t: t["NumOfProducts"] > 2),
])
def test_a_comparison_on_a_number_column(bank: Loaded, truth: pd.DataFrame, question: str,
                                         keep: Callable[[pd.DataFrame], pd.Series]) -> None:
    answer = bank.ask(question)
    assert_by_group(answer, churn_by(truth[keep(truth)], "Gender"), percent_ok=True)


def test_a_number_condition_is_not_the_number_asked_about(bank: Loaded,
                                                          truth: pd.DataFrame) -> None:
    answer = bank.ask("average balance by gender for customers with a credit score between "
                      "600 and 700")
    scope = truth[truth["CreditScore"].between(600, 700)]
    assert_by_group(answer, scope.groupby("Gender")["Balance"].mean())


@pytest.mark.parametrize("question", ["women over 50: churn rate by geography",
                                      "50岁以上的女性客户按国家的流失率"])
def test_an_age_bound_said_of_people(bank: Loaded, truth: pd.DataFrame, question: str) -> None:
    answer = bank.ask(question)
    scope = truth[(truth["Age"] > 50) & (truth["Gender"] == "Female")]
    assert_by_group(answer, churn_by(scope, "Geography"), percent_ok=True)


@pytest.mark.parametrize(("question", "place"), [("churn rate in Japan by gender", "Japan"),
                                                 ("日本客户的流失率按性别", "日本")])
def test_a_place_the_data_does_not_hold_is_asked_back(bank: Loaded, question: str,
                                                      place: str) -> None:
    answer = bank.ask(question)
    assert answer.kind == "clarify", answer.text
    first = answer.text.split("\n")[-1] if "\n" in answer.text else answer.text
    assert place in first and "Germany" in first and "Spain" in first
    assert answer.suggestions and all("Japan" not in s for s in answer.suggestions)


def test_a_missing_place_beside_a_present_one_is_said_first(bank: Loaded,
                                                            truth: pd.DataFrame) -> None:
    answer = bank.ask("churn rate by gender for customers in Germany or Japan")
    body = [line for line in answer.text.split("\n\n", 1)[-1].split("\n") if line.strip()]
    assert "Japan" in body[0] and "Germany" in body[0], answer.text
    assert_by_group(answer, churn_by(truth[truth["Geography"] == "Germany"], "Gender"),
                    percent_ok=True)
