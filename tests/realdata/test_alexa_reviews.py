"""Reviews with star ratings: 394 Amazon Echo reviews (`rating` 1–5, `date` as 31-Jul-18).

Complaints are the 1–2 star reviews; every quote must be verbatim from one of them.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from .conftest import FIXTURES, Loaded, assert_by_group, key_number, numbers_in, quotes_of

FILE = "amazon_alexa_reviews.tsv"
TEXT = "verified_reviews"


@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    frame = pd.read_csv(FIXTURES / FILE, sep="\t", encoding="utf-8-sig",
                        keep_default_na=False)
    frame["day"] = pd.to_datetime(frame["date"], format="%d-%b-%y")
    return frame


@pytest.fixture(scope="module")
def kept(truth: pd.DataFrame) -> pd.DataFrame:
    """The reviews the report says it keeps: exact duplicate rows dropped."""
    return truth.drop_duplicates(subset=["rating", "date", "variation", TEXT, "feedback"])


@pytest.fixture(scope="module")
def reviews(load: Callable[..., Loaded]) -> Loaded:
    return load(FILE, "review")


def written(text: pd.Series) -> pd.Series:
    return text.str.strip() != ""


def test_the_text_is_found_and_every_written_review_indexed(reviews: Loaded,
                                                            kept: pd.DataFrame) -> None:
    assert reviews.role(TEXT) == "text"
    assert reviews.role("rating") not in ("text", "identifier", "categorical")
    documents = int(written(kept[TEXT]).sum())
    assert f"Indexed **{reviews.dataset}**: {documents} documents" in reviews.status


def test_the_review_date_is_read_as_a_date(reviews: Loaded, kept: pd.DataFrame) -> None:
    assert reviews.role("date") in ("date", "transaction_date")
    assert reviews.stored()["date"].tolist() == kept["day"].tolist()


def test_a_date_role_set_by_hand_is_read(load: Callable[..., Loaded], kept: pd.DataFrame) -> None:
    corrected = load(FILE, "review", {"date": "date"})
    assert corrected.stored()["date"].tolist() == kept["day"].tolist()


def test_complaints_come_from_low_ratings_and_quote_them_verbatim(reviews: Loaded,
                                                                  kept: pd.DataFrame) -> None:
    answer = reviews.ask("what do customers complain about")
    low = kept[(kept["rating"] <= 2) & written(kept[TEXT])]
    assert key_number(answer, "documents") == len(low)
    assert key_number(answer, "average star rating") == round(low["rating"].mean(), 2)
    quotes = quotes_of(answer)
    assert quotes, answer.text
    for quote in quotes:
        assert any(quote in review for review in low[TEXT]), quote


def test_complaints_asked_in_chinese_quote_low_ratings(reviews: Loaded,
                                                       kept: pd.DataFrame) -> None:
    answer = reviews.ask("客户主要抱怨什么")
    low = kept[(kept["rating"] <= 2) & written(kept[TEXT])]
    quotes = quotes_of(answer)
    assert answer.kind == "answer" and quotes, answer.text
    for quote in quotes:
        assert any(quote in review for review in low[TEXT]), quote


def test_how_many_reviews(reviews: Loaded, kept: pd.DataFrame) -> None:
    answer = reviews.ask("how many reviews do we have")
    assert answer.kind == "answer", answer.text
    assert len(kept) in numbers_in(answer.text)


def test_average_rating_by_variation(reviews: Loaded, kept: pd.DataFrame) -> None:
    answer = reviews.ask("average rating by variation")
    assert_by_group(answer, kept.groupby("variation")["rating"].mean())


def test_reviews_by_star_rating(reviews: Loaded, kept: pd.DataFrame) -> None:
    answer = reviews.ask("how many reviews for each rating")
    assert_by_group(answer, kept["rating"].value_counts())
