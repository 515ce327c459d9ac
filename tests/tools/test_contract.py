"""Every registered tool honours the Result contract, as check_estimator does for estimators.

A tool that needs arguments lists an example here; a new tool without one fails the
first test, so nothing escapes the contract.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from tools.errors import ToolError
from tools.registry import ToolParams, all_tools
from tools.result import UNITS, Fact, Result

EXAMPLES: dict[str, dict] = {
    "define_segment": {"name": "big spenders", "filter": "revenue >= 1000"},
    "compare_segments": {"first": "Champions", "second": "At Risk"},
    "export_segment": {"segment": "Champions"},
    "distribution": {"column": "age"},
    "breakdown": {"by": ["region"], "metric": "sum", "measure": "revenue"},
    "behaviour_cohorts": {"table": "orders", "column": "discount_used", "value": "true",
                          "at_least": 3},
    "search_feedback": {"query": "coupon code did not work"},
    "customer_lookup": {"customer": "C00001"},
}
# Tools that read the knowledge store run on a copy of the demo indexed once per session.
NEEDS_KNOWLEDGE = {"search_feedback", "feedback_themes", "index_feedback"}
NEEDS_RFM = {"list_segments", "compare_segments", "export_segment", "segment_health",
             "cluster_stability"}
TOOLS = all_tools()


def required(spec) -> set[str]:
    return {name for name, field in spec.params.model_fields.items() if field.is_required()}


@pytest.mark.parametrize("name", sorted(TOOLS))
def test_parameters_are_described_for_a_person_and_a_model(name):
    spec = TOOLS[name]
    assert issubclass(spec.params, ToolParams)
    assert spec.title and len(spec.description) > 30
    for field_name, field in spec.params.model_fields.items():
        assert field.description, f"{name}.{field_name} has no description"
    assert required(spec) <= set(EXAMPLES.get(name, {})), f"add an example for {name}"


def run(name: str, ws) -> Result:
    if name in NEEDS_RFM:
        TOOLS["rfm"].run(ws)
    return TOOLS[name].run(ws, **EXAMPLES.get(name, {}))


def workspace_for(name: str, request: pytest.FixtureRequest):
    return request.getfixturevalue("demo_knowledge_ws" if name in NEEDS_KNOWLEDGE else "demo_ws")


@pytest.mark.parametrize("name", sorted(TOOLS))
def test_every_tool_returns_the_result_contract(name, request):
    result = run(name, workspace_for(name, request))
    assert isinstance(result, Result)
    assert isinstance(result.table, pd.DataFrame) and not result.table.empty
    assert result.facts and all(isinstance(f, Fact) for f in result.facts.values())
    assert all(f.unit in UNITS for f in result.facts.values())
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", key) for key in result.facts)
    assert result.chart is None or isinstance(result.chart, go.Figure)
    assert isinstance(result.summary, str) and 0 < len(result.summary) < 600
    shown = " ".join(fact.text for fact in result.facts.values())
    for number in re.findall(r"\d[\d,.]*\d%?|\d%?", result.summary):
        assert number.rstrip(".,") in shown, f"{name}: '{number}' is not a fact"
    provenance = result.provenance
    assert provenance.tool == name and provenance.seconds > 0
    assert provenance.rows_in >= 0 and provenance.rows_out >= 0
    assert set(provenance.parameters) == set(TOOLS[name].params.model_fields)
    assert result.to_dict()["summary"] == result.summary


@pytest.mark.parametrize("name", sorted(TOOLS))
def test_every_tool_is_deterministic(name, request):
    ws = workspace_for(name, request)
    first, second = run(name, ws), run(name, ws)
    assert {k: f.value for k, f in first.facts.items()} == {
        k: f.value for k, f in second.facts.items()}
    pd.testing.assert_frame_equal(first.table, second.table)


@pytest.mark.parametrize("name", sorted(TOOLS))
def test_unknown_settings_are_refused_with_the_real_ones_named(name, demo_ws):
    with pytest.raises(ToolError, match="not a setting"):
        TOOLS[name].run(demo_ws, **EXAMPLES.get(name, {}), no_such_setting=1)


def test_every_tool_has_a_chinese_title() -> None:
    """Steps, answers and messages in Chinese name the tool by this title."""
    missing = [name for name, spec in all_tools().items()
               if not any("\u4e00" <= ch <= "\u9fff" for ch in spec.title_zh)]
    assert not missing, f"tools without a Chinese title: {missing}"
    assert all(spec.title_in(True) == spec.title_zh and spec.title_in(False) == spec.title
               for spec in all_tools().values())
