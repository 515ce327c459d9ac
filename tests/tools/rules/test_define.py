"""define_segment on the demo: members equal masks computed here with plain pandas."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from tools.errors import ToolError
from tools.rules import define_segment
from tools.segments import Segmentation, resolve_segment, save_segmentation
from tools.workspace import Workspace

INCOME_ORDER = ["<25k", "25-50k", "50-75k", "75-100k", "100-150k", "150k+"]


@pytest.fixture(scope="module")
def shared_ws(demo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """One copy of the demo for the tests here that only read."""
    target = tmp_path_factory.mktemp("rules-read") / "demo"
    shutil.copytree(demo_root, target)
    return Workspace(target)


@pytest.fixture(scope="module")
def people(shared_ws: Workspace) -> pd.DataFrame:
    """Customers with revenue and order counts from completed orders, computed here."""
    customers = shared_ws.read_dataset("customers").set_index("customer_id")
    orders = shared_ws.read_dataset("orders")
    completed = orders[orders["status"] == "completed"]
    customers["revenue"] = completed.groupby("customer_id")["amount"].sum().reindex(
        customers.index).fillna(0.0)
    customers["orders"] = completed.groupby("customer_id").size().reindex(
        customers.index).fillna(0)
    return customers


def members(result) -> set[str]:
    return set(result.table["customer_id"])


def ids(mask: pd.Series) -> set[str]:
    return set(mask.index[mask])


def test_demographic_filter_matches_pandas(shared_ws: Workspace, people: pd.DataFrame) -> None:
    result = define_segment(
        shared_ws, filter='age between 25 and 40 and region in ("California", "Texas")')
    expected = people["age"].between(25, 40) & people["region"].isin(["California", "Texas"])
    assert members(result) == ids(expected)
    assert result.fact("customers") == expected.sum()
    assert result.fact("share_of_customers") == pytest.approx(expected.mean())


def test_behaviour_filter_and_revenue_share_match_pandas(shared_ws: Workspace,
                                                         people: pd.DataFrame) -> None:
    result = define_segment(shared_ws, filter="revenue >= 1000 or orders > 10")
    expected = (people["revenue"] >= 1000) | (people["orders"] > 10)
    assert members(result) == ids(expected)
    share = people.loc[expected, "revenue"].sum() / people["revenue"].sum()
    assert result.fact("revenue_share") == pytest.approx(share)
    assert result.fact("revenue") == pytest.approx(people.loc[expected, "revenue"].sum())


def test_text_equality_ignores_case_and_brackets_group(shared_ws: Workspace,
                                                       people: pd.DataFrame) -> None:
    result = define_segment(shared_ws,
                            filter='gender = "female" and (city = "MIAMI" or city = "Austin")')
    expected = (people["gender"] == "Female") & people["city"].isin(["Miami", "Austin"])
    assert expected.sum() > 0
    assert members(result) == ids(expected)
    assert 'gender = "Female"' in result.provenance.notes[0]


def test_dates_and_missing_values(shared_ws: Workspace, people: pd.DataFrame) -> None:
    result = define_segment(shared_ws,
                            filter="signup_date >= 2025-01-01 and company_size is missing")
    expected = (people["signup_date"] >= "2025-01-01") & people["company_size"].isna()
    assert members(result) == ids(expected)


def test_not_equal_leaves_out_missing_values(shared_ws: Workspace, people: pd.DataFrame) -> None:
    result = define_segment(shared_ws, filter='company_size != "1-10"')
    expected = people["company_size"].notna() & (people["company_size"] != "1-10")
    assert members(result) == ids(expected)


def test_income_band_compares_by_its_order(shared_ws: Workspace, people: pd.DataFrame) -> None:
    above = define_segment(shared_ws, filter='income_band > "50-75k"')
    assert members(above) == ids(people["income_band"].isin(INCOME_ORDER[3:]))
    middle = define_segment(shared_ws, filter='income_band between "25-50k" and "75-100k"')
    assert members(middle) == ids(people["income_band"].isin(INCOME_ORDER[1:4]))
    with pytest.raises(ToolError, match="In order, its values are '<25k'"):
        define_segment(shared_ws, filter='income_band > "rich"')


def test_top_share_keeps_the_highest_revenue(shared_ws: Workspace, people: pd.DataFrame) -> None:
    result = define_segment(shared_ws, filter="top 10% by revenue")
    ranked = people.reset_index().sort_values(["revenue", "customer_id"],
                                              ascending=[False, True])
    assert members(result) == set(ranked["customer_id"].head(round(0.1 * len(people))))
    assert list(result.table["revenue"]) == sorted(result.table["revenue"], reverse=True)


def test_structured_conditions_give_the_same_members_as_text(shared_ws: Workspace) -> None:
    text = define_segment(shared_ws, filter='age < 30 and (device = "mobile" or orders >= 5)')
    structured = define_segment(shared_ws, conditions={"all_of": [
        {"column": "age", "op": "<", "value": 30},
        {"any_of": [{"column": "device", "op": "=", "value": "mobile"},
                    {"column": "orders", "op": ">=", "value": "5"}]},
    ]})
    assert members(text) == members(structured)
    assert text.provenance.notes[0] == structured.provenance.notes[0]


def test_chinese_operators_select_the_same_customers(shared_ws: Workspace,
                                                     people: pd.DataFrame) -> None:
    result = define_segment(shared_ws, filter='age大于30 并且 region 属于（"California"、"Texas"）')
    expected = (people["age"] > 30) & people["region"].isin(["California", "Texas"])
    assert members(result) == ids(expected)


def test_personal_data_never_appears_in_the_table(shared_ws: Workspace,
                                                  people: pd.DataFrame) -> None:
    result = define_segment(shared_ws, filter='email contains "GMAIL" and age > 60')
    expected = people["email"].str.lower().str.contains("gmail") & (people["age"] > 60)
    assert members(result) == ids(expected)
    assert not {"name", "email", "phone"} & set(result.table.columns)
    assert {"age", "revenue", "orders"} <= set(result.table.columns)


def test_a_saved_segment_is_reused_by_name(demo_ws: Workspace, people: pd.DataFrame) -> None:
    saved = define_segment(demo_ws, name="Young Texans", filter='age < 30 and region = "Texas"')
    assert saved.fact("saved_as") == "Young Texans"
    segmentation, label, member_ids = resolve_segment(demo_ws, "Young Texans")
    expected = (people["age"] < 30) & (people["region"] == "Texas")
    assert (segmentation, label) == ("Young Texans", "Young Texans")
    assert set(member_ids) == ids(expected)
    narrowed = define_segment(demo_ws, segment="Young Texans", filter='gender = "Male"')
    assert members(narrowed) == ids(expected & (people["gender"] == "Male"))
    as_column = define_segment(demo_ws, filter='`Young Texans` is not missing and orders > 3')
    assert members(as_column) == ids(expected & (people["orders"] > 3))


def test_saved_segmentations_are_columns(demo_ws: Workspace, people: pd.DataFrame) -> None:
    labels = pd.Series(["Champions" if age > 50 else "Others" for age in people["age"]],
                       index=people.index)
    save_segmentation(demo_ws, Segmentation("rfm", "rfm", labels))
    result = define_segment(demo_ws, filter='rfm = "champions" and gender = "Female"')
    assert members(result) == ids((people["age"] > 50) & (people["gender"] == "Female"))
    with pytest.raises(ToolError, match="already the name of a saved rfm"):
        define_segment(demo_ws, name="rfm", filter="age > 20")
    with pytest.raises(ToolError, match="already a segment in 'rfm'"):
        define_segment(demo_ws, name="Champions", filter="age > 20")


def test_an_empty_segment_is_reported_and_not_saved(demo_ws: Workspace) -> None:
    result = define_segment(demo_ws, name="Nobody", filter="age > 200")
    assert result.fact("customers") == 0
    assert result.fact("share_of_customers") == 0
    assert any("No customer matches" in w for w in result.warnings)
    assert any("Not saved" in w for w in result.warnings)
    with pytest.raises(ToolError):
        resolve_segment(demo_ws, "Nobody")


def test_small_segments_mark_averages_low_confidence(shared_ws: Workspace) -> None:
    result = define_segment(shared_ws, filter="top 5 by revenue")
    assert result.fact("customers") == 5
    assert result.facts["avg_order_value"].low_confidence


@pytest.mark.parametrize(("text", "message"), [
    ('region = "Califronia"', "Did you mean 'California'"),
    ("age = abc", "age is a number; 'abc' is not"),
    ('regoin = "Texas"', "Did you mean 'region'"),
    ('signup_date > "soon"', "signup_date is a date; 'soon' is not"),
    ('region > "M"', "region is text"),
    ('age contains "3"', "'contains' works on text"),
    ("top 10 by region", "needs a number to rank by"),
    ("age > 30; import os", "position 8"),
    ("__import__('os')", "Expected an operator"),
])
def test_mistakes_give_a_message_naming_the_fix(shared_ws: Workspace, text: str,
                                                message: str) -> None:
    with pytest.raises(ToolError) as caught:
        define_segment(shared_ws, filter=text)
    assert message in str(caught.value)


def test_rule_is_given_once_and_no_rule_means_everyone(shared_ws: Workspace) -> None:
    with pytest.raises(ToolError, match="either"):
        define_segment(shared_ws, filter="age > 3",
                       conditions={"column": "age", "op": ">", "value": 3})
    everyone = define_segment(shared_ws)
    assert everyone.fact("share_of_customers") == 1
    assert any("every customer" in w for w in everyone.warnings)


def test_top_n_ties_go_to_the_lower_customer_id(make_ws) -> None:
    orders = pd.DataFrame({
        "customer_id": ["C4", "C3", "C2", "C1", "C5"],
        "order_date": pd.to_datetime(["2024-01-01"] * 5),
        "amount": [100.0, 100.0, 100.0, 50.0, 200.0],
    })
    ws = make_ws(orders=orders, roles={"orders": {"order_date": "transaction_date"}})
    result = define_segment(ws, filter="top 3 by revenue")
    assert list(result.table["customer_id"]) == ["C5", "C2", "C3"]
    bottom = define_segment(ws, filter="bottom 2 by revenue")
    assert list(bottom.table["customer_id"]) == ["C1", "C2"]
    more = define_segment(ws, filter="top 10 by revenue")
    assert more.fact("customers") == 5
    assert any("fewer than the 10" in w for w in more.warnings)


def test_a_customers_table_alone_is_enough(make_ws) -> None:
    customers = pd.DataFrame({
        "customer_id": [f"K{i:02d}" for i in range(40)],
        "age": list(range(20, 60)),
        "member": [i % 2 == 0 for i in range(40)],
    })
    ws = make_ws(customers=customers)
    result = define_segment(ws, filter="age >= 50 and member = yes")
    expected = customers[(customers["age"] >= 50) & customers["member"]]["customer_id"]
    assert members(result) == set(expected)
    assert "revenue_share" not in result.facts
    assert result.fact("share_of_customers") == pytest.approx(len(expected) / 40)
