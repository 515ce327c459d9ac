"""On real reviews, unhappy customers' themes differ from delighted customers' themes."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from knowledge.themes import rating_themes

# Words of disappointment, of delight, and of fit or material problems (the test's own lists).
NEGATIVE = {
    "return",
    "returned",
    "disappointed",
    "unfortunately",
    "sadly",
    "bad",
    "terrible",
    "awful",
    "cheap",
    "unflattering",
    "huge",
    "boxy",
    "poor",
    "odd",
    "weird",
    "strange",
}
DELIGHT = {
    "perfect",
    "love",
    "great",
    "comfortable",
    "comfy",
    "soft",
    "compliments",
    "beautiful",
    "flattering",
    "amazing",
    "favorite",
    "gorgeous",
}
FIT_AND_MATERIAL = {
    "huge",
    "boxy",
    "wide",
    "tent",
    "sack",
    "shapeless",
    "stiff",
    "small",
    "large",
    "tight",
    "thin",
    "fabric",
    "material",
    "quality",
    "seam",
    "cheap",
}


@pytest.fixture(scope="module")
def low_vs_high(womens_store):
    return rating_themes(womens_store, (1, 2), (5, 5), top=8)


@pytest.fixture(scope="module")
def high_vs_low(womens_store):
    return rating_themes(womens_store, (5, 5), (1, 2), top=8)


def words(report) -> set[str]:
    return {w for t in report.themes for k in t.keywords for w in re.findall(r"[a-z]+", k)}


def test_low_ratings_raise_disappointment_and_five_stars_raise_delight(low_vs_high, high_vs_low):
    low, high = words(low_vs_high), words(high_vs_low)
    assert len(low & NEGATIVE) >= 4, low
    assert len(high & DELIGHT) >= 4, high
    assert not low & DELIGHT and not high & NEGATIVE


def test_fit_and_material_words_lift_in_low_ratings(low_vs_high, shared_data):
    terms = low_vs_high.keywords
    fit_terms = terms[terms["term"].isin(FIT_AND_MATERIAL)]
    assert len(fit_terms) >= 3, terms["term"].tolist()
    assert (fit_terms["lift"] > 1.5).all()
    reviews = pd.read_csv(shared_data / "womens_clothing_reviews.csv")
    reviews = reviews[reviews["Review Text"].notna()]
    text = reviews["Review Text"].str.lower()
    low, high = reviews["Rating"] <= 2, reviews["Rating"] == 5
    for term in fit_terms["term"]:
        mentions = text.str.contains(rf"\b{term}", regex=True)
        assert mentions[low].mean() > 1.5 * mentions[high].mean(), term


def test_low_rating_themes_really_are_more_frequent_in_low_ratings(
    womens_store, shared_data, low_vs_high
):
    reviews = pd.read_csv(shared_data / "womens_clothing_reviews.csv")
    reviews = reviews[reviews["Review Text"].notna()]
    text = (reviews["Review Text"]).str.lower()
    low, high = reviews["Rating"] <= 2, reviews["Rating"] == 5
    assert low_vs_high.documents == low.sum()
    for theme in low_vs_high.themes[:5]:
        pattern = "|".join(rf"\b{re.escape(k)}" for k in theme.keywords)
        mentions = text.str.contains(pattern, regex=True)
        assert mentions[low].mean() > 1.5 * mentions[high].mean(), theme.label
        assert theme.lift > 1.5


def test_themes_report_the_rating_mix_and_quotes_from_the_right_reviews(low_vs_high, high_vs_low):
    assert low_vs_high.mix["rating_mean"] <= 2 and high_vs_low.mix["rating_mean"] == 5
    for theme in low_vs_high.themes:
        assert theme.quotes and all(q.rating <= 2 for q in theme.quotes)
    for theme in high_vs_low.themes:
        assert all(q.rating == 5 for q in theme.quotes)
