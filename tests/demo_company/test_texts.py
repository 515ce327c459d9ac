"""Free text reads like real customer text and carries each archetype's planted themes."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable

import pandas as pd
import pytest

from demo_company import DemoData, generate_demo
from demo_company.expand import expand
from demo_company.phrases import PAIN_EN
from demo_company.phrases_zh import PAIN_ZH

SPLIT = re.compile(r"[.!?。！？\n]+")
HAN = re.compile(r"[\u4e00-\u9fff]")


def sentences(texts: pd.Series) -> list[str]:
    return [s.strip() for t in texts for s in SPLIT.split(t) if s.strip()]


def all_texts(demo: DemoData) -> pd.Series:
    return pd.concat([demo.reviews["text"], demo.surveys["answer"],
                      demo.transcripts["transcript"]], ignore_index=True)


def mentions(keywords_en: list[str], keywords_zh: list[str]) -> Callable[[str], bool]:
    """Whole-word match for English keywords, substring match for Chinese ones."""
    words = sorted(keywords_en, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
    return lambda text: bool(pattern.search(text)) or any(k in text for k in keywords_zh)


def own_theme_matcher(demo: DemoData, archetype: str) -> Callable[[str], bool]:
    themes = demo.ground_truth["archetypes"][archetype]["pain_points"].values()
    return mentions([k for t in themes for k in t["keywords"]],
                    [k for t in themes for k in t.get("keywords_zh", [])])


def test_sentences_are_varied(demo: DemoData) -> None:
    found = sentences(all_texts(demo))
    counts = Counter(found)
    assert len(found) > 10_000
    assert len(counts) / len(found) >= 0.6
    sentence, times = counts.most_common(1)[0]
    assert times <= 30, f"{sentence!r} appears {times} times"


@pytest.mark.parametrize(("table", "column"), [("reviews", "text"), ("surveys", "answer"),
                                                ("transcripts", "transcript")])
def test_each_archetype_talks_about_its_own_pain_points(demo: DemoData, label: pd.Series,
                                                        table: str, column: str) -> None:
    frame = getattr(demo, table)
    who = frame["customer_id"].map(label)
    for archetype in demo.ground_truth["archetypes"]:
        hit = frame[column].map(own_theme_matcher(demo, archetype))
        own, others = hit[who == archetype].mean(), hit[who != archetype].mean()
        assert own > 2 * others, (archetype, own, others)


def test_every_pain_theme_is_recoverable_from_reviews(demo: DemoData, label: pd.Series) -> None:
    """For each theme, the archetype that owns it mentions it most (per review)."""
    reviews = demo.reviews.assign(archetype=demo.reviews["customer_id"].map(label))
    for archetype, info in demo.ground_truth["archetypes"].items():
        for key, theme in info["pain_points"].items():
            hit = reviews["text"].map(mentions(theme["keywords"], theme["keywords_zh"]))
            rate = hit.groupby(reviews["archetype"]).mean()
            assert rate.idxmax() == archetype, (key, rate.to_dict())
            assert hit.sum() >= 40, key


def test_published_keywords_appear_in_every_pain_template() -> None:
    truth = generate_demo(seed=1, n_customers=50).ground_truth["themes"]
    rnd = random.Random(0)
    values = {"weeks": "three", "times": "twice"}

    def fill(name: str) -> str:
        return values.get(name, "12")

    for key, templates in PAIN_EN.items():
        assert len(templates) >= 8, key
        for template in templates:
            for _ in range(25):
                text = expand(template, rnd, fill)
                assert mentions(truth[key]["keywords"], [])(text), (key, text)
    for key, templates in PAIN_ZH.items():
        assert len(templates) >= 5, key
        for template in templates:
            for _ in range(25):
                text = expand(template, rnd, fill, "zh")
                assert mentions([], truth[key]["keywords_zh"])(text), (key, text)
    assert set(PAIN_EN) == set(PAIN_ZH) == {k for k, t in truth.items() if t["kind"] == "pain"}


def test_chinese_customers_write_in_chinese(demo: DemoData) -> None:
    country = demo.customers.set_index("customer_id")["country"]
    for table, column in (("reviews", "text"), ("surveys", "answer")):
        frame = getattr(demo, table)
        chinese = frame["customer_id"].map(country).eq("China")
        has_han = frame[column].map(lambda t: bool(HAN.search(t)))
        assert chinese.any()
        assert (chinese == has_han).all(), table
    reviews = demo.reviews
    assert (reviews["language"].eq("zh") == reviews["customer_id"].map(country).eq("China")).all()


def test_reviews_vary_in_length_and_tone(demo: DemoData) -> None:
    english = demo.reviews.loc[demo.reviews["language"] == "en", "text"]
    n_sentences = english.map(lambda t: len([s for s in SPLIT.split(t) if s.strip()]))
    assert n_sentences.min() == 1 and n_sentences.max() >= 5
    assert 0.05 <= (n_sentences == 1).mean() <= 0.5
    assert 0.01 <= (n_sentences >= 5).mean() <= 0.2
    found = sentences(english)
    lowercase = sum(s[0].islower() for s in found) / len(found)
    assert 0.005 <= lowercase <= 0.1
    unfinished = (~english.str.rstrip().str[-1].isin(list(".!?"))).mean()
    assert 0.01 <= unfinished <= 0.2
    assert english.str.contains("!").mean() > 0.05
    rating_words = demo.reviews.groupby("rating")["text"].apply(lambda s: s.str.len().mean())
    assert rating_words.min() > 30


def test_sales_calls_carry_buying_needs(demo: DemoData, label: pd.Series) -> None:
    calls = demo.transcripts.assign(archetype=demo.transcripts["customer_id"].map(label))
    sales = calls[calls["call_type"] == "sales"]
    bulk = demo.ground_truth["themes"]["bulk_ordering"]
    hit = sales["transcript"].map(mentions(bulk["keywords"], bulk["keywords_zh"]))
    rate = hit.groupby(sales["archetype"]).mean()
    assert rate.idxmax() == "needs_based"
    share = calls.groupby("archetype")["call_type"].agg(lambda s: (s == "sales").mean())
    assert share["needs_based"] > share["at_risk"]
