"""Breakdowns on a workspace that holds only a customers table: means, medians and rates by
group, each checked against plain pandas on the same rows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tools.errors import ToolError
from tools.ingest import load_into_workspace
from tools.profile import breakdown
from tools.result import fact_key
from tools.workspace import Workspace


def test_churn_rate_by_contract_is_the_share_of_yes_within_each_contract(telecom_ws, telecom):
    result = breakdown(telecom_ws, by=["Contract"], metric="rate", measure="Churn")
    expected = (telecom["Churn"] == "Yes").groupby(telecom["Contract"]).mean()
    sizes = telecom["Contract"].value_counts()
    got = result.table.set_index("Contract")
    for contract, rate in expected.items():
        assert got.at[contract, "value"] == pytest.approx(rate)
        assert got.at[contract, "customers"] == sizes[contract]
        assert result.fact(f"value_{fact_key(contract)}") == pytest.approx(rate)
        assert result.fact(f"size_{fact_key(contract)}") == sizes[contract]
    assert result.fact("overall_value") == pytest.approx((telecom["Churn"] == "Yes").mean())
    assert result.fact("top_group") == "Month-to-month"  # planted: 45% against 12% and 3%
    assert result.facts["top_value"].unit == "share"
    assert "share of customers with Churn = Yes" in result.summary
    assert "No orders" not in result.summary


def test_two_column_rate_keeps_both_keys(telecom_ws, telecom):
    result = breakdown(telecom_ws, by=["Contract", "gender"], metric="rate", measure="Churn")
    expected = (telecom["Churn"] == "Yes").groupby([telecom["Contract"], telecom["gender"]]).mean()
    got = result.table.set_index(["Contract", "gender"])["value"]
    assert len(got) == len(expected) == 6
    for key, rate in expected.items():
        assert got[key] == pytest.approx(rate)
    top = result.fact("top_group")
    assert " · " in top and top.split(" · ")[1] in ("Female", "Male")
    assert result.fact(f"value_{fact_key(top)}") == pytest.approx(
        expected[tuple(top.split(" · "))])


def test_mean_and_median_of_customer_columns_by_churn(telecom_ws, telecom):
    mean = breakdown(telecom_ws, by=["Churn"], metric="mean", measure="MonthlyCharges")
    median = breakdown(telecom_ws, by=["Churn"], metric="median", measure="tenure")
    by_churn = telecom.groupby("Churn")
    assert mean.table.set_index("Churn")["value"].to_dict() == pytest.approx(
        by_churn["MonthlyCharges"].mean().to_dict())
    assert median.table.set_index("Churn")["value"].to_dict() == pytest.approx(
        by_churn["tenure"].median().to_dict())
    assert mean.fact("overall_value") == pytest.approx(telecom["MonthlyCharges"].mean())


@pytest.mark.parametrize("values, counted", [
    (lambda s: s == "Yes", "True"),                          # boolean
    (lambda s: (s == "Yes").astype(int), "1"),               # 0/1
    (lambda s: s.map({"Yes": "Churned", "No": "Stayed"}), "Churned"),
    (lambda s: s.map({"Yes": "stayed", "No": "renewed"}), "renewed"),  # the non-negative one
])
def test_a_yes_no_column_written_in_different_ways(make_ws, telecom, values, counted):
    frame = telecom.assign(Churn=values(telecom["Churn"]))
    ws = make_ws(customers=frame)
    result = breakdown(ws, by=["Contract"], metric="rate", measure="Churn")
    flag = frame["Churn"].astype(str) == counted
    if counted == "True":
        flag = frame["Churn"].astype(bool)
    elif counted == "1":
        flag = frame["Churn"] == 1
    expected = flag.groupby(frame["Contract"]).mean()
    assert result.table.set_index("Contract")["value"].to_dict() == pytest.approx(
        expected.to_dict())
    assert f"Churn = {counted}" in result.summary


def test_two_unknown_words_ask_which_counts_then_use_the_answer(make_ws, telecom):
    frame = telecom.assign(Tier=np.where(telecom["tenure"] > 36, "Gold", "Silver"))
    ws = make_ws(customers=frame)
    with pytest.raises(ToolError, match="rate_value"):
        breakdown(ws, by=["Contract"], metric="rate", measure="Tier")
    result = breakdown(ws, by=["Contract"], metric="rate", measure="Tier", rate_value="gold")
    expected = (frame["Tier"] == "Gold").groupby(frame["Contract"]).mean()
    assert result.table.set_index("Contract")["value"].to_dict() == pytest.approx(
        expected.to_dict())
    with pytest.raises(ToolError, match="never holds 'Platinum'"):
        breakdown(ws, by=["Contract"], metric="rate", measure="Tier", rate_value="Platinum")


def test_a_rate_leaves_out_customers_without_a_value_and_says_so(make_ws, telecom):
    frame = telecom.copy()
    frame.loc[frame.index[:50], "Churn"] = None
    ws = make_ws(customers=frame)
    result = breakdown(ws, by=["Contract"], metric="rate", measure="Churn")
    known = frame[frame["Churn"].notna()]
    expected = (known["Churn"] == "Yes").groupby(known["Contract"]).mean()
    assert result.table.set_index("Contract")["value"].to_dict() == pytest.approx(
        expected.to_dict())
    assert result.table["customers"].sum() == len(known)
    assert any("50 customers without a value for Churn" in n for n in result.provenance.notes)


def test_wrong_measures_get_a_way_forward(telecom_ws):
    with pytest.raises(ToolError, match="metric='rate'"):
        breakdown(telecom_ws, by=["Contract"], metric="mean", measure="Churn")
    with pytest.raises(ToolError, match="not a yes/no column"):
        breakdown(telecom_ws, by=["Contract"], metric="rate", measure="MonthlyCharges")
    with pytest.raises(ToolError, match="not a yes/no column"):
        breakdown(telecom_ws, by=["gender"], metric="rate", measure="Contract")
    with pytest.raises(ToolError, match="Say which yes/no column"):
        breakdown(telecom_ws, by=["gender"], metric="rate")


def test_order_figures_on_customers_only_name_what_can_be_asked(telecom_ws):
    with pytest.raises(ToolError) as caught:
        breakdown(telecom_ws, by=["Contract"], metric="count", level="orders")
    message = str(caught.value)
    assert "orders table with a customer id, an order date and an amount" in message
    assert "Churn rate by Contract" in message and "average MonthlyCharges by Churn" in message


# ----- the real public exports ---------------------------------------------------------
@pytest.fixture
def campaign(shared_data: Path, tmp_path: Path) -> tuple[Workspace, pd.DataFrame]:
    ws = Workspace(tmp_path / "campaign")
    load_into_workspace(ws, "customers", shared_data / "marketing_campaign.csv")
    return ws, pd.read_csv(shared_data / "marketing_campaign.csv", sep="\t")


def test_campaign_response_rate_and_income_by_group(campaign):
    ws, raw = campaign
    rate = breakdown(ws, by=["Education"], metric="rate", measure="Response")
    expected = (raw["Response"] == 1).groupby(raw["Education"]).mean()
    assert rate.table.set_index("Education")["value"].to_dict() == pytest.approx(
        expected.to_dict())
    assert rate.fact("overall_value") == pytest.approx(334 / 2240)  # published: 334 responded
    assert "Response = 1" in rate.summary
    income = breakdown(ws, by=["Response"], metric="mean", measure="Income")
    means = raw.groupby("Response")["Income"].mean()  # pandas skips the 24 blanks
    got = income.table.set_index("Response")["value"]
    assert got["0"] == pytest.approx(means[0]) and got["1"] == pytest.approx(means[1])
    two = breakdown(ws, by=["Marital_Status", "Kidhome"], metric="rate", measure="Response")
    pairs = (raw["Response"] == 1).groupby([raw["Marital_Status"], raw["Kidhome"]]).mean()
    table = two.table.assign(Kidhome=two.table["Kidhome"].astype(int))
    got = table.set_index(["Marital_Status", "Kidhome"])["value"]
    assert len(got) == len(pairs)
    for key, value in pairs.items():
        assert got[key] == pytest.approx(value)


def test_mall_spending_by_gender(shared_data: Path, tmp_path: Path):
    ws = Workspace(tmp_path / "mall")
    load_into_workspace(ws, "customers", shared_data / "Mall_Customers.csv")
    raw = pd.read_csv(shared_data / "Mall_Customers.csv")
    result = breakdown(ws, by=["Genre"], metric="mean", measure="Spending Score (1-100)")
    expected = raw.groupby("Genre")["Spending Score (1-100)"].mean()
    assert result.table.set_index("Genre")["value"].to_dict() == pytest.approx(expected.to_dict())
    assert result.table.set_index("Genre")["customers"].to_dict() == {"Female": 112, "Male": 88}


def test_a_rate_with_the_top_groups_folds_the_rest_into_other(make_ws, telecom):
    frame = telecom.assign(city=[f"City {i % 9}" for i in range(len(telecom))])
    result = breakdown(make_ws(customers=frame), by=["city"], metric="rate", measure="Churn",
                       top=3)
    churned = frame["Churn"] == "Yes"
    rates = churned.groupby(frame["city"]).mean()
    kept = rates.sort_values(ascending=False).head(3).index
    got = result.table.set_index("city")["value"]
    assert set(got.index) == {*kept, "Other"}
    for city in kept:
        assert got[city] == pytest.approx(rates[city])
    assert got["Other"] == pytest.approx(churned[~frame["city"].isin(kept)].mean())
