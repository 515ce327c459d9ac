"""Hybrid search finds what a marketer asks for, in any language, within the filters given."""

from __future__ import annotations

import re
from datetime import date

import pytest

from knowledge.errors import KnowledgeError
from knowledge.search import Filters, search
from knowledge.store import KnowledgeStore
from tools.workspace import Workspace

# A passage is "about sizing or fit" when it uses one of these words (the test's definition).
SIZING = re.compile(
    r"\b(size[sd]?|sizing|small(er)?|large(r)?|big(ger)?|fit(s|ted|ting)?|tight(er)?|loose|"
    r"snug|petite|xx?s|xx?l|medium|runs?|length|long(er)?|short(er)?|waist|bust|chest|hips?|"
    r"roomy|baggy|huge|tiny|up|down|true to size|tts)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def demo_store(demo_knowledge_root) -> KnowledgeStore:
    return KnowledgeStore(Workspace(demo_knowledge_root))


def test_runs_small_finds_reviews_about_sizing_and_fit(womens_store):
    hits = search(womens_store, "runs small, had to size up", k=10)
    assert len(hits) == 10
    about_fit = [h for h in hits if SIZING.search(h.text)]
    assert len(about_fit) >= 8, [h.text for h in hits]


def test_each_result_is_a_verbatim_passage_with_its_document_and_scores(womens_store):
    hits = search(womens_store, "the fabric is see-through", k=10)
    chunks = womens_store.chunks().set_index("chunk_id")
    for hit in hits:
        assert chunks.loc[hit.chunk_id, "text"] == hit.text
        assert chunks.loc[hit.chunk_id, "doc_id"] == hit.doc_id
        assert hit.similarity is not None or hit.keyword_score is not None
    assert len({h.doc_id for h in hits}) == len(hits)  # one passage per review
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_rating_filters_hold_for_every_result(womens_store):
    low = search(womens_store, "love this dress", k=20, filters=Filters(rating_max=2))
    high = search(womens_store, "poor quality", k=20, filters=Filters(rating_min=5))
    assert low and all(h.rating <= 2 for h in low)
    assert high and all(h.rating == 5 for h in high)


def test_a_chinese_query_finds_the_exact_chinese_words(demo_store):
    chunks = demo_store.chunks()
    containing = set(chunks.loc[chunks["text"].str.contains("运费", regex=False), "doc_id"])
    assert len(containing) >= 5
    hits = search(demo_store, "运费", k=5)
    assert len(hits) == 5 and all("运费" in h.text for h in hits)
    assert {h.doc_id for h in hits} <= containing


def test_an_exact_code_is_found_by_its_words(demo_store):
    chunks = demo_store.chunks()
    order_ids = chunks["text"].str.extract(r"\b(O\d{7})\b")[0].dropna()
    code = order_ids.iloc[len(order_ids) // 2]
    hits = search(demo_store, code, k=3)
    assert code in hits[0].text


def test_filters_by_source_type_language_date_and_segment(demo_store):
    only_surveys = search(demo_store, "price", k=10, filters=Filters(source_types=("survey",)))
    assert only_surveys and {h.source_type for h in only_surveys} == {"survey"}
    chinese = search(demo_store, "delivery", k=10, filters=Filters(languages=("zh",)))
    assert chinese and {h.language for h in chinese} == {"zh"}
    window = Filters(date_from=date(2025, 1, 1), date_to=date(2025, 3, 31))
    dated = search(demo_store, "late delivery", k=10, filters=window)
    assert dated and all("2025-01-01" <= h.date <= "2025-03-31" for h in dated)
    truth = demo_store.ws.read_json("ground_truth.json")["customer_archetype"]
    hunters = frozenset(c for c, a in truth.items() if a == "discount_hunter")
    segment = search(demo_store, "shipping", k=10, filters=Filters(customer_ids=hunters))
    assert segment and all(h.customer_id in hunters for h in segment)


def test_documents_without_a_customer_serve_global_questions_only(womens_store):
    assert search(womens_store, "great jeans", k=5)
    nobody = Filters(customer_ids=frozenset({"C00001"}))
    assert search(womens_store, "great jeans", k=5, filters=nobody) == []


def test_unusable_requests_get_a_clear_message(demo_store, tmp_path):
    with pytest.raises(KnowledgeError, match="Type what to look for"):
        search(demo_store, "   ")
    with pytest.raises(KnowledgeError, match="between 1 and 200"):
        search(demo_store, "price", k=0)
    with pytest.raises(KnowledgeError, match="empty"):
        search(KnowledgeStore(Workspace(tmp_path / "empty")), "price")
