"""Facts are shown the way a marketer reads them, and summaries only say facts."""

from __future__ import annotations

import pytest

from tools.result import Fact, fact_key, format_value, say


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (0.1834, "share", "18.3%"),
        (1234.5, "currency", "$1,234"),
        (37.05, "currency", "$37.05"),
        (5941, "customers", "5,941 customers"),
        (2.6, "count", "2.60"),
        (193.4, "days", "193 days"),
        (float("nan"), "share", "n/a"),
        ("Champions", "", "Champions"),
    ],
)
def test_values_are_formatted_for_people(value, unit, shown):
    assert format_value(value, unit) == shown


def test_summaries_are_filled_from_facts_only():
    facts = {"customers": Fact(120, "customers"), "share": Fact(0.25, "share")}
    assert say("Of {customers}, {share} buy again.", facts) == "Of 120 customers, 25.0% buy again."
    assert say("{customers:bare} people", facts) == "120 people"
    with pytest.raises(KeyError):
        say("{made_up} customers", facts)


def test_units_are_checked():
    with pytest.raises(ValueError, match="unknown unit"):
        Fact(1, "furlongs")


@pytest.mark.parametrize(
    ("label", "key"),
    [("Can't Lose Them", "can_t_lose_them"), ("at risk", "at_risk"),
     ("product quality", "product_quality"), ("Top 10%", "top_10")],
)
def test_labels_become_fact_name_parts(label, key):
    assert fact_key(label) == key
