"""Breakdowns, distributions and the overview of tables that are neither customers nor orders.

Workspaces are built from the real review exports in tests/realdata/fixtures (Amazon Alexa
reviews with a 1-5 rating; Chinese food-delivery reviews with a 0/1 label, see SOURCES.md)
and from a planted tickets table. Every expected number is computed here with plain pandas
from the files or the planted frame, never with tools/profile.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tools.errors import ToolError
from tools.ingest import describe_table, load_into_workspace
from tools.profile import breakdown, distribution, overview
from tools.registry import run_tool
from tools.result import Result
from tools.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[2] / "realdata" / "fixtures"
ALEXA, WAIMAI = "alexa_reviews", "waimai_reviews"
ALEXA_COLUMNS = ["rating", "date", "variation", "verified_reviews", "feedback"]


@pytest.fixture(scope="module")
def alexa() -> pd.DataFrame:
    """The Alexa reviews as the source writes them (31-Jul-18), exact duplicate rows dropped."""
    frame = pd.read_csv(FIXTURES / "amazon_alexa_reviews.tsv", sep="\t",
                        encoding="utf-8-sig", keep_default_na=False)
    frame = frame.drop_duplicates(subset=ALEXA_COLUMNS)
    frame["day"] = pd.to_datetime(frame["date"], format="%d-%b-%y")
    frame["variation"] = frame["variation"].str.strip()  # 'Charcoal Fabric ' is one group
    return frame


@pytest.fixture(scope="module")
def waimai() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "waimai_reviews.csv", dtype={"label": int, "review": str})


@pytest.fixture(scope="module")
def reviews_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A workspace holding only the two review exports."""
    ws = Workspace(tmp_path_factory.mktemp("reviews-only"))
    load_into_workspace(ws, ALEXA, FIXTURES / "amazon_alexa_reviews.tsv")
    load_into_workspace(ws, WAIMAI, FIXTURES / "waimai_reviews.csv")
    return ws


def ask(ws: Workspace, tool: str, **params: object) -> Result:
    return run_tool(tool, ws, **params)


def by_label(table: pd.DataFrame, column: str, value: str = "value") -> pd.Series:
    return table.set_index(table[column].astype(str))[value]


# ----- the Alexa reviews: rating 1-5, variation, feedback 0/1, a date -------------------------
def test_average_rating_by_variation_is_over_the_reviews(reviews_ws: Workspace,
                                                         alexa: pd.DataFrame) -> None:
    result = ask(reviews_ws, "breakdown", by=["variation"], metric="mean", measure="rating")
    truth = alexa.groupby("variation")["rating"].agg(["mean", "size"])
    got = by_label(result.table, "variation")
    assert set(got.index) == set(truth.index)
    for variation, row in truth.iterrows():
        assert got[variation] == pytest.approx(row["mean"])
        assert by_label(result.table, "variation", "reviews")[variation] == row["size"]
    assert result.facts["overall_value"].value == pytest.approx(alexa["rating"].mean())
    assert result.provenance.datasets == [ALEXA]
    assert f"In '{ALEXA}' ({len(alexa)} reviews)" in result.summary
    best = truth[truth["size"] >= 30]["mean"].idxmax()
    assert result.facts["top_group"].value == best


def test_reviews_per_rating_and_their_shares(reviews_ws: Workspace, alexa: pd.DataFrame) -> None:
    counts = alexa["rating"].value_counts()
    result = ask(reviews_ws, "breakdown", by=["rating"])
    assert by_label(result.table, "rating").to_dict() == {str(k): v for k, v in counts.items()}
    assert "reviews" in result.summary and "customers" not in result.summary
    shares = ask(reviews_ws, "breakdown", by=["rating"], metric="share")
    for rating, share in (counts / counts.sum()).items():
        assert by_label(shares.table, "rating")[str(rating)] == pytest.approx(share)
    described = ask(reviews_ws, "distribution", column="rating")
    assert by_label(described.table, "rating", "count").to_dict() == {
        str(k): v for k, v in counts.sort_index().items()}
    assert described.facts["median"].value == alexa["rating"].median()


def test_positive_feedback_rate_by_variation(reviews_ws: Workspace, alexa: pd.DataFrame) -> None:
    result = ask(reviews_ws, "breakdown", by=["variation"], metric="rate", measure="feedback")
    truth = (alexa["feedback"] == 1).groupby(alexa["variation"]).mean()
    got = by_label(result.table, "variation")
    for variation, rate in truth.items():
        assert got[variation] == pytest.approx(rate)
    assert result.facts["overall_value"].value == pytest.approx((alexa["feedback"] == 1).mean())


def test_reviews_per_month_of_the_review_date(reviews_ws: Workspace, alexa: pd.DataFrame) -> None:
    truth = alexa["day"].dt.strftime("%Y-%m").value_counts()
    for by in ("date:month", "month"):
        result = ask(reviews_ws, "breakdown", by=[by])
        got = by_label(result.table, result.table.columns[0])
        assert {k: v for k, v in got.items() if v} == truth.to_dict()


def test_a_date_window_keeps_the_reviews_in_it(reviews_ws: Workspace, alexa: pd.DataFrame) -> None:
    inside = alexa[(alexa["day"] >= "2018-07-01") & (alexa["day"] <= "2018-07-15")]
    result = ask(reviews_ws, "breakdown", by=["rating"], start="2018-07-01", end="2018-07-15")
    assert result.facts["rows"].value == len(inside)
    assert by_label(result.table, "rating").to_dict() == {
        str(k): v for k, v in inside["rating"].value_counts().items()}


# ----- the Chinese reviews: label 0/1 and the review text ------------------------------------
def test_share_of_each_label(reviews_ws: Workspace, waimai: pd.DataFrame) -> None:
    truth = waimai["label"].value_counts(normalize=True)
    result = ask(reviews_ws, "breakdown", by=["label"], metric="share")
    for label, share in truth.items():
        assert by_label(result.table, "label")[str(label)] == pytest.approx(share)
    assert result.provenance.datasets == [WAIMAI]
    described = ask(reviews_ws, "distribution", column="label", dataset=WAIMAI)
    assert by_label(described.table, "label", "count").to_dict() == {
        str(k): v for k, v in waimai["label"].value_counts().items()}
    assert described.facts["distinct_values"].value == 2


def test_free_text_is_refused_as_a_group_with_the_columns_that_work(
        reviews_ws: Workspace) -> None:
    with pytest.raises(ToolError, match="free text") as caught:
        breakdown(reviews_ws, by=["review"])
    assert "'label'" in str(caught.value)
    with pytest.raises(ToolError, match="free text"):
        distribution(reviews_ws, column="verified_reviews")


def test_text_has_no_average_and_a_count_needs_no_measure(reviews_ws: Workspace) -> None:
    with pytest.raises(ToolError, match="holds text") as caught:
        breakdown(reviews_ws, by=["rating"], metric="mean", measure="variation")
    assert "'rating'" in str(caught.value)
    with pytest.raises(ToolError, match="measure='rating'"):
        breakdown(reviews_ws, by=["variation"], metric="mean")


def test_an_unknown_dataset_or_column_is_named(reviews_ws: Workspace) -> None:
    with pytest.raises(ToolError, match=f"'{ALEXA}'.*'{WAIMAI}'"):
        breakdown(reviews_ws, by=["rating"], dataset="tickets")
    with pytest.raises(ToolError, match="'variation'"):
        breakdown(reviews_ws, by=["varation"], dataset=ALEXA)
    with pytest.raises(ToolError, match="segment"):
        breakdown(reviews_ws, by=["rating"], segment="Champions")


def test_overview_counts_each_table_and_its_date_span(reviews_ws: Workspace,
                                                      alexa: pd.DataFrame,
                                                      waimai: pd.DataFrame) -> None:
    result = overview(reviews_ws)
    rows = result.table.set_index("dataset")
    assert rows.loc[ALEXA, "rows"] == len(alexa)
    assert rows.loc[WAIMAI, "rows"] == len(waimai)
    assert rows.loc[ALEXA, "first_date"] == str(alexa["day"].min().date())
    assert rows.loc[ALEXA, "last_date"] == str(alexa["day"].max().date())
    assert f"{len(alexa)} reviews in '{ALEXA}'" in result.summary
    assert f"{len(waimai)} reviews in '{WAIMAI}'" in result.summary
    assert reviews_ws.name in result.summary


# ----- a planted tickets table, alone and next to customers and orders --------------------------
@pytest.fixture(scope="module")
def tickets() -> pd.DataFrame:
    rng = np.random.default_rng(15)
    n = 400
    frame = pd.DataFrame({
        "ticket_ref": [f"T{i:05d}" for i in range(n)],
        "queue": rng.choice(["billing", "delivery", "returns"], n, p=[0.5, 0.3, 0.2]),
        "priority": rng.choice(["low", "high"], n),
        "satisfaction": rng.integers(1, 11, n).astype(float),
        "escalated": rng.choice(["yes", "no"], n, p=[0.25, 0.75]),
    })
    frame.loc[rng.choice(n, 37, replace=False), "satisfaction"] = np.nan
    return frame


def save_tickets(ws: Workspace, frame: pd.DataFrame, name: str = "support_tickets") -> None:
    report = describe_table(frame, name)
    ws.save_dataset(name, frame, {"roles": {**report.roles, "ticket_ref": "identifier"},
                                  "report": report.to_dict()})


def test_a_tickets_table_alone(tmp_path: Path, tickets: pd.DataFrame) -> None:
    ws = Workspace(tmp_path / "tickets")
    save_tickets(ws, tickets)
    result = breakdown(ws, by=["queue", "priority"], metric="median",
                       measure="satisfaction")
    truth = tickets.groupby(["queue", "priority"])["satisfaction"].median()
    table = result.table.set_index(["queue", "priority"])["value"]
    for key, median in truth.items():
        assert table[key] == pytest.approx(median)
    assert "tickets" in result.summary
    sizes = tickets.dropna(subset=["satisfaction"]).groupby(["queue", "priority"]).size()
    assert result.facts["low_confidence_groups"].value == int((sizes < 30).sum())
    assert result.facts["low_confidence_groups"].label.endswith("30 tickets")
    assert any("37 tickets without a value for satisfaction" in n
               for n in result.provenance.notes)
    rate = breakdown(ws, by=["queue"], metric="rate", measure="escalated")
    truth_rate = (tickets["escalated"] == "yes").groupby(tickets["queue"]).mean()
    for queue, value in truth_rate.items():
        assert by_label(rate.table, "queue")[queue] == pytest.approx(value)
    with pytest.raises(ToolError, match="an id"):
        breakdown(ws, by=["ticket_ref"])


def test_next_to_customers_and_orders_the_tickets_are_used_only_for_their_columns(
        demo_ws: Workspace, tickets: pd.DataFrame) -> None:
    save_tickets(demo_ws, tickets)
    result = breakdown(demo_ws, by=["queue"], metric="mean", measure="satisfaction")
    assert result.provenance.datasets == ["support_tickets"]
    truth = tickets.groupby("queue")["satisfaction"].mean()
    for queue, mean in truth.items():
        assert by_label(result.table, "queue")[queue] == pytest.approx(mean)
    customers = demo_ws.read_dataset("customers")
    by_region = breakdown(demo_ws, by=["region"])
    assert "support_tickets" not in by_region.provenance.datasets
    assert by_label(by_region.table, "region", "customers").sum() == customers[
        "customer_id"].nunique()
    named = breakdown(demo_ws, by=["region"], dataset="customers")
    pd.testing.assert_frame_equal(named.table, by_region.table)


def test_order_lines_without_a_recognised_date_are_not_counted_as_rows(tmp_path: Path) -> None:
    """Counting such a table's rows would count order lines as orders: the date is asked for."""
    ws = Workspace(tmp_path / "lines")
    lines = pd.DataFrame({"InvoiceNo": [f"A{i // 3}" for i in range(60)],
                          "CustomerID": [f"K{i % 12}" for i in range(60)],
                          "Price": [float(i % 7 + 1) for i in range(60)],
                          "Shop": ["north", "south"] * 30,
                          "When": ["someday"] * 60})
    ws.save_dataset("shop_lines", lines, {"roles": {
        "InvoiceNo": "order_id", "CustomerID": "customer_id", "Price": "amount",
        "Shop": "categorical", "When": "categorical"},
        "report": describe_table(lines, "shop_lines").to_dict()})
    with pytest.raises(ToolError, match="looks like orders"):
        breakdown(ws, by=["Shop"])
    with pytest.raises(ToolError, match="order date"):
        breakdown(ws, by=["Shop"], dataset="shop_lines")
