"""The `clv` tool on the demo company: planted loyal champions are worth more than
customers who stopped buying, value breaks down by a saved segmentation, and bad requests
get messages a marketer can act on."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from tools import registry
from tools.clv import clv
from tools.errors import ToolError
from tools.result import MIN_RELIABLE
from tools.segments import Segmentation, save_segmentation
from tools.workspace import Workspace


def save_archetypes(ws: Workspace, truth: dict) -> pd.Series:
    labels = pd.Series(truth["customer_archetype"], name="segment")
    save_segmentation(ws, Segmentation("archetypes", "planted", labels))
    return labels


def test_importing_the_package_registers_the_tool() -> None:
    spec = registry._REGISTRY["clv"]  # all_tools() would import every tool module
    assert spec.run is clv
    assert {"months", "end_date", "discount_rate_annual", "segment", "by_segmentation",
            "method"} == set(spec.params.model_fields)


def test_loyal_champions_are_worth_more_and_likelier_active_than_at_risk(
    demo_ws: Workspace, demo_truth: dict
) -> None:
    labels = save_archetypes(demo_ws, demo_truth)
    result = clv(demo_ws, by_segmentation="archetypes")
    table = result.table
    assert result.fact("method") == "predictive"

    # the by-segment table agrees with a plain groupby of the customer table
    archetype = table["customer_id"].map(labels)
    expected = table.groupby(archetype).agg(
        customers=("customer_id", "size"), mean_clv=("predicted_clv", "mean"),
        total_value=("predicted_clv", "sum"), mean_prob_alive=("prob_alive", "mean"))
    segments = result.tables["by_segment"].set_index("segment")
    assert set(segments.index) == set(expected.index)
    for column in expected.columns:
        assert np.allclose(segments.loc[expected.index, column], expected[column])
    assert segments["share_of_value"].sum() == pytest.approx(1.0)
    assert not segments["low_confidence"].any()

    champions, at_risk = segments.loc["loyal_champion"], segments.loc["at_risk"]
    assert champions["mean_clv"] > 2 * at_risk["mean_clv"]
    assert champions["mean_prob_alive"] > at_risk["mean_prob_alive"]
    assert result.fact("top_value_segment") == "loyal_champion"
    assert result.chart is not None


def test_customer_table_is_ranked_by_predicted_value(demo_ws: Workspace) -> None:
    result = clv(demo_ws, months=6)
    table = result.table
    assert list(table.columns) == [
        "customer_id", "frequency", "recency", "T", "monetary", "prob_alive",
        "expected_purchases", "expected_avg_value", "predicted_clv", "historical_clv"]
    assert table["predicted_clv"].is_monotonic_decreasing
    assert table["customer_id"].is_unique
    assert table["prob_alive"].between(0, 1).all()
    assert result.fact("customers") == len(table)
    assert result.fact("total_predicted_value") == pytest.approx(table["predicted_clv"].sum())
    assert result.fact("share_likely_alive") == pytest.approx(
        (table["prob_alive"] >= 0.5).mean())
    assert result.fact("horizon_months") == 6
    assert result.facts["total_predicted_value"].text in result.summary
    for name in ("bgnbd_r", "bgnbd_alpha", "bgnbd_a", "bgnbd_b", "gg_p", "gg_q", "gg_gamma"):
        assert result.fact(name) > 0


def test_value_is_purchases_times_spend_and_discounting_lowers_it(demo_ws: Workspace) -> None:
    plain = clv(demo_ws, months=24, discount_rate_annual=0.0).table.set_index("customer_id")
    assert np.allclose(plain["predicted_clv"],
                       plain["expected_purchases"] * plain["expected_avg_value"])
    discounted = clv(demo_ws, months=24, discount_rate_annual=0.2).table.set_index(
        "customer_id")
    ratio = discounted["predicted_clv"].sum() / plain["predicted_clv"].sum()
    # two years at 20% a year: every month's value is cut, by 1.5% up to 30.6%
    assert 1 / 1.2**2 < ratio < 1.0
    longer = clv(demo_ws, months=36, discount_rate_annual=0.0).table.set_index("customer_id")
    assert (longer["expected_purchases"] >= plain["expected_purchases"].reindex(
        longer.index)).all()


def test_segment_shows_only_its_members_while_the_model_uses_everyone(
    demo_ws: Workspace, demo_truth: dict
) -> None:
    labels = save_archetypes(demo_ws, demo_truth)
    everyone = clv(demo_ws)
    champions = clv(demo_ws, segment="loyal_champion")
    assert set(labels[champions.table["customer_id"]]) == {"loyal_champion"}
    in_segment = everyone.table[everyone.table["customer_id"].map(labels) == "loyal_champion"]
    assert len(champions.table) == len(in_segment)
    assert champions.fact("bgnbd_r") == everyone.fact("bgnbd_r")
    assert champions.fact("segment") == "archetypes/loyal_champion"


def test_historical_value_is_order_value_times_frequency_times_lifespan(
    demo_ws: Workspace,
) -> None:
    result = clv(demo_ws, method="historical")
    assert result.fact("method") == "historical"
    assert result.table["predicted_clv"].isna().all()
    orders = demo_ws.read_dataset("orders")
    orders = orders[orders["status"] == "completed"]
    end = orders["order_date"].max().normalize()
    per = orders.groupby(orders["customer_id"].astype(str)).agg(
        n=("amount", "size"), revenue=("amount", "sum"),
        first=("order_date", "min"), last=("order_date", "max"))
    first_day, last_day = per["first"].dt.normalize(), per["last"].dt.normalize()
    lifespan_years = ((last_day - first_day).dt.days / 365.25).mean()
    tenure = np.maximum((end - first_day).dt.days, 91.31)
    expected = per["revenue"] / per["n"] * (per["n"] / tenure * 365.25) * lifespan_years
    got = result.table.set_index("customer_id")["historical_clv"]
    assert np.allclose(got.reindex(expected.index), expected)
    assert got.is_monotonic_decreasing


def test_end_date_ignores_later_orders(demo_ws: Workspace) -> None:
    result = clv(demo_ws, end_date="2025-06-30")
    assert result.fact("end_date") == "2025-06-30"
    orders = demo_ws.read_dataset("orders")
    bought = orders.loc[(orders["status"] == "completed")
                        & (orders["order_date"] < "2025-07-01"), "customer_id"]
    assert result.fact("customers") == bought.nunique()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"months": 0}, "months"),
        ({"months": 1000}, "months"),
        ({"discount_rate_annual": 5}, "discount_rate_annual"),
        ({"horizon": 12}, "not a setting"),
        ({"method": "magic"}, "method"),
        ({"end_date": "someday"}, "YYYY-MM-DD"),
        ({"end_date": "1990-01-01"}, "orders run from"),
        ({"by_segmentation": "nonexistent"}, "segmentation"),
        ({"segment": "Champions"}, "segment"),
    ],
)
def test_bad_requests_explain_what_to_change(
    demo_ws: Workspace, arguments: dict, message: str
) -> None:
    with pytest.raises(ToolError, match=message):
        clv(demo_ws, **arguments)


ORDER_ROLES = {"orders": {"order_date": "transaction_date"}}


def single_purchase_orders(customers: int) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    return pd.DataFrame({
        "order_id": [f"o{i}" for i in range(customers)],
        "customer_id": [f"c{i}" for i in range(customers)],
        "order_date": pd.Timestamp("2024-01-01") + pd.to_timedelta(
            rng.integers(0, 300, customers), unit="D"),
        "amount": rng.gamma(2.0, 40.0, customers).round(2),
    })


def test_only_single_purchases_falls_back_to_historical_value_with_a_warning(
    make_ws: Callable[..., Workspace],
) -> None:
    ws = make_ws(orders=single_purchase_orders(200), roles=ORDER_ROLES)
    result = clv(ws)
    assert result.fact("method") == "historical"
    assert result.fact("repeat_customers") == 0
    assert any("bought more than once" in w for w in result.warnings)
    assert result.table["historical_clv"].notna().all()
    assert "historical lifetime value" in result.summary


def test_small_results_are_marked_low_confidence(make_ws: Callable[..., Workspace]) -> None:
    ws = make_ws(orders=single_purchase_orders(MIN_RELIABLE - 10), roles=ORDER_ROLES)
    result = clv(ws, method="historical")
    assert result.facts["mean_historical_clv"].low_confidence


def test_repeat_purchases_without_value_cannot_feed_the_spend_model(
    make_ws: Callable[..., Workspace],
) -> None:
    first = single_purchase_orders(100)
    free_repeats = first.assign(order_id=first["order_id"] + "-free", amount=0.0,
                                order_date=first["order_date"] + pd.Timedelta(days=20))
    ws = make_ws(orders=pd.concat([first, free_repeats], ignore_index=True), roles=ORDER_ROLES)
    result = clv(ws)
    assert result.fact("method") == "historical"
    assert result.fact("repeat_customers") == 100
    assert result.warnings
