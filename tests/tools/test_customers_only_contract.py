"""On a customers-only workspace, every tool that can answer keeps the Result contract
(numbers in the summary are facts, fact names and units are valid), and every tool that
cannot says what it needs instead of failing with a traceback."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tools.errors import ToolError
from tools.registry import all_tools
from tools.result import UNITS, Result

TOOLS = all_tools()
ANSWERED = {
    "overview": {},
    "distribution": {"column": "MonthlyCharges"},
    "breakdown": {"by": ["Contract"], "metric": "rate", "measure": "Churn"},
    "cluster_customers": {"exclude": ["Churn"]},
    "define_segment": {"name": "MtM high",
                       "filter": 'Contract = "Month-to-month" and MonthlyCharges > 70'},
    "compare_segments": {"first": "MtM high"},
    "list_segments": {},
}


def check(result: Result) -> None:
    assert isinstance(result.table, pd.DataFrame) and not result.table.empty
    assert all(f.unit in UNITS for f in result.facts.values())
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", key) for key in result.facts)
    shown = " ".join(fact.text for fact in result.facts.values())
    for number in re.findall(r"\d[\d,.]*\d%?|\d%?", result.summary):
        assert number.rstrip(".,") in shown, f"'{number}' is not a fact"
    assert result.provenance.datasets == ["customers"]


def test_the_tools_that_can_answer_from_customer_columns(telecom_ws):
    for name, arguments in ANSWERED.items():  # in order: the segment is saved, then compared
        check(TOOLS[name].run(telecom_ws, **arguments))


@pytest.mark.parametrize("name", sorted(set(TOOLS) - set(ANSWERED)))
def test_the_others_refuse_with_a_message_not_a_traceback(name, telecom_ws):
    try:
        TOOLS[name].run(telecom_ws)
    except ToolError as error:
        assert len(str(error)) > 20
    except Exception as error:  # pragma: no cover - the failure being tested for
        pytest.fail(f"{name} raised {type(error).__name__}: {error}")


NEED_ORDERS = {"rfm": {}, "lifecycle": {}, "clv": {}, "value_tiers": {}, "pareto": {},
               "consumer_types": {}, "cohort_retention": {},
               "behaviour_cohorts": {"column": "Contract"}}


@pytest.mark.parametrize("name", sorted(NEED_ORDERS))
def test_a_tool_that_needs_orders_names_what_the_customers_table_can_answer(name, telecom_ws):
    """Not 'No orders table found': the tool's title, what it needs, and questions built
    from this table's own columns (its yes/no label by a group, an average of a number)."""
    with pytest.raises(ToolError) as caught:
        TOOLS[name].run(telecom_ws, **NEED_ORDERS[name])
    message = str(caught.value)
    assert message.startswith(f"'{TOOLS[name].title}' needs an orders table")
    assert "Churn rate by Contract" in message
    assert "average MonthlyCharges by Churn" in message
