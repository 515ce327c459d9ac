"""Every condition of a question is applied to the demo's customers, or said first.

Expected counts and means are computed here with pandas from the demo's own tables
(completed orders only, recency counted back from the last order date in the data).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from assistant.agent import respond
from assistant.events import Answer
from assistant.session import Session
from tools.workspace import Workspace


def ask(session: Session, question: str) -> Answer:
    return next(e for e in respond(session, question) if isinstance(e, Answer))


def body(answer: Answer) -> list[str]:
    """The answer's lines after its head (the workspace line and what was understood)."""
    return [line for line in answer.text.split("\n\n", 1)[-1].split("\n") if line.strip()]


def numbers(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


@pytest.fixture
def people(demo_ws: Workspace) -> pd.DataFrame:
    """One row per customer with completed orders, last order date and recency."""
    customers = demo_ws.read_dataset("customers")
    orders = demo_ws.read_dataset("orders")
    done = orders[orders["status"] == "completed"]
    last_date = pd.to_datetime(done["order_date"]).max()
    per = done.groupby("customer_id").agg(orders=("order_id", "nunique"),
                                          last=("order_date", "max"))
    frame = customers.set_index("customer_id").join(per)
    frame["orders"] = frame["orders"].fillna(0)
    frame["recency_days"] = (last_date - pd.to_datetime(frame["last"])).dt.days
    return frame


def test_an_or_list_with_a_place_not_in_the_data(demo_ws: Workspace,
                                                 people: pd.DataFrame) -> None:
    answer = ask(Session(demo_ws), "customers in Canada or Japan with at least 4 orders")
    first = body(answer)[0]
    assert "Japan" in first and "Canada" in first, answer.text
    expected = int(((people["country"] == "Canada") & (people["orders"] >= 4)).sum())
    assert expected in numbers(answer.text), answer.text
    more_than = int(((people["country"] == "Canada") & (people["orders"] > 4)).sum())
    assert more_than != expected  # the test tells 'at least' from 'more than'


@pytest.mark.parametrize(("question", "days"), [
    ("female shoppers over 50 in Texas who ordered in the past 2 months", 60),
    ("最近三个月下过单的德州女性客户有多少", 90),
])
def test_recency_gender_age_and_place_together(demo_ws: Workspace, people: pd.DataFrame,
                                               question: str, days: int) -> None:
    answer = ask(Session(demo_ws), question)
    keep = (people["gender"] == "Female") & (people["region"] == "Texas") & \
        (people["recency_days"] <= days)
    if "50" in question:
        keep &= people["age"] > 50
    expected = int(keep.sum())
    assert 0 < expected < int(((people["gender"] == "Female") &
                               (people["region"] == "Texas")).sum())
    assert expected in numbers(answer.text), answer.text


def test_an_exclusion_is_not_the_saved_segment_of_the_same_name(
        demo_ws: Workspace, people: pd.DataFrame) -> None:
    session = Session(demo_ws)
    ask(session, "revenue by channel for customers in California")  # saves 'California'
    answer = ask(session, "average order value by gender excluding California")
    orders = demo_ws.read_dataset("orders")
    done = orders[orders["status"] == "completed"]
    outside = people.index[people["region"] != "California"]
    joined = done[done["customer_id"].isin(outside)].join(people["gender"], on="customer_id")
    means = joined.groupby("gender")["amount"].mean()
    shown = numbers(answer.text)
    for gender, mean in means.items():
        assert round(float(mean), 2) in shown, f"{gender}: {mean:.2f} in {answer.text}"


def test_each_compared_segment_is_taken_within_the_condition(demo_ws: Workspace,
                                                             people: pd.DataFrame) -> None:
    answer = ask(Session(demo_ws), "compare Champions and At Risk customers in Canada")
    assert answer.kind == "answer", answer.text
    assert "Champions in Canada" in answer.text and "At Risk in Canada" in answer.text
    canadians = int((people["country"] == "Canada").sum())
    sizes = [int(n.replace(",", "")) for n in
             re.findall(r"(\d[\d,]*) customers match this rule", answer.text)]
    assert len(sizes) == 2 and all(0 < n < canadians for n in sizes), answer.text


@pytest.mark.parametrize(("question", "said"), [
    ("value tiers of customers in Canada", "Not applied: Canada"),
    ("加拿大客户的价值层级", "未应用的条件：Canada"),
])
def test_a_condition_a_tool_cannot_take_is_named_first(demo_ws: Workspace, question: str,
                                                       said: str) -> None:
    """Value tiers are cut over the whole base: the country is said first, never dropped."""
    answer = ask(Session(demo_ws), question)
    assert body(answer)[0].startswith(said), answer.text


def test_times_bought_and_a_median_order_value(demo_ws: Workspace, people: pd.DataFrame) -> None:
    answer = ask(Session(demo_ws), "what's the median order value for shoppers in California "
                                   "or Texas who bought at least 3 times, split by device?")
    keep = people["region"].isin(["California", "Texas"]) & (people["orders"] >= 3)
    orders = demo_ws.read_dataset("orders")
    done = orders[(orders["status"] == "completed") & orders["customer_id"].isin(
        people.index[keep])].join(people["device"], on="customer_id")
    medians = done.groupby("device")["amount"].median()
    shown = numbers(answer.text)
    assert int(keep.sum()) in shown, answer.text
    for device, median in medians.items():
        assert round(float(median), 2) in shown, f"{device}: {median:.2f} in {answer.text}"


def test_a_chinese_order_count_condition(demo_ws: Workspace, people: pd.DataFrame) -> None:
    answer = ask(Session(demo_ws), "加州或德州至少下过3次单的顾客，按设备看订单数")
    keep = people["region"].isin(["California", "Texas"]) & (people["orders"] >= 3)
    assert int(keep.sum()) in numbers(answer.text), answer.text


@pytest.mark.parametrize(("question", "segmentation", "label"), [
    ("how many Champions in Canada", "rfm", "Champions"),
    ("how many churned customers do we have in Canada", "lifecycle", "churned"),
])
def test_a_count_of_a_named_segment_in_a_place_keeps_the_segment(
        demo_ws: Workspace, question: str, segmentation: str, label: str) -> None:
    from tools.segments import load_segmentation

    answer = ask(Session(demo_ws), question)
    define = [c for c in answer.tool_calls if c.tool == "define_segment"]
    assert define and define[-1].arguments.get("segment") == f"{segmentation}/{label}", \
        answer.tools
    members = load_segmentation(demo_ws, segmentation).members(label)
    customers = demo_ws.read_dataset("customers").set_index("customer_id")
    expected = int((customers.loc[customers.index.astype(str).isin(members), "country"]
                    == "Canada").sum())
    assert define[-1].result is not None
    assert int(define[-1].result.facts["customers"].value) == expected
    assert f"{expected:,}" in answer.text


@pytest.mark.parametrize("question", [
    "median order amount by device",
    "按设备看订单金额的中位数是多少？",
    "在至少下过3次单的女性客户中，按设备看订单金额的中位数是多少？",
])
def test_the_median_order_amount_by_a_column_is_the_median_not_a_count(
        demo_ws: Workspace, question: str) -> None:
    from evals.expected import _orders

    answer = ask(Session(demo_ws), question)
    call = [c for c in answer.tool_calls if c.tool == "breakdown"][-1]
    assert call.arguments["by"] == ["device"]
    assert (call.arguments["metric"], call.arguments["measure"]) == ("median", "amount")
    customers = demo_ws.read_dataset("customers")
    orders = _orders(demo_ws).merge(customers, on="customer_id")
    if "女性" in question:
        counts = orders.groupby("customer_id").size()
        keep = counts[counts >= 3].index
        orders = orders[(orders["gender"] == "Female") & orders["customer_id"].isin(keep)]
    medians = orders.groupby("device")["amount"].median()
    assert f"${medians.max():,.2f}" in answer.text
    assert f"${medians.min():,.2f}" in answer.text


def test_the_mean_order_amount_per_region_in_chinese_is_a_mean(demo_ws: Workspace) -> None:
    answer = ask(Session(demo_ws), "各地区订单金额的平均值")
    call = [c for c in answer.tool_calls if c.tool == "breakdown"][-1]
    assert (call.arguments["metric"], call.arguments["measure"]) == ("mean", "amount")


@pytest.mark.parametrize(("question", "first", "second"), [
    ("冠军客户和沉睡客户有什么不同", "rfm/Champions", "rfm/Hibernating"),
    ("把即将沉睡的客户和流失风险客户比一比", "rfm/About To Sleep", "rfm/At Risk"),
    ("compare hibernating with champions", "rfm/Hibernating", "rfm/Champions"),
])
def test_two_segments_named_in_chinese_are_both_compared(demo_ws: Workspace, question: str,
                                                         first: str, second: str) -> None:
    """A short Chinese name ('沉睡') right after a long label's name is still read: the
    second segment was lost and the first compared with everyone."""
    answer = ask(Session(demo_ws), question)
    call = [c for c in answer.tool_calls if c.tool == "compare_segments"][-1]
    assert (call.arguments["first"], call.arguments.get("second")) == (first, second)


@pytest.mark.parametrize(("question", "column", "value"), [
    ("来自社交媒体渠道的客户有多少", "source_channel", "social media"),
    ("已婚的澳大利亚客户", "marital_status", "Married"),
    ("硕士学历的客户有多少", "education", "Master's"),
])
def test_chinese_words_for_values_are_resolved_against_the_data(
        demo_ws: Workspace, people: pd.DataFrame, question: str, column: str,
        value: str) -> None:
    answer = ask(Session(demo_ws), question)
    call = [c for c in answer.tool_calls if c.tool == "define_segment"][-1]
    assert value in call.arguments["filter"], call.arguments
    chosen = people[column] == value
    if "澳大利亚" in question:
        chosen &= people["country"] == "Australia"
    assert f"{int(chosen.sum()):,} customers match" in answer.text, answer.text


@pytest.mark.parametrize(("question", "days"), [
    ("who hasn't ordered in the last 180 days", 180),
    ("customers who have not bought anything in 3 months", 90),
    ("超过一年没有购买的客户", 365),
    ("最近三个月没有购买的客户", 90),
])
def test_customers_gone_quiet_are_those_without_an_order_for_that_long(
        demo_ws: Workspace, people: pd.DataFrame, question: str, days: int) -> None:
    """'hasn't ordered in the last 180 days' was read as both 'ordered in the last 180 days'
    and its opposite: an empty segment that looked like an answer."""
    answer = ask(Session(demo_ws), question)
    call = [c for c in answer.tool_calls if c.tool == "define_segment"][-1]
    assert call.arguments["filter"] == f"recency_days > {days}"
    quiet = int((people["recency_days"] > days).sum())
    assert quiet > 0 and f"{quiet:,} customers match" in answer.text, answer.text


def test_a_column_named_only_by_its_value_is_a_condition_not_a_group(
        demo_ws: Workspace, people: pd.DataFrame) -> None:
    answer = ask(Session(demo_ws), "用手机下单的女性客户里，哪个国家最多")
    call = [c for c in answer.tool_calls if c.tool in ("breakdown", "distribution")][-1]
    assert call.arguments.get("by", [call.arguments.get("column")]) == ["country"]
    chosen = people[(people["device"] == "mobile") & (people["gender"] == "Female")]
    top = chosen["country"].value_counts()
    assert top.index[0] in answer.text and f"{int(top.iloc[0]):,}" in answer.text, answer.text


@pytest.mark.parametrize(("question", "expected"), [
    ("不包括美国客户，收入最高的前10个客户", 'country != "United States"'),
    ("排除英国的客户之后，消费最高的5个客户", 'country != "United Kingdom"'),
    ("35到50岁的女性客户", "age between 35 and 50"),
    ("下过5次以上订单的客户", "orders >= 5"),
])
def test_chinese_exclusions_age_ranges_and_counts_after_the_number(
        demo_ws: Workspace, question: str, expected: str) -> None:
    """'不包括美国' was read as the United States itself: the opposite population."""
    answer = ask(Session(demo_ws), question)
    rules = [c.arguments["filter"] for c in answer.tool_calls if c.tool == "define_segment"]
    assert rules and expected in rules[-1], (rules, answer.text)


def test_one_value_per_column_with_a_measure_is_whom_to_measure(
        demo_ws: Workspace, people: pd.DataFrame) -> None:
    """'Canadian women's average order amount' is one number on them, not every country by
    every gender."""
    answer = ask(Session(demo_ws), "加拿大的女性客户的平均订单金额")
    assert "breakdown" not in [c.tool for c in answer.tool_calls]
    chosen = people[(people["country"] == "Canada") & (people["gender"] == "Female")]
    assert f"{len(chosen):,}" in answer.text, answer.text


@pytest.mark.parametrize("question", [
    "Excluding Australia, which acquisition channel brought the most customers who haven't "
    "ordered in 4 months?",
    "除了澳大利亚以外，4个月没有下单的客户主要来自哪个获客渠道？",
])
def test_a_length_of_time_inside_a_condition_is_no_period_to_group_by(
        demo_ws: Workspace, people: pd.DataFrame, question: str) -> None:
    """'4 months' belongs to 'haven't ordered in 4 months': grouping by order month as well
    answered with order counts per channel and month."""
    answer = ask(Session(demo_ws), question)
    call = [c for c in answer.tool_calls if c.tool in ("breakdown", "distribution")][-1]
    assert call.arguments.get("by", [call.arguments.get("column")]) == ["source_channel"]
    chosen = people[(people["country"] != "Australia") & (people["recency_days"] > 120)]
    top = chosen["source_channel"].value_counts()
    assert top.index[0] in answer.text and f"{int(top.iloc[0]):,}" in answer.text, answer.text
