"""A customers-only workspace: the brain answers from the columns the table has.

Two planted tables, generated here: a telecom export (Churn Yes/No, Contract, PaymentMethod,
MonthlyCharges, TotalCharges, tenure) and a bank export (Exited 0/1, Geography, Balance).
Neither has orders. For each question the test checks the tool the brain chose, its
settings, and the numbers of the answer against a pandas computation written here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assistant.agent import respond
from assistant.events import Answer, ToolFinished, ToolStarted
from assistant.session import Session
from assistant.settings import BrainSettings
from tools.ingest import describe_table
from tools.workspace import Workspace

CHURN_BY_CONTRACT = {"Month-to-month": 0.45, "One year": 0.12, "Two year": 0.03}


def telecom_frame(n: int = 400) -> pd.DataFrame:
    """Churn planted per contract; charges and tenure drawn from fixed seeds."""
    rng = np.random.default_rng(15)
    contract = rng.choice(list(CHURN_BY_CONTRACT), n, p=[0.5, 0.3, 0.2])
    churn = rng.random(n) < pd.Series(contract).map(CHURN_BY_CONTRACT).to_numpy()
    monthly = np.round(rng.uniform(20, 110, n) + churn * 15, 2)
    tenure = rng.integers(1, 72, n)
    return pd.DataFrame({
        "customerID": [f"{i:04d}-TELC" for i in range(n)],
        "gender": rng.choice(["Female", "Male"], n),
        "tenure": tenure,
        "Contract": contract,
        "PaymentMethod": rng.choice(["Electronic check", "Mailed check", "Credit card"], n),
        "MonthlyCharges": monthly,
        "TotalCharges": np.round(monthly * tenure, 2),
        "Churn": np.where(churn, "Yes", "No"),
    })


def bank_frame(n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    geography = rng.choice(["France", "Germany", "Spain"], n, p=[0.5, 0.25, 0.25])
    exited = (rng.random(n) < np.where(geography == "Germany", 0.35, 0.15)).astype(int)
    return pd.DataFrame({
        "CustomerId": np.arange(15600000, 15600000 + n),
        "Geography": geography,
        "Age": rng.integers(18, 80, n),
        "Balance": np.round(rng.uniform(0, 200000, n), 2),
        "Exited": exited,
    })


def workspace_of(root: Path, name: str, frame: pd.DataFrame) -> Workspace:
    """A workspace holding one customers table, with the roles ingestion gives it."""
    ws = Workspace(root, name=name)
    report = describe_table(frame, source="customers")
    ws.save_dataset("customers", frame, {"roles": dict(report.roles),
                                         "report": report.to_dict()})
    return ws


@pytest.fixture
def telecom(tmp_path: Path) -> tuple[Workspace, pd.DataFrame]:
    frame = telecom_frame()
    return workspace_of(tmp_path / "telecom", "Telecom export", frame), frame


@pytest.fixture
def bank(tmp_path: Path) -> tuple[Workspace, pd.DataFrame]:
    frame = bank_frame()
    return workspace_of(tmp_path / "bank", "Bank export", frame), frame


def ask(ws: Workspace, question: str) -> tuple[list[ToolStarted], Answer]:
    """One question in a new conversation: the tool calls started, and the answer."""
    events = list(respond(Session(ws, settings=BrainSettings(brain="local")), question))
    answer = events[-1]
    assert isinstance(answer, Answer)
    return [e for e in events if isinstance(e, ToolStarted)], answer


def calls(started: list[ToolStarted]) -> list[tuple[str, dict]]:
    return [(s.tool, s.arguments) for s in started]


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def finished_ok(answer: Answer) -> None:
    failed = [c.message for c in answer.tool_calls if not c.ok]
    assert not failed and answer.kind == "answer", (failed, answer.text)


# -- churn questions use the label column ---------------------------------------------
@pytest.mark.parametrize("question", ["churn rate by contract", "流失率按合同类型",
                                      "share of customers who churned by contract"])
def test_churn_rate_by_a_column_is_a_rate_of_the_label(telecom, question):
    ws, _ = telecom
    started, _ = ask(ws, question)
    assert calls(started) == [("breakdown", {"by": ["Contract"], "metric": "rate",
                                             "measure": "Churn"})]


def test_churn_rate_by_contract_gives_each_contracts_share_of_churn(telecom):
    ws, frame = telecom
    _, answer = ask(ws, "churn rate by contract")
    finished_ok(answer)
    expected = frame["Churn"].eq("Yes").groupby(frame["Contract"]).mean()
    table = answer.tool_calls[-1].result.table
    got = table.set_index("Contract")["value"]
    for contract, rate in expected.items():
        assert got[contract] == pytest.approx(rate), contract
    assert percent(expected.max()) in answer.text


def test_how_many_churned_counts_the_yes_side_of_the_label(telecom):
    ws, frame = telecom
    started, answer = ask(ws, "how many customers churned?")
    assert calls(started) == [("define_segment", {"filter": 'Churn = "Yes"',
                                                  "name": "Churned customers"})]
    finished_ok(answer)
    churned = int(frame["Churn"].eq("Yes").sum())
    assert f"{churned:,} customers" in answer.text
    assert percent(churned / len(frame)) in answer.text


def test_not_churned_is_the_no_side(telecom):
    ws, frame = telecom
    started, answer = ask(ws, "how many customers did not churn")
    assert calls(started)[0][1]["filter"] == 'Churn = "No"'
    assert f"{int(frame['Churn'].eq('No').sum()):,} customers" in answer.text


def test_average_of_a_number_by_churn_status_is_a_mean_not_banded_counts(telecom):
    ws, frame = telecom
    started, answer = ask(ws, "average monthly charge by churn status")
    assert calls(started) == [("breakdown", {"by": ["Churn"], "metric": "mean",
                                             "measure": "MonthlyCharges"})]
    finished_ok(answer)
    means = frame.groupby("Churn")["MonthlyCharges"].mean()
    for group, value in means.items():
        assert f"{value:,.2f}" in answer.text, group
    assert means["Yes"] > means["No"], "planted: churners pay more"


def test_median_of_a_number_by_a_column_named_in_words(telecom):
    ws, frame = telecom
    started, answer = ask(ws, "median tenure by payment method")
    assert calls(started) == [("breakdown", {"by": ["PaymentMethod"], "metric": "median",
                                             "measure": "tenure"})]
    finished_ok(answer)
    medians = frame.groupby("PaymentMethod")["tenure"].median()
    top = medians.idxmax()
    assert top in answer.text and f"{medians[top]:g}" in answer.text


def test_a_money_word_that_fits_two_columns_gets_one_question_back(telecom):
    ws, _ = telecom
    started, answer = ask(ws, "average charge by contract")
    assert started == [] and answer.kind == "clarify"
    assert "monthly charges" in answer.text and "total charges" in answer.text


def test_compare_churned_and_retained_defines_both_sides_first(telecom):
    ws, _ = telecom
    started, _ = ask(ws, "compare churned and retained customers")
    assert calls(started) == [
        ("define_segment", {"filter": 'Churn = "Yes"', "name": "Churned customers"}),
        ("define_segment", {"filter": 'Churn = "No"', "name": "Retained customers"}),
        ("compare_segments", {"first": "Churned customers", "second": "Retained customers"}),
    ]


def test_who_is_likely_to_churn_compares_churners_with_everyone_else(telecom):
    ws, _ = telecom
    started, answer = ask(ws, "who is likely to churn?")
    assert [tool for tool, _ in calls(started)] == ["define_segment", "compare_segments"]
    assert calls(started)[1][1] == {"first": "Churned customers"}
    finished_ok(answer)


def test_a_persona_for_churned_customers_is_drafted_from_their_attributes(telecom):
    ws, frame = telecom
    started, answer = ask(ws, "draft a persona for churned customers")
    assert calls(started) == [
        ("define_segment", {"filter": 'Churn = "Yes"', "name": "Churned customers"}),
        ("draft_personas", {"segments": ["Churned customers"]})]
    finished_ok(answer)
    document = answer.tool_calls[-1].result.tables["documents"]["markdown"].iloc[0]
    churned = frame[frame["Churn"] == "Yes"]
    month = churned["Contract"].eq("Month-to-month").mean()
    base = frame["Contract"].eq("Month-to-month").mean()
    assert f"Month-to-month {percent(month)} (whole base {percent(base)}" in document
    mean_charge = round(churned["MonthlyCharges"].mean(), 2)
    assert f"**Mean monthly charges**: {mean_charge:,.2f}" in document
    assert "No orders table" in document
    assert "Churn**" not in document, "the value that defines the segment is not a trait"
    shares = churned["Contract"].value_counts(normalize=True)
    lifts = shares / frame["Contract"].value_counts(normalize=True)[shares.index]
    assert lifts.idxmax() == "Month-to-month", "planted: churn lives in monthly contracts"
    persona = answer.tool_calls[-1].result.table["persona"].iloc[0]
    assert persona == "Month-to-month contract customers", "named by what sets them apart"


# -- questions that need orders --------------------------------------------------------
@pytest.mark.parametrize("question", ["Segment my customers with RFM",
                                      "What is the lifetime value of my customers?",
                                      "How does retention look by cohort?",
                                      "用RFM给客户分群"])
def test_questions_that_need_orders_say_so_and_offer_what_the_columns_answer(
        telecom, question):
    ws, _ = telecom
    started, answer = ask(ws, question)
    assert started == [], "no tool runs into a missing orders table"
    assert answer.kind == "refuse"  # declined, with what can be asked instead
    assert "orders table" in answer.text or "订单表" in answer.text
    assert 2 <= len(answer.suggestions) <= 3
    assert any("churn rate" in s.lower() or "churn 率" in s.lower() for s in answer.suggestions)
    for suggestion in answer.suggestions:
        assert suggestion in answer.text, "the paragraph names the same questions"


def test_each_suggested_question_runs_on_the_real_columns(telecom):
    ws, _ = telecom
    _, answer = ask(ws, "Segment my customers with RFM")
    for suggestion in answer.suggestions:
        started, _ = ask(ws, suggestion)
        assert started, suggestion
        tools = {tool for tool, _ in calls(started)}
        assert tools <= {"breakdown", "cluster_customers"}, suggestion
        for tool, args in calls(started):
            if tool == "breakdown":
                assert set(args["by"]) <= set(telecom[1].columns), suggestion


# -- a 0/1 label with another name ------------------------------------------------------
def test_churn_means_exited_where_the_data_calls_it_so(bank):
    ws, frame = bank
    started, answer = ask(ws, "how many customers churned")
    assert calls(started) == [("define_segment", {"filter": "Exited = 1",
                                                  "name": "Churned customers"})]
    finished_ok(answer)
    assert f"{int(frame['Exited'].sum()):,} customers" in answer.text


def test_churn_rate_by_geography_is_a_rate_of_exited(bank):
    ws, _ = bank
    started, _ = ask(ws, "what is the churn rate by geography?")
    assert calls(started) == [("breakdown", {"by": ["Geography"], "metric": "rate",
                                             "measure": "Exited"})]


def test_average_balance_by_exited(bank):
    ws, frame = bank
    started, answer = ask(ws, "average balance by exited")
    assert calls(started) == [("breakdown", {"by": ["Exited"], "metric": "mean",
                                             "measure": "Balance"})]
    finished_ok(answer)
    means = frame.groupby("Exited")["Balance"].mean()
    assert f"${means.max():,.0f}" in answer.text or f"{means.max():,.0f}" in answer.text


# -- every answer names its workspace and data -----------------------------------------
def test_the_answer_names_the_workspace_and_the_dataset_it_used(telecom):
    ws, _ = telecom
    _, answer = ask(ws, "average monthly charge by churn status")
    assert answer.workspace == "Telecom export" and answer.datasets == ["customers"]
    assert answer.text.splitlines()[0] == "On Telecom export · customers"
    _, chinese = ask(ws, "按 Churn 看平均 monthly charges")
    assert chinese.text.splitlines()[0] == "工作区：Telecom export · 数据：customers"
    _, no_tool = ask(ws, "Segment my customers with RFM")
    assert no_tool.text.splitlines()[0] == "On Telecom export"
    assert no_tool.datasets == []


def test_a_finished_call_reports_the_dataset_it_read(telecom):
    ws, _ = telecom
    events = list(respond(Session(ws, settings=BrainSettings(brain="local")),
                          "how many customers churned"))
    done = [e for e in events if isinstance(e, ToolFinished)]
    assert done and done[0].result.provenance.datasets == ["customers"]


def test_retention_rate_by_a_column_is_the_no_side_rate(telecom):
    ws, _ = telecom
    started, _ = ask(ws, "retention rate by contract")
    assert calls(started) == [("breakdown", {"by": ["Contract"], "metric": "rate",
                                             "measure": "Churn", "rate_value": "No"})]


def test_next_questions_after_an_answer_can_be_answered_without_orders(telecom):
    ws, _ = telecom
    _, answer = ask(ws, "give me an overview of my data")
    assert answer.suggestions
    for suggestion in answer.suggestions:
        _, reply = ask(ws, suggestion)
        assert "orders table" not in reply.text, suggestion


def test_a_status_column_answers_churn_questions_on_its_churned_value(tmp_path):
    frame = telecom_frame().rename(columns={"Churn": "Customer Status"})
    rng = np.random.default_rng(3)
    stayed = np.where(rng.random(len(frame)) < 0.2, "Joined", "Stayed")
    frame["Customer Status"] = np.where(frame["Customer Status"] == "Yes", "Churned", stayed)
    ws = workspace_of(tmp_path / "status", "Status export", frame)
    started, answer = ask(ws, "how many customers churned")
    assert calls(started) == [("define_segment", {"filter": '`Customer Status` = "Churned"',
                                                  "name": "Churned customers"})]
    assert f"{int(frame['Customer Status'].eq('Churned').sum()):,} customers" in answer.text
    started, _ = ask(ws, "churn rate by contract")
    assert calls(started) == [("breakdown", {"by": ["Contract"], "metric": "rate",
                                             "measure": "Customer Status",
                                             "rate_value": "Churned"})]


def test_a_named_segment_scopes_the_mean_and_is_no_group(telecom):
    ws, frame = telecom
    from tools.registry import run_tool

    run_tool("define_segment", ws, filter='gender = "Female"', name="Women")
    started, answer = ask(ws, "average monthly charges of Women by contract")
    assert calls(started) == [("breakdown", {"by": ["Contract"], "metric": "mean",
                                             "measure": "MonthlyCharges", "segment": "Women"})]
    finished_ok(answer)
    women = frame[frame["gender"] == "Female"]
    means = women.groupby("Contract")["MonthlyCharges"].mean()
    assert f"{means.max():,.2f}" in answer.text and f"{means.min():,.2f}" in answer.text


@pytest.mark.parametrize(("question", "column"), [("按合同类型统计客户数", "Contract"),
                                                  ("customers by payment method",
                                                   "PaymentMethod")])
def test_a_breakdown_finds_the_column_by_its_words(telecom, question, column):
    ws, frame = telecom
    started, answer = ask(ws, question)
    assert [(tool, args["by"]) for tool, args in calls(started)] == [("breakdown", [column])]
    finished_ok(answer)
    counts = frame[column].value_counts()
    assert f"{counts.iloc[0]:,} customers" in answer.text and counts.index[0] in answer.text


# -- a real export: the marketing campaign table (tab separated, Response 0/1) -----------
@pytest.fixture
def campaign(shared_data: Path, tmp_path: Path) -> tuple[Workspace, pd.DataFrame]:
    from tools.ingest import load_into_workspace

    path = shared_data / "marketing_campaign.csv"
    if not path.exists():
        pytest.skip(f"{path.name} not found in {shared_data}")
    ws = Workspace(tmp_path / "campaign", name="Campaign export")
    load_into_workspace(ws, "customers", path)
    return ws, pd.read_csv(path, sep="\t")


def test_a_real_campaign_export_answers_response_questions_from_its_label(campaign):
    ws, frame = campaign
    started, answer = ask(ws, "how many customers responded?")
    assert calls(started) == [("define_segment", {"filter": "Response = 1",
                                                  "name": "Responders"})]
    assert f"{int(frame['Response'].sum()):,} customers" in answer.text
    started, _ = ask(ws, "response rate by education")
    assert calls(started) == [("breakdown", {"by": ["Education"], "metric": "rate",
                                             "measure": "Response"})]
    started, answer = ask(ws, "average income by response")
    assert calls(started) == [("breakdown", {"by": ["Response"], "metric": "mean",
                                             "measure": "Income"})]
    finished_ok(answer)
    means = frame.groupby("Response")["Income"].mean()
    assert f"{means[1]:,.0f}" in answer.text and f"{means[0]:,.0f}" in answer.text


def test_a_word_that_fits_several_label_columns_gets_one_question_back(campaign):
    ws, _ = campaign
    started, answer = ask(ws, "how many customers accepted the offer?")
    assert started == [] and answer.kind == "clarify"
    assert "accepted cmp1" in answer.text and "accepted cmp3" in answer.text
