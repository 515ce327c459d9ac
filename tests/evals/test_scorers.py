"""The scorers, each on hand-made answers that should pass and answers that should fail."""

from __future__ import annotations

import pytest

from evals.numbers import appears, read_numbers
from evals.questions import NumberCheck
from evals.scorers import (
    Call,
    argument_matches,
    latency,
    score_arguments,
    score_exclude,
    score_include,
    score_kind,
    score_numbers,
    score_own_grounding,
    score_reported_grounding,
    score_routing,
)

# ----- reading numbers as people write them ---------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("We have 1,234 customers", 1234),
    ("Champions are 18.3% of buyers", 18.3),
    ("The average order is $1,204", 1204),
    ("Revenue was $5.9M", 5_900_000),
    ("revenue of 5.9 million dollars", 5_900_000),
    ("共有6000名客户", 6000),
    ("收入58.6万", 586_000),
])
def test_numbers_are_read_as_written(text: str, value: float) -> None:
    assert [n.value for n in read_numbers(text)] == [value]


def test_dates_ids_and_list_markers_are_not_numbers() -> None:
    text = "1. Orders from 2024-05-01 by customer C00123\n2. Done"
    assert read_numbers(text) == []


def test_a_number_matches_at_the_precision_it_is_written() -> None:
    assert appears("Champions are 9.6% of buyers", 9.5607, percent=True)
    assert not appears("Champions are 9.7% of buyers", 9.5607, percent=True)
    assert appears("revenue is $5.9 million", 5_860_814)
    assert not appears("about 6,000 buyers", 5941)
    assert appears("about 6,000 buyers", 5941, rel_tolerance=0.01)
    assert not appears("9.6 customers", 9.5607, percent=True)


# ----- kind, routing, arguments ----------------------------------------------------------

def test_kind() -> None:
    assert score_kind(["answer"], "answer").passed
    assert score_kind(["error", "clarify"], "clarify").passed
    assert not score_kind(["refuse"], "answer").passed


def test_routing_needs_every_expected_tool_and_accepts_alternatives() -> None:
    assert score_routing([["breakdown", "distribution"]], [], ["distribution"]).passed
    assert score_routing([["rfm"], ["compare_segments"]], [], ["rfm", "compare_segments"]).passed
    failed = score_routing([["rfm"], ["compare_segments"]], [], ["rfm"])
    assert not failed.passed and "compare_segments" in failed.detail


def test_routing_refuses_forbidden_tools() -> None:
    assert score_routing([], ["*"], []).passed
    assert not score_routing([], ["*"], ["overview"]).passed
    assert not score_routing([], ["export_segment"], ["export_segment"]).passed


def test_argument_values_compare_loosely_where_a_marketer_would() -> None:
    assert argument_matches("region", " Region ")
    assert argument_matches(["region", "gender"], ["Gender", "region"])
    assert argument_matches(["region"], "region")
    assert argument_matches({"any_of": ["Champions", "rfm/Champions"]}, "rfm/champions")
    assert argument_matches({"approx": 30, "tolerance": 1}, 31)
    assert argument_matches(10, 10.0)
    assert argument_matches(None, None)
    assert not argument_matches("region", "country")
    assert not argument_matches(["region"], ["region", "city"])
    assert not argument_matches({"approx": 30, "tolerance": 1}, 45)
    assert not argument_matches(False, None)


def test_arguments_use_the_validated_parameters_with_defaults() -> None:
    call = Call("pareto", arguments={}, parameters={"top_percent": 20.0})
    assert score_arguments({"pareto": {"top_percent": 20}}, [call]).passed
    wrong = score_arguments({"pareto": {"top_percent": 10}}, [call])
    assert not wrong.passed and "top_percent" in wrong.detail


def test_arguments_are_not_judged_for_tools_that_were_not_called() -> None:
    assert score_arguments({"pareto": {"top_percent": 10}}, [Call("overview")]) is None


# ----- what the answer says -------------------------------------------------------------

def test_numbers_check_computed_and_literal_values() -> None:
    resolve = {"customers": 6000, "largest_region": "California"}.__getitem__
    text = "You have 6,000 customers; most live in California."
    checks = [NumberCheck(compute="customers"), NumberCheck(compute="largest_region"),
              NumberCheck(value=6000)]
    assert score_numbers(checks, text, resolve).passed
    missing = score_numbers([NumberCheck(value=5941)], text, resolve)
    assert not missing.passed and "5,941" in missing.detail


def test_a_number_that_cannot_be_computed_fails() -> None:
    def broken(name: str) -> float:
        raise KeyError(name)

    assert not score_numbers([NumberCheck(compute="nope")], "6,000", broken).passed


def test_phrases_include_and_exclude() -> None:
    text = "Discount hunters complain that the Coupon did not apply."
    assert score_include([["coupon", "voucher"], ["discount"]], text).passed
    assert not score_include([["shipping"]], text).passed
    assert score_exclude(["@"], text).passed
    assert not score_exclude(["coupon"], text).passed


# ----- grounding ------------------------------------------------------------------------

FACTS = [(0.0956, "share"), (5860814.48, "currency"), (568, "customers"),
         ("2024-05-01 to 2026-10-31", "")]


def test_numbers_from_the_facts_are_grounded() -> None:
    text = "568 customers (9.6%) are Champions; revenue is $5,860,814 or $5.9M since 2024."
    assert score_own_grounding(text, FACTS).passed


def test_an_invented_number_is_not_grounded() -> None:
    check = score_own_grounding("Revenue grew 37.9% last year.", FACTS)
    assert not check.passed and "37.9%" in check.detail


def test_a_share_written_as_a_percentage_is_not_the_fraction() -> None:
    assert not score_own_grounding("0.1% are Champions", [(0.001, "ratio")]).passed


def test_numbers_the_marketer_gave_are_allowed() -> None:
    assert score_own_grounding("The top 20% bring most revenue.", [], allowed=[20]).passed
    assert score_own_grounding("I found 3 themes in 2026.", []).passed


def test_the_assistants_own_grounding_report() -> None:
    assert score_reported_grounding([]).passed
    assert not score_reported_grounding(["37.9%"]).passed


def test_latency_percentiles() -> None:
    result = latency([1.0, 2.0, 3.0, 4.0, 100.0])
    assert result["p50"] == 3.0
    assert 4.0 < result["p95"] < 100.0
