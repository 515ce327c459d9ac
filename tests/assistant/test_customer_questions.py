"""Questions about top customers, one customer, counts per group and reviews tables.

Three planted workspaces, generated here: order lines of a shop (order ids, customer ids
like AB-10015 and names, Region, Category, Sales), a customers-only export (numeric ID,
Education, Income, Balance, signup date Dt_Customer, Response 0/1) and a reviews-only
table (rating, variation, text, feedback 0/1). For each question the test checks the
tool and settings the local brain plans, and where the tool exists the numbers of the
answer against a pandas computation written here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assistant.agent import respond
from assistant.brains.local.concepts import concept_column
from assistant.brains.local.context import schema_of, segment_labels
from assistant.brains.local.planner import plan
from assistant.brains.local.segments import Memory
from assistant.events import Answer
from assistant.session import Session
from assistant.settings import BrainSettings
from tools.ingest import describe_table
from tools.workspace import Workspace

FIRST = ("Alan", "Maria", "Chen", "Priya", "Tom", "Sara", "Li", "Omar")
LAST = ("Smith", "Garcia", "Wei", "Patel", "Brown", "Khan", "Novak", "Ito")


def orders_frame(n_customers: int = 40, n_orders: int = 160) -> pd.DataFrame:
    """Order lines: 1-3 lines per order, one region per order, names unique per id."""
    rng = np.random.default_rng(21)
    ids = [f"AB-{10000 + i}" for i in range(n_customers)]
    names = {c: f"{FIRST[i % 8]} {LAST[(i // 8) % 8]}" for i, c in enumerate(ids)}
    rows = []
    for order in range(n_orders):
        customer = ids[int(rng.integers(0, n_customers))]
        day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(rng.integers(0, 300)))
        region = ("East", "West", "Central", "South")[int(rng.integers(0, 4))]
        for _ in range(int(rng.integers(1, 4))):
            rows.append({"Order ID": f"US-{5000 + order}", "Order Date": day,
                         "Customer ID": customer, "Customer Name": names[customer],
                         "Region": region,
                         "Category": ("Furniture", "Technology", "Office Supplies")[
                             int(rng.integers(0, 3))],
                         "Sales": round(float(rng.uniform(5, 500)), 2)})
    return pd.DataFrame(rows)


def customers_frame(n: int = 300) -> pd.DataFrame:
    """A grocer's customers: ids 1..n (so 10 is a real id), signups over three years."""
    rng = np.random.default_rng(5)
    joined = pd.Timestamp("2012-07-01") + pd.to_timedelta(rng.integers(0, 1000, n), unit="D")
    return pd.DataFrame({
        "ID": np.arange(1, n + 1) * 7 + 13000 * (np.arange(n) == 0),
        "Education": rng.choice(["Graduation", "PhD", "Master", "Basic"], n,
                                p=[0.5, 0.2, 0.2, 0.1]),
        "Income": np.round(rng.uniform(10000, 120000, n), 0),
        "Balance": np.round(rng.uniform(0, 90000, n), 2),
        "Dt_Customer": joined,
        "Response": (rng.random(n) < 0.15).astype(int),
    })


def reviews_frame(n: int = 200) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    rating = rng.choice([1, 2, 3, 4, 5], n, p=[0.1, 0.05, 0.1, 0.25, 0.5])
    words = ["love it", "sound is great", "stopped working", "easy to set up", "too quiet"]
    return pd.DataFrame({
        "rating": rating,
        "variation": rng.choice(["Charcoal Fabric", "Black Dot", "White Spot"], n),
        "verified_reviews": [f"{words[i % 5]} — review number {i} of the speaker"
                             for i in range(n)],
        "feedback": (rating >= 3).astype(int),
    })


def workspace_of(root: Path, tables: dict[str, tuple[pd.DataFrame, str]]) -> Workspace:
    ws = Workspace(root, name="Planted export")
    for name, (frame, source) in tables.items():
        report = describe_table(frame, source=source)
        ws.save_dataset(name, frame, {"roles": dict(report.roles), "report": report.to_dict()})
    return ws


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Workspace, pd.DataFrame]:
    frame = orders_frame()
    return workspace_of(tmp_path / "shop", {"orders": (frame, "orders")}), frame


@pytest.fixture
def grocer(tmp_path: Path) -> tuple[Workspace, pd.DataFrame]:
    frame = customers_frame()
    return workspace_of(tmp_path / "grocer", {"customers": (frame, "customers")}), frame


@pytest.fixture
def reviews(tmp_path: Path) -> tuple[Workspace, pd.DataFrame]:
    frame = reviews_frame()
    return workspace_of(tmp_path / "reviews", {"reviews": (frame, "review")}), frame


def planned(ws: Workspace, question: str) -> list[tuple[str, dict]]:
    made = plan(question, schema_of(ws), segment_labels(ws), Memory())
    return list(made.steps)


def kind_of(ws: Workspace, question: str) -> str:
    return plan(question, schema_of(ws), segment_labels(ws), Memory()).kind


def ask(ws: Workspace, question: str) -> Answer:
    events = list(respond(Session(ws, settings=BrainSettings(brain="local")), question))
    answer = events[-1]
    assert isinstance(answer, Answer)
    failed = [c.message for c in answer.tool_calls if not c.ok]
    assert not failed and answer.kind == "answer", (failed, answer.text)
    return answer


def values_by_group(answer: Answer, label: str) -> pd.Series:
    table = answer.tool_calls[-1].result.table
    return table.set_index(table[label].astype(str))["value"]


# -- top customers --------------------------------------------------------------------
@pytest.mark.parametrize(("question", "args"), [
    ("who are our top 10 customers by revenue", {"by": "revenue", "n": 10}),
    ("best 5 customers by number of orders", {"by": "orders", "n": 5}),
    ("最大的10个客户", {"by": "revenue", "n": 10}),
    ("订单最多的3个客户", {"by": "orders", "n": 3}),
    ("the 4 customers who spent the least", {"by": "revenue", "n": 4, "ascending": True}),
])
def test_top_customers_takes_n_measure_and_direction(shop, question, args):
    ws, _ = shop
    assert planned(ws, question) == [("top_customers", args)]


@pytest.mark.parametrize("question", ["customers with the highest Balance", "余额最高的客户"])
def test_top_customers_ranks_by_a_numeric_column_of_the_customers(grocer, question):
    ws, _ = grocer
    assert planned(ws, question) == [("top_customers", {"by": "Balance"})]


@pytest.mark.parametrize(("question", "n"), [("top 3 customers by Income", 3),
                                             ("最大的5个客户按收入", 5)])
def test_a_number_of_top_customers_is_a_ranking_not_a_breakdown(grocer, question, n):
    ws, _ = grocer
    assert planned(ws, question) == [("top_customers", {"by": "Income", "n": n})]


def test_top_ten_is_never_read_as_customer_ten(grocer):
    ws, frame = grocer
    assert 70 in set(frame["ID"])  # a real id that is also a plain number
    assert planned(ws, "who are our top 70 customers by Income") == [
        ("top_customers", {"by": "Income", "n": 70})]


def test_top_customers_lists_the_biggest_spenders(shop):
    ws, frame = shop
    answer = ask(ws, "who are our top 10 customers by revenue")
    expected = frame.groupby("Customer ID")["Sales"].sum().nlargest(10)
    table = answer.tool_calls[-1].result.table
    assert len(table) == 10
    shown = table.select_dtypes("number").columns
    assert any(np.allclose(sorted(table[c], reverse=True), expected.to_numpy()) for c in shown)


# -- one customer ---------------------------------------------------------------------
def test_one_customer_is_found_by_the_id_the_data_holds(shop):
    ws, frame = shop
    customer = frame["Customer ID"].iloc[5]
    for question in (f"how many orders did customer {customer} place",
                     f"客户 {customer} 的订单", f"客户{customer}的订单"):
        assert planned(ws, question) == [("customer_lookup", {"customer": customer})], question


def test_one_customer_is_found_by_name_as_written_in_the_data(shop):
    ws, frame = shop
    name = frame["Customer Name"].iloc[3]
    assert planned(ws, f"tell me about customer {name.lower()}") == [
        ("customer_lookup", {"customer": name})]


def test_a_plain_number_id_needs_the_word_customer(grocer):
    ws, frame = grocer
    customer = str(frame["ID"].iloc[0])
    assert planned(ws, f"how many orders did customer {customer} place") == [
        ("customer_lookup", {"customer": customer})]


def test_an_id_the_data_does_not_hold_is_passed_on_and_no_id_is_asked(shop):
    ws, _ = shop
    assert planned(ws, "tell me about customer ZZ-99999") == [
        ("customer_lookup", {"customer": "ZZ-99999"})]
    assert kind_of(ws, "tell me about this customer") == "clarify"


def test_one_customers_orders_are_distinct_orders(shop):
    ws, frame = shop
    customer = frame["Customer ID"].value_counts().index[0]
    answer = ask(ws, f"how many orders did customer {customer} place")
    mine = frame[frame["Customer ID"] == customer]
    assert str(mine["Order ID"].nunique()) in answer.text


# -- counts per group -----------------------------------------------------------------
@pytest.mark.parametrize("question", ["how many customers by Education",
                                      "number of customers per Education",
                                      "customers per Education",
                                      "各学历的客户数"])
def test_how_many_customers_by_a_column_counts_each_group(grocer, question):
    ws, _ = grocer
    assert planned(ws, question) == [("breakdown", {"by": ["Education"], "metric": "count"})]


def test_the_counts_per_group_are_the_customers_of_each_group(grocer):
    ws, frame = grocer
    answer = ask(ws, "how many customers by Education")
    got = values_by_group(answer, "Education")
    for group, count in frame["Education"].value_counts().items():
        assert got[group] == count, group


def test_customers_who_joined_each_year_count_by_the_signup_year(grocer):
    ws, frame = grocer
    for question, period in (("how many customers joined each year", "year"),
                             ("customers who joined each year", "year"),
                             ("每年有多少客户加入", "year"),
                             ("how many customers signed up per quarter", "quarter")):
        assert planned(ws, question) == [
            ("breakdown", {"by": [f"Dt_Customer:{period}"], "metric": "count"})], question
    answer = ask(ws, "how many customers joined each year")
    table = answer.tool_calls[-1].result.table
    label = next(c for c in table.columns if c != "value" and table[c].astype(str).str.match(
        r"^20\d\d$").all())
    got = table.set_index(table[label].astype(str))["value"]
    expected = frame["Dt_Customer"].dt.year.astype(str).value_counts()
    assert {k: int(got[k]) for k in expected.index} == expected.to_dict()


def test_an_amount_per_group_is_not_a_count(shop):
    ws, _ = shop
    assert planned(ws, "各地区的收入是多少") == [
        ("breakdown", {"by": ["Region"], "metric": "sum", "measure": "revenue"})]
    assert planned(ws, "各地区的客户数") == [("breakdown", {"by": ["Region"], "metric": "count"})]


# -- Chinese words for the file's own columns -------------------------------------------
@pytest.mark.parametrize(("question", "column"), [("各地区的收入", "Region"),
                                                  ("各类别的收入", "Category"),
                                                  ("按品类的销售额", "Category")])
def test_chinese_column_words_find_the_files_english_columns(shop, question, column):
    ws, _ = shop
    assert planned(ws, question) == [
        ("breakdown", {"by": [column], "metric": "sum", "measure": "revenue"})]


def test_revenue_by_region_in_chinese_gives_each_regions_sales(shop):
    ws, frame = shop
    answer = ask(ws, "各地区的收入")
    got = values_by_group(answer, "Region")
    for region, total in frame.groupby("Region")["Sales"].sum().items():
        assert got[region] == pytest.approx(total, rel=1e-6), region


def test_a_concept_is_found_only_where_a_column_holds_it(shop, grocer):
    shop_ws, _ = shop
    grocer_ws, _ = grocer
    assert concept_column("balance", schema_of(shop_ws)) is None
    assert concept_column("balance", schema_of(grocer_ws)) == ("customers", "Balance")
    assert concept_column("region", schema_of(shop_ws)) == ("orders", "Region")


def test_region_is_preferred_to_state_when_both_exist(tmp_path):
    frame = orders_frame()
    frame.insert(4, "State", frame["Region"].map({"East": "New York", "West": "California",
                                                  "Central": "Texas", "South": "Georgia"}))
    ws = workspace_of(tmp_path / "both", {"orders": (frame, "orders")})
    assert concept_column("region", schema_of(ws)) == ("orders", "Region")


# -- a reviews table ------------------------------------------------------------------
@pytest.mark.parametrize(("question", "steps"), [
    ("average rating by variation",
     [("breakdown", {"by": ["variation"], "metric": "mean", "measure": "rating",
                     "dataset": "reviews"})]),
    ("how many reviews for each rating", [("breakdown", {"by": ["rating"],
                                                         "dataset": "reviews"})]),
    ("share of positive and negative reviews",
     [("breakdown", {"by": ["feedback"], "dataset": "reviews", "metric": "share"})]),
    ("好评和差评各占多少比例",
     [("breakdown", {"by": ["feedback"], "dataset": "reviews", "metric": "share"})]),
    ("how many reviews do we have", [("overview", {})]),
    ("一共有多少条评论", [("overview", {})]),
])
def test_a_reviews_table_is_broken_down_by_its_own_columns(reviews, question, steps):
    ws, _ = reviews
    assert planned(ws, question) == steps


def test_what_negative_reviews_say_stays_a_feedback_question(reviews):
    ws, _ = reviews
    assert [tool for tool, _ in planned(ws, "差评主要说什么")] == ["feedback_themes"]


def test_average_rating_by_variation_is_the_mean_of_each_variations_ratings(reviews):
    ws, frame = reviews
    answer = ask(ws, "average rating by variation")
    got = values_by_group(answer, "variation")
    for variation, mean in frame.groupby("variation")["rating"].mean().items():
        assert got[variation] == pytest.approx(mean), variation
