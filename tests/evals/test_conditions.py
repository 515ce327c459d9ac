"""The conditions scorer compares rules as sets of canonical conjuncts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from evals.conditions import applied_conditions, canonical_conditions
from evals.scorers import score_conditions


def call(tool: str, **arguments: object) -> SimpleNamespace:
    return SimpleNamespace(tool=tool, arguments=arguments, parameters={})


def test_order_case_and_number_forms_do_not_matter() -> None:
    assert canonical_conditions('age > 50 and gender = "Female"') == \
        canonical_conditions("gender = female and age > 50.0") == {"age > 50", "gender = female"}


def test_a_one_value_list_is_an_equality_and_lists_are_sorted() -> None:
    assert canonical_conditions('country in ("Canada")') == {"country = canada"}
    assert canonical_conditions('country in ("United Kingdom", "Canada")') == \
        {"country in (canada, united kingdom)"}
    assert canonical_conditions('region not in ("Texas")') == {"region != texas"}


def test_an_or_stays_one_condition() -> None:
    assert canonical_conditions('age < 25 or age > 60') == {"(age < 25 or age > 60)"}


def test_a_rule_that_does_not_parse_is_refused() -> None:
    with pytest.raises(ValueError):
        canonical_conditions("age >> 5 and")


def test_the_turn_applies_rules_and_the_segments_it_runs_within() -> None:
    calls = [call("define_segment", filter='country = "Canada"', name="Champions in Canada",
                  segment="rfm/Champions"),
             call("export_segment", segment="Champions in Canada")]
    assert applied_conditions(calls) == {"country = canada", "rfm = champions"}


def test_missing_and_extra_conditions_both_fail() -> None:
    calls = [call("define_segment", filter='gender = "Female" and region = "Texas"', name="x")]
    assert score_conditions(['gender = "Female"', 'region = "Texas"'], calls).passed
    missing = score_conditions(['gender = "Female"', 'region = "Texas"', "age > 50"], calls)
    assert not missing.passed and "missing age > 50" in missing.detail
    extra = score_conditions(['gender = "Female"'], calls)
    assert not extra.passed and "not asked region = texas" in extra.detail
