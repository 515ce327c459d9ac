"""The keyword channel scores like textbook BM25 and finds words in any script."""

from __future__ import annotations

import math

import numpy as np
import pytest

from knowledge.keywords import KeywordIndex, tokens

CORPUS = [
    "The dress runs small, I had to size up.",
    "Lovely colour and the fabric is soft.",
    "Runs small in the chest; order one size up.",
    "运费太贵了，不过质量很好。",
    "SKU-4471 arrived broken.",
    "",
]


def textbook_bm25(query_terms, documents, k1=1.2, b=0.75):
    """BM25 as printed in Robertson & Zaragoza (2009), with Lucene's idf, term by term."""
    n = len(documents)
    average = sum(len(d) for d in documents) / n
    scores = []
    for doc in documents:
        total = 0.0
        for term in set(query_terms):
            df = sum(term in d for d in documents)
            if df == 0:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            tf = doc.count(term)
            total += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(doc) / average))
        scores.append(total)
    return np.array(scores)


@pytest.mark.parametrize("query", ["runs small size up", "fabric", "运费 质量", "sku-4471"])
def test_scores_equal_textbook_bm25(query):
    index = KeywordIndex(CORPUS)
    expected = textbook_bm25(tokens(query), [tokens(t) for t in CORPUS])
    np.testing.assert_allclose(index.scores(query), expected, rtol=1e-5)


def test_word_forms_match_and_case_is_ignored():
    index = KeywordIndex(CORPUS)
    assert {row for row, _ in index.top("RUN", k=5)} == {0, 2}
    assert tokens("Runs") == tokens("running") == tokens("run")


def test_chinese_is_split_into_character_pairs():
    assert tokens("运费太贵") == ["运费", "费太", "太贵"]
    assert tokens("贵") == ["贵"]
    index = KeywordIndex(CORPUS)
    assert index.top("运费", k=3)[0][0] == 3


def test_codes_stay_one_token_and_unknown_words_score_nothing():
    assert "sku-4471" in tokens("Order SKU-4471 today")
    index = KeywordIndex(CORPUS)
    assert index.top("SKU-4471", k=3)[0][0] == 4
    assert index.top("zebra", k=3) == []


def test_a_mask_keeps_out_rows_and_an_empty_index_answers_nothing():
    index = KeywordIndex(CORPUS)
    allowed = np.array([False, True, True, True, True, True])
    assert [row for row, _ in index.top("runs small", k=5, allowed=allowed)] == [2]
    assert KeywordIndex([]).top("anything", k=3) == []
