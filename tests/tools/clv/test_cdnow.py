"""On the CDNOW sample the models reproduce the published fits.

Fader, Hardie & Lee (2005) fit BG/NBD to the 2,357-customer CDNOW sample over a 39-week
calibration period (1997-01-01 to 1997-09-30): r = 0.243, α = 4.414, a = 0.793, b = 2.426,
log-likelihood −9582.4. Their Gamma-Gamma fit on the 946 customers with a repeat purchase
gives p = 6.25, q = 3.74, γ = 15.44. A purchase is a purchase day.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tools.clv import (
    clv,
    expected_purchases,
    expected_purchases_new_customer,
    fit_bgnbd,
    fit_gamma_gamma,
    purchase_summary,
)
from tools.ingest import IngestOptions, load_into_workspace, read_table
from tools.workspace import Workspace

CALIBRATION_END = pd.Timestamp("1997-09-30")
CDNOW_ROLES = {"column_2": "customer_id", "column_3": "transaction_date",
               "column_4": "quantity", "column_5": "amount"}
OPTIONS = IngestOptions(has_header=False, keep_duplicates=True, roles=CDNOW_ROLES)


def cdnow_orders(shared_data: Path) -> pd.DataFrame:
    frame = read_table(shared_data / "CDNOW_sample.txt", OPTIONS).frame
    return pd.DataFrame({"customer_id": frame["column_2"], "date": frame["column_3"],
                         "amount": frame["column_5"]})


def independent_calibration_days(shared_data: Path) -> pd.DataFrame:
    """Purchase days in the calibration period, read with plain pandas."""
    raw = pd.read_csv(shared_data / "CDNOW_sample.txt", sep=r"\s+", header=None,
                      names=["own_id", "customer", "date", "cds", "value"],
                      dtype={"own_id": str, "customer": str, "date": str})
    raw["date"] = pd.to_datetime(raw["date"], format="%Y%m%d")
    calibration = raw[raw["date"] <= CALIBRATION_END]
    days = calibration.groupby(["customer", "date"], as_index=False)["value"].sum()
    return days.sort_values(["customer", "date"])


def test_summary_matches_an_independent_count(shared_data: Path) -> None:
    summary = purchase_summary(cdnow_orders(shared_data), CALIBRATION_END)
    days = independent_calibration_days(shared_data)
    per_customer = days.groupby("customer").agg(
        first=("date", "min"), last=("date", "max"), purchase_days=("date", "size"))
    assert len(summary) == len(per_customer) == 2357
    assert int((per_customer["purchase_days"] > 1).sum()) == 946
    assert int((summary["frequency"] > 0).sum()) == 946

    for customer in ["0001", "0002", "0100", "1000", "2357"]:
        expected = per_customer.loc[customer]
        row = summary.loc[customer]
        assert row["frequency"] == expected["purchase_days"] - 1
        assert row["recency"] == pytest.approx((expected["last"] - expected["first"]).days / 7)
        assert row["T"] == pytest.approx((CALIBRATION_END - expected["first"]).days / 7)
    # the paper's worked example: customer 0001 has x = 2, t_x = 30.43, T = 38.86
    assert summary.loc["0001", ["frequency", "recency", "T"]].round(2).tolist() == [
        2, 30.43, 38.86]


def test_monetary_is_the_mean_of_repeat_purchase_days(shared_data: Path) -> None:
    summary = purchase_summary(cdnow_orders(shared_data), CALIBRATION_END)
    days = independent_calibration_days(shared_data)
    repeat_days = days[days.duplicated("customer")]  # every day after the first
    expected = repeat_days.groupby("customer")["value"].mean()
    got = summary.loc[expected.index, "monetary"]
    assert np.allclose(got.to_numpy(), expected.to_numpy())
    assert (summary.loc[summary["frequency"] == 0, "monetary"] == 0).all()


def test_bgnbd_fit_reproduces_the_published_parameters(shared_data: Path) -> None:
    summary = purchase_summary(cdnow_orders(shared_data), CALIBRATION_END)
    params = fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    published = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    for name, value in published.items():
        assert getattr(params, name) == pytest.approx(value, rel=0.02), name
    assert params.log_likelihood == pytest.approx(-9582.4, abs=0.1)
    assert params.converged


def test_bgnbd_predictions_match_the_published_worked_examples(shared_data: Path) -> None:
    summary = purchase_summary(cdnow_orders(shared_data), CALIBRATION_END)
    params = fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    # Hardie's spreadsheet: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks
    assert float(expected_purchases(params, 39, 2, 30.43, 38.86)) == pytest.approx(
        1.226, abs=0.001)
    # and E[X(t)] for a new customer at these times (weeks)
    times = np.array([0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0])
    published = np.array([0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576])
    assert np.allclose(expected_purchases_new_customer(params, times), published, atol=0.001)


def test_gamma_gamma_fit_reproduces_the_published_parameters(shared_data: Path) -> None:
    summary = purchase_summary(cdnow_orders(shared_data), CALIBRATION_END)
    params = fit_gamma_gamma(summary["frequency"], summary["monetary"])
    for name, value in {"p": 6.25, "q": 3.74, "gamma": 15.44}.items():
        assert getattr(params, name) == pytest.approx(value, rel=0.05), name
    assert params.converged


def test_the_tool_on_a_loaded_cdnow_file_reports_the_published_fit(
    shared_data: Path, tmp_path: Path
) -> None:
    ws = Workspace(tmp_path / "cdnow")
    load_into_workspace(ws, "orders", shared_data / "CDNOW_sample.txt", OPTIONS)
    result = clv(ws, end_date="1997-09-30", months=9)
    assert result.fact("method") == "predictive"
    assert result.fact("customers") == 2357
    assert result.fact("repeat_customers") == 946
    for fact, value in {"bgnbd_r": 0.243, "bgnbd_alpha": 4.414, "bgnbd_a": 0.793,
                        "bgnbd_b": 2.426, "gg_p": 6.25, "gg_q": 3.74, "gg_gamma": 15.44}.items():
        assert result.fact(fact) == pytest.approx(value, rel=0.05), fact
    assert result.fact("end_date") == "1997-09-30"
