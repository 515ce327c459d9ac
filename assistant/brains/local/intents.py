"""Which kind of question this is: a small text classifier trained on shipped examples.

Character n-grams (within word boundaries) read English and Chinese alike and forgive
typos; a linear model over them is trained once per process in about a tenth of a second
from the examples on the tools' cards and in `utterances.yaml`, and answers in well under
a millisecond. Its probabilities say how sure it is, so the brain can ask, not guess.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from assistant.toolkit import assistant_tools

UTTERANCES = Path(__file__).with_name("utterances.yaml")
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Guess:
    intent: str
    confidence: float
    runner_up: str
    runner_up_confidence: float


def examples() -> tuple[list[str], list[str]]:
    """The tools' card examples and the brain's own replies' examples, with their intents."""
    data = yaml.safe_load(UTTERANCES.read_text(encoding="utf-8"))
    texts, labels = [], []
    for name, spec in assistant_tools().items():
        for _, example in spec.card.all_examples():
            texts.append(example.text.lower())
            labels.append(name)
    for intent, utterances in data.items():
        for utterance in utterances:
            texts.append(str(utterance).lower())
            labels.append(intent)
    return texts, labels


@cache
def _model() -> Pipeline:
    texts, labels = examples()
    features = FeatureUnion([
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)),
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                                  token_pattern=r"(?u)\b\w+\b")),
    ])
    model = Pipeline([("features", features),
                      ("classify", LogisticRegression(C=20.0, max_iter=2000))])
    model.fit(texts, labels)
    return model


def classify(text: str) -> Guess:
    with _LOCK:
        model = _model()
    probabilities = model.predict_proba([text.lower()])[0]
    order = np.argsort(probabilities)[::-1]
    classes = model.classes_
    return Guess(str(classes[order[0]]), float(probabilities[order[0]]),
                 str(classes[order[1]]), float(probabilities[order[1]]))


def warm_up() -> None:
    """Train now (the app calls this at start so the first question is fast)."""
    classify("overview")
