"""The keyword channel: BM25 over words in any language, so exact terms are always found.

The local embedding model knows English; a Chinese complaint ("运费太贵") or a product
code ("SKU-4471") can be far from any query in vector space. BM25 finds them by their
exact words. Tokens:

- Latin-script words are lower-cased and stemmed with the Snowball English stemmer
  ("runs", "running" → "run"), so a query matches the other forms of its words.
- Chinese, Japanese and Korean have no spaces: every pair of neighbouring characters is
  a token (the bigram scheme of Lucene's CJK analyzer; a lone character is its own
  token), so "运费" matches the word wherever it appears without a dictionary.
- Letters and digits joined by - or _ stay one token as well ("sku-4471").

BM25 itself is a few sparse-matrix lines on top of scikit-learn's CountVectorizer (the
same term counts serve filtering by mask), so no separate search engine is needed.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
import snowballstemmer
from sklearn.feature_extraction.text import CountVectorizer

# Kana, CJK ideographs (with extension A and compatibility forms) and Hangul syllables.
CJK_LETTERS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
IS_CJK = re.compile(f"[{CJK_LETTERS}]")
_CJK = CJK_LETTERS
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+(?:['’][^\W_{_CJK}]+)*(?:[-_][^\W_{_CJK}]+)*")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def tokens(text: str) -> list[str]:
    """Search tokens of `text`: stemmed words and CJK character pairs."""
    out: list[str] = []
    for match in _TOKEN.finditer(text.lower()):
        piece = match.group()
        if IS_CJK.match(piece):
            if len(piece) == 1:
                out.append(piece)
            else:
                out.extend(piece[i : i + 2] for i in range(len(piece) - 1))
        else:
            out.append(stem(piece.replace("’", "'")))
    return out


class KeywordIndex:
    """BM25 (k1 = 1.2, b = 0.75, Lucene's idf) over a fixed list of texts."""

    def __init__(self, texts: list[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.size = len(texts)
        self._vectorizer = CountVectorizer(analyzer=tokens, dtype=np.float32)
        if not texts:
            self._weights = sp.csc_matrix((0, 0), dtype=np.float32)
            self._vocabulary: dict[str, int] = {}
            return
        counts = self._vectorizer.fit_transform(texts).tocsr()
        self._vocabulary = self._vectorizer.vocabulary_
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        average = max(float(lengths.mean()), 1.0)
        document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = np.log1p((self.size - document_frequency + 0.5) / (document_frequency + 0.5))
        tf = counts.data
        row_of_value = np.repeat(np.arange(self.size), np.diff(counts.indptr))
        norm = k1 * (1 - b + b * lengths[row_of_value] / average)
        weighted = tf * (k1 + 1) / (tf + norm) * idf[counts.indices]
        self._weights = sp.csr_matrix(
            (weighted.astype(np.float32), counts.indices, counts.indptr), shape=counts.shape
        ).tocsc()

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every text for `query` (0 where no query word occurs)."""
        columns = sorted({self._vocabulary[t] for t in tokens(query) if t in self._vocabulary})
        if not columns:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._weights[:, columns].sum(axis=1)).ravel()

    def top(self, query: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The k best (row, score) pairs with a score above 0, best first."""
        scores = self.scores(query)
        if allowed is not None:
            scores = np.where(allowed, scores, 0)
        hits = np.flatnonzero(scores > 0)
        if hits.size > k:
            hits = hits[np.argpartition(-scores[hits], k - 1)[:k]]
        ordered = hits[np.lexsort((hits, -scores[hits]))]
        return [(int(i), float(scores[i])) for i in ordered]
