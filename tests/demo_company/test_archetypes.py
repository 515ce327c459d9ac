"""The planted archetypes really differ: checked with plain pandas on the ground-truth labels.

Nothing here calls the generator's own parameters; every number is recomputed from
the tables and compared with the behaviour the archetypes are documented to have.
"""

from __future__ import annotations

import pandas as pd
import pytest

from demo_company import DemoData

AS_OF = pd.Timestamp("2026-10-31")
BIG_CITIES = {"New York", "Los Angeles", "San Francisco", "Chicago", "Seattle", "Austin", "Miami",
              "Boston", "Atlanta", "Denver", "London", "Manchester", "Birmingham", "Glasgow",
              "Leeds", "Edinburgh", "Toronto", "Vancouver", "Montreal", "Calgary", "Berlin",
              "Munich", "Hamburg", "Cologne", "Frankfurt", "Sydney", "Melbourne", "Brisbane",
              "Perth", "Shanghai", "Beijing", "Shenzhen", "Guangzhou"}


@pytest.fixture(scope="module")
def customers(demo: DemoData, label: pd.Series) -> pd.DataFrame:
    return demo.customers.join(label, on="customer_id")


@pytest.fixture(scope="module")
def orders(demo: DemoData, label: pd.Series) -> pd.DataFrame:
    return demo.orders.join(label, on="customer_id")


@pytest.fixture(scope="module")
def per_customer(orders: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    g = orders.groupby("customer_id")
    out = pd.DataFrame({
        "n_orders": g.size(),
        "last_order": g["order_date"].max(),
        "top2_share": g["product_category"].agg(
            lambda s: s.value_counts().head(2).sum() / len(s)),
    })
    return out.join(customers.set_index("customer_id")[["archetype", "signup_date"]])


def by_archetype(series: pd.Series, labels: pd.Series) -> pd.Series:
    return series.groupby(labels).mean()


def test_champions_order_most_often_and_spend_most(orders: pd.DataFrame,
                                                   per_customer: pd.DataFrame) -> None:
    frequency = per_customer.groupby("archetype")["n_orders"].mean()
    assert frequency.idxmax() == "loyal_champion"
    assert frequency["loyal_champion"] > 2 * per_customer["n_orders"].mean()
    aov = orders.groupby("archetype")["amount"].mean()
    assert aov.idxmax() == "loyal_champion"
    assert aov["loyal_champion"] > 1.3 * orders["amount"].mean()


def test_discount_hunters_buy_on_discount_and_cheaply(orders: pd.DataFrame) -> None:
    share = orders.groupby("archetype")["discount_used"].mean()
    assert share["discount_hunter"] > 0.6
    assert share.drop("discount_hunter").max() < share["discount_hunter"] - 0.2
    assert share["loyal_champion"] < 0.2
    aov = orders.groupby("archetype")["amount"].mean()
    assert aov.idxmin() == "discount_hunter"


def test_at_risk_customers_stopped_ordering_months_ago(per_customer: pd.DataFrame) -> None:
    days = (AS_OF - per_customer["last_order"]).dt.days
    median = days.groupby(per_customer["archetype"]).median()
    assert median["at_risk"] >= 120
    assert median["at_risk"] > 3 * median["loyal_champion"]
    assert median["loyal_champion"] <= 60
    at_risk = days[per_customer["archetype"] == "at_risk"]
    assert at_risk.between(100, 300).mean() > 0.9
    active_before = per_customer.loc[per_customer["archetype"] == "at_risk", "n_orders"]
    assert active_before.min() >= 3 and active_before.median() >= 5


def test_new_customers_signed_up_recently_with_few_orders(per_customer: pd.DataFrame) -> None:
    tenure = (AS_OF - per_customer["signup_date"]).dt.days
    new = per_customer["archetype"] == "new_customer"
    assert tenure[new].max() <= 92
    assert (tenure[~new] <= 92).mean() < 0.02
    assert per_customer.loc[new, "n_orders"].between(1, 3).all()
    median_tenure = tenure.groupby(per_customer["archetype"]).median()
    assert median_tenure.idxmax() == "loyal_champion"
    assert median_tenure["loyal_champion"] > 2 * 365


def test_impulse_buyers_return_most_and_buy_in_bursts(orders: pd.DataFrame) -> None:
    returned = (orders["status"] != "completed").groupby(orders["archetype"]).mean()
    assert returned.idxmax() == "impulse_buyer"
    assert returned["impulse_buyer"] > 2 * returned.drop("impulse_buyer").median()
    ordered = orders.sort_values(["customer_id", "order_date"])
    gaps = ordered.groupby("customer_id")["order_date"].diff().dt.days
    quick = (gaps <= 7).groupby(ordered["archetype"]).mean()
    assert quick.idxmax() == "impulse_buyer"
    assert quick["impulse_buyer"] > quick.drop("impulse_buyer").max() + 0.2


def test_category_concentration(per_customer: pd.DataFrame) -> None:
    comparable = per_customer[per_customer["n_orders"].between(5, 15)]
    top2 = comparable.groupby("archetype")["top2_share"].mean()
    assert top2.idxmax() == "needs_based" and top2["needs_based"] > 0.85
    assert top2.idxmin() == "impulse_buyer"


def test_demographics(customers: pd.DataFrame) -> None:
    age = customers.groupby("archetype")["age"].mean()
    assert age.idxmin() == "impulse_buyer" and age.idxmax() == "needs_based"
    assert age["impulse_buyer"] < age["new_customer"] < age["loyal_champion"]
    rich = customers["income_band"].isin(["100-150k", "150k+"])
    assert by_archetype(rich, customers["archetype"]).idxmax() == "loyal_champion"
    poor = customers["income_band"].isin(["<25k", "25-50k"])
    poor_share = by_archetype(poor, customers["archetype"])
    assert poor_share["discount_hunter"] > 2 * poor_share["loyal_champion"]
    big_city = by_archetype(customers["city"].isin(BIG_CITIES), customers["archetype"])
    assert big_city.idxmax() == "impulse_buyer" and big_city.idxmin() == "needs_based"
    b2b = by_archetype(customers["company_size"].notna(), customers["archetype"])
    assert b2b["needs_based"] > 0.5 and b2b.drop("needs_based").max() < 0.2
    students = by_archetype(customers["job_title"].eq("Student"), customers["archetype"])
    assert students.idxmax() == "impulse_buyer"


def test_technographics_and_acquisition(customers: pd.DataFrame, orders: pd.DataFrame) -> None:
    arch = customers["archetype"]
    mobile = by_archetype(customers["device"] == "mobile", arch)
    assert mobile.idxmax() == "impulse_buyer" and mobile["impulse_buyer"] > 0.75
    desktop = by_archetype(customers["device"] == "desktop", arch)
    assert desktop.idxmax() == "needs_based"
    social = by_archetype(customers["source_channel"] == "social media", arch)
    assert social.idxmax() == "impulse_buyer"
    coupons = by_archetype(customers["first_touch_content"].str.contains("Coupon|Deal|Cashback"),
                           arch)
    assert coupons.idxmax() == "discount_hunter"
    app = by_archetype(orders["sales_channel"] == "app", orders["archetype"])
    assert app.idxmax() == "impulse_buyer"


def test_support_tickets(demo: DemoData, label: pd.Series) -> None:
    tickets = demo.tickets.join(label, on="customer_id")
    per_customer = tickets.groupby("archetype").size() / label.value_counts()
    assert per_customer.idxmax() == "at_risk"
    assert per_customer["at_risk"] > 2 * per_customer.drop("at_risk").max()
    resolved = tickets.groupby("archetype")["resolved"].mean()
    assert resolved.idxmin() == "at_risk" and resolved["at_risk"] < 0.5
    top_topic = tickets.groupby("archetype")["topic"].agg(lambda s: s.value_counts().idxmax())
    assert top_topic["at_risk"] in {"shipping", "billing"}
    assert top_topic["new_customer"] in {"onboarding", "account"}
    assert top_topic["needs_based"] == "product quality"
    assert top_topic["discount_hunter"] == "billing"


def test_ratings_and_nps(demo: DemoData, label: pd.Series) -> None:
    rating = demo.reviews.join(label, on="customer_id").groupby("archetype")["rating"].mean()
    assert rating["loyal_champion"] >= 4.4 and rating["at_risk"] <= 2.4
    assert rating.idxmax() == "loyal_champion" and rating.idxmin() == "at_risk"
    surveys = demo.surveys.join(label, on="customer_id")
    nps = surveys.groupby("archetype")["nps"].mean()
    assert nps["loyal_champion"] >= 8.8 and nps["at_risk"] <= 4.0
    assert nps.drop(["loyal_champion", "at_risk"]).between(4.5, 8.5).all()
    champions = surveys.loc[surveys["archetype"] == "loyal_champion", "nps"]
    assert champions.ge(9).mean() > 0.8
    at_risk = surveys.loc[surveys["archetype"] == "at_risk", "nps"]
    assert at_risk.le(4).mean() > 0.75
