"""Settings stated in numbers next to their cards' cue words are read, generically."""

from __future__ import annotations

import pytest

from assistant.agent import respond
from assistant.brains.local.slots import normalise
from assistant.brains.local.stated import stated_settings
from assistant.session import Session
from tools.workspace import Workspace


@pytest.mark.parametrize(("tool", "question", "expected"), [
    ("lifecycle", "at risk after 45 days, churned after 300 days", {"at_risk_days": 45,
                                                                    "churned_days": 300}),
    ("lifecycle", "两个月没买就算有流失风险", {"at_risk_days": 60}),
    ("lifecycle", "new means a first order in the past 2 weeks", {"new_days": 14}),
    ("consumer_types", "a third of orders returned makes an impulse buyer",
     {"return_rate_min": round(1 / 3, 4)}),
    ("clv", "clv at a 12% discount rate", {"discount_rate_annual": 0.12}),
    ("rfm", "rfm as of 2025-12-31", {"snapshot_date": "2025-12-31"}),
])
def test_a_setting_is_read_beside_its_cue(tool: str, question: str, expected: dict) -> None:
    assert stated_settings(normalise(question), tool) == expected


@pytest.mark.parametrize(("tool", "question"), [
    ("lifecycle", "how many customers churned in the last 30 days"),  # a period, not the limit
    ("lifecycle", "最近30天流失了多少客户"),
    ("lifecycle", "lifecycle stages in 2025"),  # a year is no number of days
    ("rfm", "rfm for 2026年6月"),
])
def test_a_period_or_a_year_is_no_setting(tool: str, question: str) -> None:
    assert stated_settings(normalise(question), tool) == {}


def test_an_impossible_stated_setting_is_refused_with_its_range(demo_ws: Workspace) -> None:
    """Never replaced by the default: the tool names the valid range."""
    *_, answer = respond(Session(demo_ws), "lifecycle stages with churned after 9000 days")
    assert answer.kind == "error", answer.text
    assert "7300" in answer.text or "7,300" in answer.text, answer.text


def test_stated_settings_reach_the_tool(demo_ws: Workspace) -> None:
    import pandas as pd

    *_, answer = respond(Session(demo_ws), "lifecycle stages where new means a first order "
                                           "in the last 30 days")
    call = [c for c in answer.tool_calls if c.tool == "lifecycle"][-1]
    assert call.arguments["new_days"] == 30
    orders = demo_ws.read_dataset("orders")
    orders = orders[orders["status"] == "completed"]
    dates = pd.to_datetime(orders["order_date"])
    first = dates.groupby(orders["customer_id"]).min()
    new = int(((dates.max() - first).dt.days <= 30).sum())  # a first order 30 days ago or later
    assert f"{new:,}" in answer.text, answer.text
