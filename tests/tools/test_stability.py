"""Bootstrap stability separates real structure from noise; migration counts who moved where."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tools.errors import ToolError
from tools.features import LifecycleRules
from tools.rfm import rfm
from tools.stability import cluster_stability, segment_migration


def _customers(values: np.ndarray) -> pd.DataFrame:
    frame = pd.DataFrame(values, columns=[f"x{i}" for i in range(values.shape[1])])
    return frame.assign(customer_id=[f"C{i:04d}" for i in range(len(frame))])


def test_well_separated_blobs_are_stable(make_ws) -> None:
    rng = np.random.default_rng(5)
    centres = np.array([[0, 0, 0], [8, 0, 0], [0, 8, 0], [0, 0, 8]])
    values = np.vstack([rng.normal(c, 1.0, size=(150, 3)) for c in centres])
    result = cluster_stability(make_ws(customers=_customers(values)), method="kmeans",
                               resamples=10)
    assert result.fact("n_segments") == 4
    assert result.fact("mean_ari") > 0.95 and result.fact("verdict") == "stable"
    assert result.fact("ari_p05") <= result.fact("mean_ari") <= result.fact("ari_p95")
    assert (result.table["stability"] > 0.9).all()
    assert len(result.tables["resamples"]) == 10


def test_noise_is_less_stable_than_blobs(make_ws) -> None:
    rng = np.random.default_rng(6)
    noise = rng.uniform(size=(600, 8))
    result = cluster_stability(make_ws(customers=_customers(noise)), method="kmeans",
                               n_segments=5, resamples=10)
    assert result.fact("mean_ari") < 0.75
    assert result.fact("verdict") in ("moderately stable", "unstable")


def test_migration_matrix_matches_an_independent_crosstab(demo_ws) -> None:
    result = segment_migration(demo_ws, first_date="2026-03-31", second_date="2026-09-30")
    # independent lifecycle status: same rules, written here with plain pandas
    orders = demo_ws.read_dataset("orders")
    orders = orders[orders["status"] == "completed"]
    rules = LifecycleRules()

    def status(as_of: str) -> pd.Series:
        day = pd.Timestamp(as_of)
        seen = orders[orders["order_date"] <= day].groupby("customer_id")["order_date"]
        first, last, n = seen.min(), seen.max(), seen.size()
        tenure, recency = (day - first).dt.days, (day - last).dt.days
        out = pd.Series("active", index=n.index)
        out[n >= rules.loyal_orders] = "loyal"
        out[recency > rules.at_risk_days] = "at risk"
        out[recency > rules.churned_days] = "churned"
        out[tenure <= rules.new_days] = "new"
        return out

    before, after = status("2026-03-31"), status("2026-09-30")
    expected = pd.crosstab(before.reindex(after.index).fillna("not yet a customer"), after)
    table = result.table.set_index("from_status")
    for origin, row in expected.iterrows():
        for target, count in row.items():
            assert table.at[origin, target] == count, (origin, target)
        assert table.at[origin, "customers"] == row.sum()
        assert table.loc[origin, [f"{c} share" for c in expected.columns]].sum() == (
            pytest.approx(1.0))
    existing = expected.drop(index="not yet a customer")
    stayed = sum(existing.at[s, s] for s in existing.index if s in existing.columns)
    assert result.fact("customers") == existing.to_numpy().sum()
    assert result.fact("stayed_share") == pytest.approx(stayed / existing.to_numpy().sum())
    assert result.fact("moved_share") == pytest.approx(1 - result.fact("stayed_share"))
    assert result.fact("new_customers") == expected.loc["not yet a customer"].sum()
    off = existing.stack()
    off = off[[a != b for a, b in off.index]]
    assert result.fact("biggest_flow") == " → ".join(off.idxmax())
    assert result.fact("biggest_flow_customers") == off.max()


def test_migration_dates_must_be_in_order_and_in_range(demo_ws) -> None:
    with pytest.raises(ToolError, match="must be before"):
        segment_migration(demo_ws, first_date="2026-09-30", second_date="2026-03-31")
    with pytest.raises(ToolError, match="The orders run from"):
        segment_migration(demo_ws, first_date="2001-01-01", second_date="2026-03-31")


def test_rfm_migration_ends_in_the_rfm_segments_of_the_second_date(demo_ws):
    result = segment_migration(demo_ws, first_date="2025-10-31", second_date="2026-04-30",
                               segments="rfm")
    table = result.table.set_index("from_status")
    later = rfm(demo_ws, snapshot_date="2026-05-01", save_as=None).table.set_index("segment")
    for name, customers in later["customers"].items():
        assert table[name].sum() == customers
    assert "not yet a customer" in table.index
