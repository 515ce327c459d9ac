"""Sentences and their terms: the units a theme analysis counts.

A theme is found in the customer's own sentences, not in whole chunks: one review often
praises the staff and complains about a coupon, and those are two themes. Each sentence
is a verbatim span of its chunk, so any sentence can be shown as a quote unchanged.

Terms are content words (English stop words removed, Snowball-stemmed so "return",
"returns" and "returned" count together), pairs of neighbouring content words
("shipping fee"), and for Chinese, Japanese and Korean every pair of neighbouring
characters. Each term is shown by its most common written form.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from knowledge.chunking import sentence_spans
from knowledge.keywords import CJK_LETTERS, IS_CJK, stem

_CJK = CJK_LETTERS
_PIECE = re.compile(rf"[{_CJK}]+|[^\W\d_{_CJK}]+(?:['’][^\W\d_{_CJK}]+)*|[^\w\s]")
_EXTRA_STOP = {
    "i'm", "i've", "i'd", "i'll", "it's", "don't", "didn't", "doesn't", "can't", "won't",
    "wasn't", "isn't", "that's", "there's", "you're", "we've", "we're", "they're", "just",
    "really", "got", "get", "like", "also", "bit", "lot", "ve", "ll", "im", "thing", "things",
    "way", "little", "one", "time", "make", "made", "say", "said", "know", "think", "want",
    "would", "could", "well", "still", "even", "much", "many", "though", "ok", "okay", "yes",
}  # fmt: skip
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | _EXTRA_STOP


@dataclass
class Units:
    """Sentences of the chunks in scope, with the chunk row and document they belong to."""

    chunk_row: np.ndarray  # row in the chunk catalogue
    start: np.ndarray  # offset of the sentence within its chunk text
    text: list[str]
    document: np.ndarray  # document number (0..n_documents-1)


def split_units(chunks: pd.DataFrame, rows: np.ndarray) -> Units:
    """Every sentence of the chunks at `rows` (document = source + doc id)."""
    texts = chunks["text"].to_numpy(dtype=object)
    keys = (chunks["source"].astype(str) + "\x1f" + chunks["doc_id"].astype(str)).to_numpy()
    document_codes, _ = pd.factorize(keys[rows])
    out_rows, out_starts, out_text, out_docs = [], [], [], []
    for row, doc in zip(rows.tolist(), document_codes.tolist(), strict=True):
        text = texts[row]
        if not isinstance(text, str):
            continue
        for start, end in sentence_spans(text):
            out_rows.append(row)
            out_starts.append(start)
            out_text.append(text[start:end])
            out_docs.append(doc)
    return Units(
        chunk_row=np.asarray(out_rows, dtype=np.int64),
        start=np.asarray(out_starts, dtype=np.int64),
        text=out_text,
        document=np.asarray(out_docs, dtype=np.int64),
    )


class TermCounter:
    """Which terms each sentence contains, plus how each term is usually written."""

    def __init__(self) -> None:
        self.surface: dict[str, Counter[str]] = {}

    def terms(self, text: str) -> list[str]:
        found: list[str] = []
        previous: tuple[str, str] | None = None  # (stem, written form) of the last content word
        for match in _PIECE.finditer(text.lower()):
            piece = match.group().replace("’", "'")
            if IS_CJK.match(piece):
                pairs = [piece[i : i + 2] for i in range(len(piece) - 1)]
                for pair in pairs:
                    self._seen(pair, pair)
                found.extend(pairs)
                previous = None
                continue
            if not piece[0].isalpha() or piece in STOP_WORDS or len(piece) < 3:
                previous = None
                continue
            root = stem(piece)
            self._seen(root, piece)
            found.append(root)
            if previous is not None:
                pair = f"{previous[0]} {root}"
                self._seen(pair, f"{previous[1]} {piece}")
                found.append(pair)
            previous = (root, piece)
        return found

    def _seen(self, term: str, written: str) -> None:
        self.surface.setdefault(term, Counter())[written] += 1

    def written(self, term: str) -> str:
        forms = self.surface.get(term)
        return forms.most_common(1)[0][0] if forms else term


def unit_term_matrix(
    units: Units, min_units: int = 2
) -> tuple[sp.csr_matrix, list[str], TermCounter]:
    """Binary sentence × term matrix of terms found in at least `min_units` sentences."""
    counter = TermCounter()
    vectorizer = CountVectorizer(
        analyzer=counter.terms, binary=True, min_df=min_units, dtype=np.int8
    )
    try:
        matrix = vectorizer.fit_transform(units.text).tocsr()
    except ValueError:  # no term occurs often enough
        return sp.csr_matrix((len(units.text), 0), dtype=np.int8), [], counter
    return matrix, vectorizer.get_feature_names_out().tolist(), counter


def document_term_matrix(units: Units, matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Binary document × term matrix: a document mentions a term if any sentence does."""
    n_documents = int(units.document.max()) + 1 if len(units.document) else 0
    owner = sp.csr_matrix(
        (
            np.ones(len(units.document), dtype=np.int32),
            (units.document, np.arange(len(units.document))),
        ),
        shape=(n_documents, len(units.document)),
    )
    counts = (owner @ matrix.astype(np.int32)).tocsr()
    counts.data[:] = 1
    return counts


@dataclass
class SentenceTerms:
    """Every customer sentence of a catalogue with its terms, counted once per catalogue.

    A persona set asks for the themes of six segments in a row; each analysis takes the
    sentences of its own chunks from here instead of splitting and counting them again.
    """

    units: Units
    document_key: np.ndarray  # per sentence: code of its document across the catalogue
    matrix: sp.csr_matrix
    terms: list[str]
    counter: TermCounter

    @classmethod
    def build(cls, chunks: pd.DataFrame, rows: np.ndarray) -> SentenceTerms:
        units = split_units(chunks, rows)
        matrix, terms, counter = unit_term_matrix(units, min_units=2)
        return cls(units, units.document, matrix, terms, counter)

    def subset(
        self, rows: np.ndarray, min_units: int = 2
    ) -> tuple[Units, sp.csr_matrix, list[str]]:
        """The sentences of the chunks at `rows`, as `split_units` and `unit_term_matrix`
        would give them for those rows alone (terms in at least `min_units` of them)."""
        picked = np.flatnonzero(np.isin(self.units.chunk_row, rows))
        documents, _ = pd.factorize(self.document_key[picked])
        units = Units(
            chunk_row=self.units.chunk_row[picked],
            start=self.units.start[picked],
            text=[self.units.text[i] for i in picked.tolist()],
            document=np.asarray(documents, dtype=np.int64),
        )
        matrix = self.matrix[picked]
        counts = np.asarray(matrix.sum(axis=0)).ravel()
        columns = np.flatnonzero(counts >= min_units)
        return units, matrix[:, columns].tocsr(), [self.terms[c] for c in columns.tolist()]
