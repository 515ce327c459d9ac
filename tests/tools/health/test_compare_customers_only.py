"""Rule segments and comparisons on customer columns only (no orders table), checked with
pandas on the same members."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tools.health import compare_segments
from tools.ingest import load_into_workspace
from tools.rules import define_segment
from tools.workspace import Workspace


def test_rule_segment_against_everyone_else_on_customer_attributes(telecom_ws, telecom):
    saved = define_segment(telecom_ws, name="MtM high",
                           filter='Contract = "Month-to-month" and MonthlyCharges > 70')
    inside = (telecom["Contract"] == "Month-to-month") & (telecom["MonthlyCharges"] > 70)
    assert saved.fact("customers") == inside.sum()

    result = compare_segments(telecom_ws, first="MtM high")
    a, b = telecom[inside], telecom[~inside]
    assert result.fact("a_customers") == len(a) and result.fact("b_customers") == len(b)
    assert result.fact("b_name") == "everyone else"
    assert result.fact("a_mean_monthlycharges") == pytest.approx(a["MonthlyCharges"].mean())
    assert result.fact("b_mean_tenure") == pytest.approx(b["tenure"].mean())
    assert result.fact("a_rate_churn") == pytest.approx((a["Churn"] == "Yes").mean())
    assert result.fact("overall_rate_churn") == pytest.approx((telecom["Churn"] == "Yes").mean())
    assert result.fact("b_share_contract_two_year") == pytest.approx(
        (b["Contract"] == "Two year").mean())
    assert result.fact("a_rate_seniorcitizen") == pytest.approx(a["SeniorCitizen"].mean())
    labels = set(result.table["label"])
    assert "share of customers with Churn = Yes" in labels
    assert not any("email" in label or "customerID" in label for label in labels)
    assert "differ most in" in result.summary
    assert result.fact("biggest_difference") == "share of customers with Churn = Yes"
    assert result.fact("a_biggest") == pytest.approx((a["Churn"] == "Yes").mean())


def test_two_rule_segments_side_by_side(telecom_ws, telecom):
    define_segment(telecom_ws, name="Long stayers", filter="tenure >= 48")
    define_segment(telecom_ws, name="Newcomers", filter="tenure < 12")
    result = compare_segments(telecom_ws, first="Long stayers", second="Newcomers")
    a, b = telecom[telecom["tenure"] >= 48], telecom[telecom["tenure"] < 12]
    assert result.fact("a_customers") == len(a) and result.fact("b_customers") == len(b)
    assert result.fact("a_rate_churn") == pytest.approx((a["Churn"] == "Yes").mean())
    assert result.fact("b_rate_churn") == pytest.approx((b["Churn"] == "Yes").mean())
    row = result.table.set_index("metric").loc["mean_tenure"]
    assert row["difference"] == pytest.approx(a["tenure"].mean() - b["tenure"].mean())
    assert row["a_lift"] == pytest.approx(a["tenure"].mean() / telecom["tenure"].mean())
    # tenure defines both sides, so the summary names the biggest difference beyond it
    assert result.fact("biggest_difference") != "average tenure"
    others = result.table[~result.table["metric"].isin(["customers", "customer_share",
                                                        "mean_tenure"])]
    top = others.loc[others["effect"].abs().idxmax()]
    assert result.fact("biggest_difference") == top["label"]
    assert result.fact("a_biggest") == pytest.approx(top["a"])


def test_with_orders_the_attribute_comparison_comes_as_a_second_table(demo_ws):
    customers = demo_ws.read_dataset("customers").set_index("customer_id")
    define_segment(demo_ws, name="Over fifty", filter="age > 50")
    result = compare_segments(demo_ws, first="Over fifty")
    attributes = result.tables["attributes"].set_index("metric")
    older = customers[customers["age"] > 50]
    assert attributes.at["mean_age", "a"] == pytest.approx(older["age"].mean())
    assert "a_avg_order_value" in result.facts  # the order-based comparison is unchanged


def test_campaign_responders_compared_with_the_rest(shared_data: Path, tmp_path: Path):
    ws = Workspace(tmp_path / "campaign")
    load_into_workspace(ws, "customers", shared_data / "marketing_campaign.csv")
    raw = pd.read_csv(shared_data / "marketing_campaign.csv", sep="\t")
    define_segment(ws, name="High income", filter="Income > 70000")
    result = compare_segments(ws, first="High income")
    rich = raw[raw["Income"] > 70000]
    rest = raw[~(raw["Income"] > 70000)]  # blanks never match a comparison: in the rest
    assert result.fact("a_customers") == len(rich) and result.fact("b_customers") == len(rest)
    assert result.fact("a_rate_response") == pytest.approx(rich["Response"].mean())
    assert result.fact("b_rate_response") == pytest.approx(rest["Response"].mean())
    assert result.fact("a_mean_mntwines") == pytest.approx(rich["MntWines"].mean())
    assert result.fact("b_mean_income") == pytest.approx(rest["Income"].mean())
    assert result.fact("a_share_education_phd") == pytest.approx(
        (rich["Education"] == "PhD").mean())
