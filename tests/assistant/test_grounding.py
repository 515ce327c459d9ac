"""Numbers and quotes in a persona must come from tool facts and the customers' own words."""

from __future__ import annotations

import pytest

from assistant.grounding import GroundingPack, check, mark_ungrounded, numbers_in, quotes_in
from knowledge.store import KnowledgeStore
from knowledge.themes import segment_themes
from tools.result import Fact
from tools.workspace import Workspace

PACK = GroundingPack(
    facts={
        "customers": Fact(1080, "customers", "Customers"),
        "revenue_share": Fact(0.3147, "share", "Share of revenue"),
        "avg_order_value": Fact(123.456, "currency", "Average order value"),
        "lift": Fact(2.43, "ratio", "Lift"),
        "theme_1": Fact("20% off coupon", "", "Theme"),
    },
    quotes=["I tried the 20% off coupon three times and it kept saying invalid."],
)

GOOD = (
    "Discount hunters are 1,080 customers who bring 31% of revenue (31.5% to be exact), "
    "spend $123.46 per order and mention coupons 2.4 times as often as others. "
    'One wrote: "I tried the 20% off coupon three times and it kept saying invalid."'
)


def test_a_grounded_persona_passes_with_rounding_as_written():
    report = check(GOOD, PACK)
    assert report.grounded, (report.ungrounded_numbers, report.ungrounded_quotes)
    # the "20%" inside the customer's quotation is checked with the quotation, verbatim
    assert [m.value for m in report.numbers] == [1080, 31, 31.5, 123.46, 2.4]


def test_dates_years_and_numbers_inside_quotations_are_not_read_as_figures():
    text = ('Since 2024-05-01 (and in 2025) 7 segments; one said "I paid 50 dollars for 31 '
            'items last week" and lift was 2.4x.')
    assert [m.text for m in numbers_in(text)] == ["7", "2.4x"]


def test_an_invented_quote_with_a_number_inside_is_removed_whole():
    text = 'They said "the 35% coupon never worked at all" often.'
    report = check(text, PACK)
    assert report.ungrounded_quotes == ["the 35% coupon never worked at all"]
    assert "35%" not in mark_ungrounded(text, report)


@pytest.mark.parametrize(
    "wrong, number",
    [
        ("1,080 customers", "1,180 customers"),
        ("31% of revenue", "38% of revenue"),
        ("$123.46 per order", "$128.46 per order"),
        ("2.4 times", "3.4 times"),
    ],
)
def test_an_injected_wrong_number_is_caught(wrong, number):
    report = check(GOOD.replace(wrong, number), PACK)
    assert [m.text.strip("$") for m in report.ungrounded_numbers] == [number.split()[0].strip("$")]


def test_an_invented_quote_is_caught_and_removed_while_the_real_one_stays():
    text = GOOD + ' Another said: "Your prices are a total rip-off and I will never return."'
    report = check(text, PACK)
    assert report.ungrounded_quotes == ["Your prices are a total rip-off and I will never return."]
    cleaned = mark_ungrounded(text, report)
    assert "rip-off" not in cleaned and "quote removed" in cleaned
    assert "kept saying invalid" in cleaned


def test_quotes_found_in_the_store_are_grounded_too():
    text = 'A caller said: "the parcel never arrived and nobody answered".'
    store_text = "Honestly the parcel never arrived and nobody answered my emails."
    report = check(text, GroundingPack(), quote_exists=lambda q: q.lower() in store_text.lower())
    assert report.grounded


def test_ids_list_markers_and_a_share_read_as_its_fraction_are_not_mistaken():
    text = "1. Review R000123 and order O0021923 were checked.\n2. Next step."
    assert numbers_in(text) == []
    assert not check("They are 0.31 of revenue, i.e. 31%.", PACK).ungrounded_numbers
    assert check("A 0.31% share.", PACK).ungrounded_numbers  # 0.31% is not 31%


def test_ungrounded_numbers_are_flagged_not_kept_silently():
    text = "They spend $999 a year."
    report = check(text, PACK)
    assert mark_ungrounded(text, report) == "They spend $999 [unverified] a year."


def test_short_quoted_words_are_not_treated_as_quotes():
    assert quotes_in('the "VIP" tier and the "Gold plan"') == []


def test_quotes_from_the_demo_s_themes_ground_in_the_store_and_invented_ones_do_not(
    demo_knowledge_root,
):
    store = KnowledgeStore(Workspace(demo_knowledge_root))
    archetypes = store.ws.read_json("ground_truth.json")["customer_archetype"]
    theme = segment_themes(store, archetypes, "discount_hunter").themes[0]
    invented = "Your coupons are a scam and I will tell everyone."
    text = "".join(f' "{q.text}"' for q in theme.quotes) + f' And: "{invented}"'
    report = check(text, GroundingPack(), quote_exists=store.catalogue().contains)
    assert len(report.quotes) == len(theme.quotes) + 1
    assert report.ungrounded_quotes == [invented]
