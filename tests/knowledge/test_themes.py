"""Themes find what each planted customer archetype complains about, in its own words."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from knowledge.errors import KnowledgeError
from knowledge.store import KnowledgeStore
from knowledge.themes import segment_themes
from tools.workspace import Workspace

TEXT_COLUMNS = {"reviews": ("review_id", "text"), "surveys": ("response_id", "answer"),
                "transcripts": ("call_id", "transcript")}  # fmt: skip


@pytest.fixture(scope="module")
def demo_store(demo_knowledge_root) -> KnowledgeStore:
    return KnowledgeStore(Workspace(demo_knowledge_root))


@pytest.fixture(scope="module")
def archetype_of(demo_store) -> pd.Series:
    return pd.Series(demo_store.ws.read_json("ground_truth.json")["customer_archetype"])


@pytest.fixture(scope="module")
def reports(demo_store, archetype_of) -> dict:
    return {a: segment_themes(demo_store, archetype_of, a) for a in sorted(set(archetype_of))}


@pytest.fixture(scope="module")
def document_text(demo_store) -> dict[tuple[str, str], str]:
    texts = {}
    for dataset, (id_column, text_column) in TEXT_COLUMNS.items():
        frame = demo_store.ws.read_dataset(dataset)
        for doc_id, text in zip(frame[id_column], frame[text_column], strict=True):
            texts[(f"dataset:{dataset}", str(doc_id))] = text
    return texts


def planted_match(keywords: list[str], planted: list[str]) -> bool:
    """A theme names a planted pain point when one of its words is one of the planted words."""
    theme_words = {w for k in keywords for w in re.findall(r"[a-z']+", k.lower())}
    planted_words = {w for p in planted for w in re.findall(r"[a-z']+", p.lower())}
    generic = {"a", "the", "it", "of", "to", "up", "in", "on", "out", "back", "not", "too", "one"}
    return bool((theme_words & planted_words) - generic)


def test_each_archetype_s_top_five_themes_name_at_least_two_of_its_planted_pain_points(
    reports, demo_truth
):
    for archetype, info in demo_truth["archetypes"].items():
        themes = reports[archetype].themes[:5]
        named = {
            pain
            for pain, spec in info["pain_points"].items()
            if any(planted_match(t.keywords, spec["keywords"]) for t in themes)
        }
        assert len(named) >= 2, (archetype, [t.keywords for t in themes])


def test_every_quote_is_verbatim_from_a_document_of_a_customer_in_that_segment(
    reports, document_text, archetype_of
):
    quotes = 0
    for archetype, report in reports.items():
        for theme in report.themes:
            assert 1 <= len(theme.quotes) <= 5
            assert len({q.doc_id for q in theme.quotes}) == len(theme.quotes)
            for quote in theme.quotes:
                text = document_text[(quote.source, quote.doc_id)]
                assert text[quote.offset : quote.offset + len(quote.text)] == quote.text
                assert archetype_of[quote.customer_id] == archetype
                quotes += 1
    assert quotes >= 6 * 5 * 3


def test_themes_carry_shares_and_lift_against_other_segments(reports, demo_store, archetype_of):
    report = reports["discount_hunter"]
    top = report.themes[0]
    assert top.lift is not None and top.lift > 1.5
    assert 0 < top.comparison_share < top.share <= 1
    # Recount the top theme's share by hand over the catalogue's customer sentences.
    chunks = demo_store.chunks()
    chunks = chunks[chunks["speaker"].fillna("customer") != "agent"]
    segment = chunks["customer_id"].map(archetype_of)
    pattern = "|".join(rf"\b{re.escape(k)}(?:s|es|ed|ing)?\b" for k in top.keywords)
    mentions = chunks["text"].str.lower().str.contains(pattern, regex=True)
    per_doc = mentions.groupby([chunks["source"], chunks["doc_id"]]).any()
    doc_segment = segment.groupby([chunks["source"], chunks["doc_id"]]).first()
    inside = per_doc[doc_segment == "discount_hunter"]
    outside = per_doc[doc_segment.notna() & (doc_segment != "discount_hunter")]
    assert report.documents == len(inside)
    assert inside.mean() == pytest.approx(top.share, abs=0.03)
    assert outside.mean() == pytest.approx(top.comparison_share, abs=0.03)


def test_the_rating_and_nps_mix_follows_the_segment(reports, demo_truth):
    at_risk, champions = reports["at_risk"].mix, reports["loyal_champion"].mix
    assert at_risk["rating_mean"] < 2.5 < 4.2 < champions["rating_mean"]
    assert at_risk["nps"] < 0 < champions["nps"]
    assert sum(champions["rating_counts"].values()) == champions["rated_documents"]
    assert champions["promoters"] + champions["passives"] + champions["detractors"] == (
        pytest.approx(1)
    )


def test_agent_turns_are_not_the_customer_s_voice(reports):
    for report in reports.values():
        for theme in report.themes:
            assert all(not q.text.lower().startswith("agent:") for q in theme.quotes)


def test_an_unknown_segment_is_named_with_the_closest_ones(demo_store, archetype_of):
    with pytest.raises(KnowledgeError, match="discount_hunter"):
        segment_themes(demo_store, archetype_of, "discount_hunters")
