"""Shapes, types, ids and integrity of the six demo tables."""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest
from pandas.api import types

from demo_company import DemoData

AS_OF = pd.Timestamp("2026-10-31")
COLUMNS = {
    "customers": ["customer_id", "name", "email", "phone", "age", "gender", "income_band",
                  "education", "marital_status", "job_title", "country", "region", "city",
                  "device", "os", "source_channel", "first_touch_content", "signup_date",
                  "company_size", "industry"],
    "orders": ["order_id", "customer_id", "order_date", "amount", "quantity",
               "product_category", "discount_used", "sales_channel", "status"],
    "tickets": ["ticket_id", "customer_id", "created_date", "topic", "channel", "resolved"],
    "reviews": ["review_id", "customer_id", "review_date", "product_category", "rating",
                "title", "text", "language"],
    "surveys": ["response_id", "customer_id", "response_date", "nps", "answer"],
    "transcripts": ["call_id", "customer_id", "call_date", "call_type", "agent_name",
                    "duration_seconds", "transcript"],
}
ID_COLUMN = {"customers": "customer_id", "orders": "order_id", "tickets": "ticket_id",
             "reviews": "review_id", "surveys": "response_id", "transcripts": "call_id"}
DATE_COLUMN = {"customers": "signup_date", "orders": "order_date", "tickets": "created_date",
               "reviews": "review_date", "surveys": "response_date", "transcripts": "call_date"}


@pytest.mark.parametrize("table", list(COLUMNS))
def test_columns_ids_and_dates(demo: DemoData, table: str) -> None:
    frame = getattr(demo, table)
    assert list(frame.columns) == COLUMNS[table]
    ids = frame[ID_COLUMN[table]]
    assert types.is_string_dtype(ids) and ids.is_unique and ids.notna().all()
    assert types.is_datetime64_any_dtype(frame[DATE_COLUMN[table]])
    assert frame[DATE_COLUMN[table]].max() <= AS_OF
    if table != "customers":
        assert types.is_string_dtype(frame["customer_id"])
        assert frame["customer_id"].isin(demo.customers["customer_id"]).all()
        dated = frame.merge(demo.customers[["customer_id", "signup_date"]], on="customer_id")
        assert (dated[DATE_COLUMN[table]] >= dated["signup_date"]).all()


def test_sizes(demo: DemoData) -> None:
    assert len(demo.customers) >= 5000
    assert len(demo.orders) >= 50_000
    assert len(demo.reviews) >= 2000
    assert len(demo.surveys) >= 500
    assert len(demo.transcripts) >= 300
    span = demo.orders["order_date"].max() - demo.orders["order_date"].min()
    assert span.days >= 730
    assert demo.orders["order_date"].dt.to_period("M").nunique() >= 24


def test_orders(demo: DemoData) -> None:
    orders = demo.orders
    assert set(orders["customer_id"]) == set(demo.customers["customer_id"])  # everyone bought
    assert types.is_float_dtype(orders["amount"]) and (orders["amount"] > 0).all()
    assert (orders["amount"].round(2) == orders["amount"]).all()
    assert types.is_integer_dtype(orders["quantity"]) and (orders["quantity"] >= 1).all()
    assert types.is_bool_dtype(orders["discount_used"])
    assert set(orders["sales_channel"]) <= {"web", "app", "store", "phone"}
    assert orders["product_category"].nunique() >= 8
    status = orders["status"].value_counts(normalize=True)
    assert set(status.index) == {"completed", "returned", "cancelled"}
    assert 0.02 <= 1 - status["completed"] <= 0.12


def test_customers_look_real(demo: DemoData) -> None:
    c = demo.customers
    email = re.compile(r"^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$")
    assert c["email"].map(lambda e: bool(email.match(e))).all()
    assert c["email"].is_unique
    assert c["phone"].str.count(r"\d").ge(9).all()
    assert c["name"].str.len().ge(2).all()
    assert types.is_integer_dtype(c["age"]) and c["age"].between(18, 90).all()
    assert list(c["income_band"].cat.categories) == ["<25k", "25-50k", "50-75k", "75-100k",
                                                     "100-150k", "150k+"]
    assert c["income_band"].cat.ordered
    assert set(c["device"]) == {"mobile", "desktop", "tablet"}
    assert set(c["source_channel"]) == {"organic search", "paid search", "social media", "email",
                                        "referral", "affiliate", "display ads", "direct"}
    assert c["first_touch_content"].nunique() >= 20
    assert c["city"].nunique() >= 50 and c["region"].notna().all()
    assert 0.15 <= c["company_size"].notna().mean() <= 0.25
    assert (c["company_size"].notna() == c["industry"].notna()).all()
    assert "archetype" not in " ".join(c.columns)


def test_chinese_customers_are_consistent(demo: DemoData) -> None:
    c = demo.customers
    china = c[c["country"] == "China"]
    assert 0.03 <= len(china) / len(c) <= 0.07
    han = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
    assert china["name"].map(lambda n: bool(han.match(n))).all()
    assert china["phone"].str.startswith("+86").all()
    assert not c.loc[c["country"] != "China", "name"].str.contains(r"[\u4e00-\u9fff]").any()


def test_tickets(demo: DemoData) -> None:
    t = demo.tickets
    assert set(t["topic"]) == {"billing", "shipping", "product quality", "onboarding", "account"}
    assert set(t["channel"]) == {"email", "chat", "phone"}
    assert types.is_bool_dtype(t["resolved"])


def test_reviews_and_surveys(demo: DemoData) -> None:
    r = demo.reviews
    assert types.is_integer_dtype(r["rating"]) and r["rating"].between(1, 5).all()
    assert set(r["language"]) == {"en", "zh"}
    assert 0.03 <= (r["language"] == "zh").mean() <= 0.07
    assert r["title"].isna().any() and r["title"].notna().mean() > 0.6
    assert r["text"].str.len().gt(0).all()
    assert r["product_category"].isin(demo.orders["product_category"]).all()
    s = demo.surveys
    assert types.is_integer_dtype(s["nps"]) and s["nps"].between(0, 10).all()
    assert s["answer"].str.len().gt(0).all()


def test_transcripts_have_speaker_turns(demo: DemoData) -> None:
    calls = demo.transcripts
    assert set(calls["call_type"]) == {"support", "sales"}
    assert types.is_integer_dtype(calls["duration_seconds"])
    assert (calls["duration_seconds"] > 60).all()
    for text in calls["transcript"]:
        lines = text.split("\n")
        assert 6 <= len(lines) <= 16
        speakers = [line.split(": ", 1)[0] for line in lines]
        assert set(speakers) == {"Agent", "Customer"}
        assert all(a != b for a, b in itertools.pairwise(speakers))
        assert all(len(line.split(": ", 1)[1]) > 3 for line in lines)


@pytest.mark.parametrize(("table", "column", "min_share"), [
    ("transcripts", "transcript", 0.4), ("reviews", "text", 0.0), ("surveys", "answer", 0.0)])
def test_texts_cite_only_the_writers_own_orders(demo: DemoData, table: str, column: str,
                                                 min_share: float) -> None:
    owner = dict(zip(demo.orders["order_id"], demo.orders["customer_id"], strict=True))
    frame = getattr(demo, table)
    cited = 0
    for customer, text in zip(frame["customer_id"], frame[column], strict=True):
        ids = set(re.findall(r"\bO\d{7}\b", text))
        cited += bool(ids)
        for order_id in sorted(ids):
            assert owner.get(order_id) == customer, (order_id, customer)
    assert cited >= min_share * len(frame)
