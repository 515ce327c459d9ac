"""Yes/no labels are found by their values, and a question's words by the schema's names."""

from __future__ import annotations

import pandas as pd
import pytest

from assistant.brains.local.context import Schema
from assistant.brains.local.flags import flag_of
from assistant.brains.local.labels import customer_columns_in, label_in


@pytest.mark.parametrize(("values", "positive", "negative", "rule"), [
    (["Yes", "No", "No", None], "Yes", "No", 'Churn = "Yes"'),
    ([1, 0, 0, 1], 1, 0, "Churn = 1"),
    ([True, False, False], True, False, "Churn = true"),
    (["Churned", "Stayed", "Stayed"], "Churned", "Stayed", 'Churn = "Churned"'),
    (["是", "否"], "是", "否", 'Churn = "是"'),
])
def test_a_two_valued_yes_no_column_is_a_label(values, positive, negative, rule):
    flag = flag_of("Churn", pd.Series(values))
    assert flag is not None
    assert (flag.positive, flag.negative) == (positive, negative)
    assert flag.condition() == rule


@pytest.mark.parametrize("values", [["Stayed", "Churned", "Joined"], ["A", "B"], [1, 2],
                                    ["Yes", "Yes"], [0.5, 1.0]])
def test_other_columns_are_not_labels(values):
    assert flag_of("Churn", pd.Series(values)) is None


def test_a_column_name_with_spaces_is_quoted_in_the_rule():
    flag = flag_of("Has churned", pd.Series(["yes", "no"]))
    assert flag is not None and flag.condition(False) == '`Has churned` = "no"'


def schema_with(**columns: list) -> Schema:
    schema = Schema(customers="customers")
    for name, values in columns.items():
        flag = flag_of(name, pd.Series(values))
        if flag is not None:
            schema.flags.append(flag)
    return schema


@pytest.mark.parametrize(("text", "column", "yes"), [
    ("how many customers churned", "Exited", True),
    ("流失客户有多少", "Exited", True),
    ("customers who did not churn", "Exited", False),
    ("retained customers", "Exited", False),
    ("response rate by education", "Response", True),
])
def test_a_concept_word_finds_the_label_by_its_name(text, column, yes):
    schema = schema_with(Exited=[0, 1], Response=[1, 0], SeniorCitizen=[0, 1])
    mention = label_in(text, schema)
    assert mention is not None and mention.flag.column == column and mention.yes is yes


def test_no_label_no_mention():
    assert label_in("how many customers churned", schema_with(SeniorCitizen=[0, 1])) is None


def test_column_names_are_matched_by_their_words():
    columns = ["MonthlyCharges", "TotalCharges", "tenure", "PaymentMethod"]
    assert customer_columns_in("average monthly charge", columns)[0].column == "MonthlyCharges"
    assert customer_columns_in("by payment method", columns)[0].column == "PaymentMethod"
    assert customer_columns_in("平均月费", columns)[0].column == "MonthlyCharges"
    assert customer_columns_in("by status", ["customer_status"]) == []


def test_a_status_column_with_a_churned_value_is_a_label_on_that_value():
    from assistant.brains.local.flags import status_flag_of

    flag = status_flag_of("Customer Status", pd.Series(["Stayed", "Churned", "Joined"] * 5))
    assert flag is not None and flag.positive == "Churned" and flag.is_status
    assert flag.condition() == '`Customer Status` = "Churned"'
    assert flag.condition(False) == '`Customer Status` != "Churned"'
    schema = Schema(customers="customers", flags=[flag])
    mention = label_in("churn rate by contract", schema)
    assert mention is not None and mention.flag is flag
    assert status_flag_of("Plan", pd.Series(["Basic", "Plus", "Pro"])) is None


def test_a_money_word_finds_a_money_column_by_a_sibling_word():
    hits = customer_columns_in("average fee by plan", ["MonthlyCharges", "tenure", "Age"])
    assert [h.column for h in hits] == ["MonthlyCharges"]
    spend = customer_columns_in("mean spend by education", ["MntWines", "MntFruits", "Income"])
    assert {h.column for h in spend} == {"MntWines", "MntFruits"}
    assert spend[0].score == spend[1].score, "two money columns tie: the brain asks which"


def test_a_phrase_names_a_column_only_when_all_its_telling_words_are_in_the_name():
    from assistant.brains.local.labels import column_named

    columns = ["company_size", "PaymentMethod", "Contract"]
    assert column_named("payment method", columns) == "PaymentMethod"
    assert column_named("合同类型", columns) == "Contract"
    assert column_named("shoe size", columns) is None
