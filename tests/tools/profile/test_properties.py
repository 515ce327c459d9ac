"""Properties that hold for any data: shares of a categorical column add up to one."""

from __future__ import annotations

import tempfile

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.ingest import describe_table
from tools.profile import breakdown, distribution
from tools.workspace import Workspace

DEMO_COLUMNS = ["gender", "income_band", "education", "marital_status", "job_title", "country",
                "region", "city", "device", "os", "source_channel", "company_size", "industry"]


def workspace_from(customers: pd.DataFrame, folder: str) -> Workspace:
    ws = Workspace(folder)
    report = describe_table(customers, source="customers")
    ws.save_dataset("customers", customers, {"roles": report.roles, "report": report.to_dict()})
    return ws


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(DEMO_COLUMNS), top=st.integers(2, 30),
       metric=st.sampled_from(["count", "share"]))
def test_demo_shares_sum_to_one(demo_root, column: str, top: int, metric: str) -> None:
    ws = Workspace(demo_root)
    assert distribution(ws, column=column, top=top).table["share"].sum() == pytest.approx(1.0)
    table = breakdown(ws, by=[column], metric=metric, top=top).table
    assert table["share"].sum() == pytest.approx(1.0)


labels = st.sampled_from(["red", "green", "blue", "grey", "Other", " teal "])


@settings(max_examples=15, deadline=None)
@given(values=st.lists(st.one_of(labels, st.none()), min_size=1, max_size=80),
       second=st.lists(st.sampled_from(["a", "b", "c"]), min_size=80, max_size=80),
       top=st.integers(1, 6))
def test_any_categorical_column_shares_sum_to_one(values: list, second: list, top: int) -> None:
    if all(v is None for v in values):
        values = [*values, "red"]
    customers = pd.DataFrame({
        "customer_id": [f"C{i:03d}" for i in range(len(values))],
        "colour": pd.Series(values, dtype="object"),
        "plan": second[: len(values)],
    })
    with tempfile.TemporaryDirectory() as folder:
        ws = workspace_from(customers, folder)
        present = customers["colour"].str.strip().notna().sum()
        shown = distribution(ws, column="colour", top=max(top, 2)).table
        assert shown["share"].sum() == pytest.approx(1.0)
        assert shown["count"].sum() == present
        for by in (["colour"], ["colour", "plan"]):
            table = breakdown(ws, by=by, metric="share", top=top).table
            assert table["share"].sum() == pytest.approx(1.0)
            assert table["value"].sum() == pytest.approx(1.0)
