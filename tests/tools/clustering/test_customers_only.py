"""Clustering a customers-only table on mixed numeric and categorical attributes, with a
stated minimum segment size; every size and profile number checked with pandas."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from tools.clustering import cluster_customers
from tools.errors import ToolError
from tools.ingest import load_into_workspace
from tools.workspace import Workspace


def members_of(result) -> pd.Series:
    return result.tables["members"].set_index("customer_id")["segment"]


def check_sizes_and_profiles(result, customers: pd.DataFrame, numbers: list[str]) -> None:
    """Sizes, shares and numeric profiles equal a plain groupby over the saved members."""
    segment = members_of(result).reindex(customers.index)
    assert segment.notna().all()
    sizes = segment.value_counts()
    table = result.table.set_index("segment")
    assert table["customers"].to_dict() == sizes.to_dict()
    assert table["share"].to_dict() == pytest.approx((sizes / len(customers)).to_dict())
    for column in numbers:
        if column in table.columns:
            values = pd.to_numeric(customers[column], errors="coerce")
            means = values.fillna(values.median()).groupby(segment).mean()
            assert table[column].to_dict() == pytest.approx(means.to_dict())


def test_default_features_mix_numbers_and_categories_and_skip_ids(telecom_ws, telecom):
    result = cluster_customers(telecom_ws)
    features = set(result.tables["profile"]["feature"])
    assert {"Contract", "gender", "tenure", "MonthlyCharges", "Churn"} <= features
    assert not features & {"customerID", "email"}
    min_size = max(30, math.ceil(0.05 * len(telecom)))
    assert result.fact("min_segment_size") == min_size
    assert result.table["customers"].min() >= min_size
    assert result.table["customers"].sum() == len(telecom)
    assert f"at least {min_size} customers" in result.summary
    check_sizes_and_profiles(result, telecom.set_index("customerID"),
                             ["tenure", "MonthlyCharges"])


def test_the_label_column_can_be_left_out(telecom_ws, telecom):
    result = cluster_customers(telecom_ws, exclude=["churn"], n_segments=3)
    assert "Churn" not in set(result.tables["profile"]["feature"])
    assert "Contract" in set(result.tables["profile"]["feature"])
    assert any("Left out as asked: 'Churn'" in n for n in result.provenance.notes)
    check_sizes_and_profiles(result, telecom.set_index("customerID"), ["tenure"])


def test_small_segments_are_merged_and_the_answer_says_so(make_ws, telecom):
    ws = make_ws(customers=telecom.head(300))
    result = cluster_customers(ws, features=["tenure", "MonthlyCharges", "Contract"],
                               method="kmeans", n_segments=8, min_segment_share=0.15)
    min_size = math.ceil(0.15 * 300)
    assert result.fact("min_segment_size") == min_size
    assert result.fact("merged_segments") > 0
    assert result.table["customers"].min() >= min_size
    assert "were merged" in result.summary and f"at least {min_size}" in result.summary


def test_fewer_than_a_hundred_customers_are_warned_about(make_ws, telecom):
    ws = make_ws(customers=telecom.head(80))
    result = cluster_customers(ws, features=["tenure", "MonthlyCharges"], n_segments=2)
    assert "unstable" in result.warnings[0] and "80 customers" in result.warnings[0]


def test_too_few_for_two_segments_of_the_minimum_size_is_declined(make_ws, telecom):
    ws = make_ws(customers=telecom.head(50))
    with pytest.raises(ToolError, match="too few for segments of at least 30"):
        cluster_customers(ws, features=["tenure", "MonthlyCharges"])
    flagged = cluster_customers(ws, features=["tenure", "MonthlyCharges"], n_segments=2,
                                small_segments="flag")
    assert flagged.table["customers"].sum() == 50 and "unstable" in flagged.warnings[0]


def test_campaign_table_clusters_on_its_attributes(shared_data: Path, tmp_path: Path):
    ws = Workspace(tmp_path / "campaign")
    load_into_workspace(ws, "customers", shared_data / "marketing_campaign.csv")
    raw = pd.read_csv(shared_data / "marketing_campaign.csv", sep="\t",
                      dtype={"ID": str}).set_index("ID")
    result = cluster_customers(ws, exclude=["Response"], method="kmeans")
    features = set(result.tables["profile"]["feature"])
    assert {"Education", "Marital_Status", "Income", "MntWines"} <= features
    assert not features & {"ID", "Response", "Z_CostContact", "Z_Revenue", "Dt_Customer"}
    assert result.fact("min_segment_size") == math.ceil(0.05 * 2240)
    assert result.table["customers"].min() >= result.fact("min_segment_size")
    check_sizes_and_profiles(result, raw, ["Income", "MntWines", "Recency"])


def test_row_numbers_are_left_out_but_unique_amounts_are_kept(make_ws, telecom):
    frame = telecom.assign(row=range(1, len(telecom) + 1),
                           balance=[1000 * i + 17 * (i % 7) for i in range(len(telecom))])
    ws = make_ws(customers=frame, roles={"customers": {"row": "numeric"}})
    result = cluster_customers(ws, exclude=["Churn"], n_segments=2)
    features = set(result.tables["profile"]["feature"])
    assert "balance" in features and "row" not in features
    assert any("'row' (a different whole number" in n for n in result.provenance.notes)
