"""Chinese reviews with 0/1 sentiment labels (`label,review`), with and without a header row.

300 food-delivery reviews: `label` 1 = positive, 0 = negative. The label is a rating by its
values, whatever its name; complaints are the label-0 reviews, quoted verbatim. The same
reviews without a header row must load with a 'no header row' choice, and a failed load
must never leave the chat answering on the demo company.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from ui.data_tab import confirm_upload, preview_upload
from ui.state import UiSession

from .conftest import FIXTURES, LIMIT, Loaded, assert_by_group, last_answer, numbers_in, quotes_of

FILE = "waimai_reviews.csv"
HEADERLESS = "waimai_reviews_no_header.csv"


@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / FILE, dtype={"label": int, "review": str})


@pytest.fixture(scope="module")
def reviews(load: Callable[..., Loaded]) -> Loaded:
    return load(FILE, "review")


def assert_quotes_are_negative_reviews(quotes: list[str], truth: pd.DataFrame) -> None:
    negative = truth.loc[truth["label"] == 0, "review"].tolist()
    assert quotes, "no quote"
    for quote in quotes:
        assert any(quote in review for review in negative), quote


def test_the_review_text_is_found_and_every_review_indexed(reviews: Loaded,
                                                           truth: pd.DataFrame) -> None:
    assert f"{len(truth):,} rows read, {len(truth):,} kept" in reviews.report
    assert reviews.role("review") == "text"
    assert reviews.role("label") not in ("text", "identifier", "numeric")
    assert f"Indexed **{reviews.dataset}**: {len(truth)} documents" in reviews.status


def test_complaints_in_chinese_quote_negative_reviews(reviews: Loaded,
                                                      truth: pd.DataFrame) -> None:
    answer = reviews.ask("差评主要说什么")
    assert answer.kind == "answer", answer.text
    assert_quotes_are_negative_reviews(quotes_of(answer), truth)


def test_complaints_in_english_quote_negative_reviews(reviews: Loaded,
                                                      truth: pd.DataFrame) -> None:
    answer = reviews.ask("what do customers complain about")
    assert answer.kind == "answer", answer.text
    assert_quotes_are_negative_reviews(quotes_of(answer), truth)


def test_how_many_reviews_in_chinese(reviews: Loaded, truth: pd.DataFrame) -> None:
    answer = reviews.ask("有多少条评论")
    assert answer.kind == "answer", answer.text
    assert len(truth) in numbers_in(answer.text)


def test_share_of_positive_and_negative_reviews(reviews: Loaded, truth: pd.DataFrame) -> None:
    answer = reviews.ask("好评和差评各占多少比例")
    assert_by_group(answer, truth["label"].value_counts(normalize=True), percent_ok=True)


# ----- the same reviews without a header row -----------------------------------------


@pytest.fixture
def fresh_page(demo_root: Path, tmp_path: Path) -> UiSession:
    return UiSession(tmp_path / "session", demo_root, None)


def test_a_headerless_file_is_detected_and_the_header_question_is_asked(
        fresh_page: UiSession, truth: pd.DataFrame) -> None:
    """The first row is a review, not a header: it is kept as data and the report asks."""
    report, roles = preview_upload(fresh_page, FIXTURES / HEADERLESS, "review", "", LIMIT)
    assert f"{len(truth):,} rows read, {len(truth):,} kept" in report
    assert "header" in report.lower()
    found = dict(zip(roles["name"], roles["role"], strict=True))
    assert found["column_2"] == "text"


def test_a_headerless_file_loads_with_no_header_row(fresh_page: UiSession,
                                                    truth: pd.DataFrame) -> None:
    report, roles = preview_upload(fresh_page, FIXTURES / HEADERLESS, "review", "", LIMIT,
                                   {"has_header": False})
    assert f"{len(truth):,} rows read, {len(truth):,} kept" in report
    found = dict(zip(roles["name"], roles["role"], strict=True))
    assert found["column_2"] == "text"
    assert found["column_1"] not in ("text", "identifier", "numeric")
    confirm_upload(fresh_page, roles, LIMIT)
    stored = fresh_page.workspace.read_dataset(fresh_page.workspace.dataset_names()[0])
    assert stored["column_2"].tolist() == truth["review"].tolist()


def test_after_a_failed_load_the_chat_never_answers_on_the_demo(fresh_page: UiSession,
                                                               tmp_path: Path) -> None:
    from assistant.agent import respond
    from tools.errors import ToolError

    broken = tmp_path / "reviews.csv"
    broken.write_bytes(b"%PDF-1.4 not a table")
    with pytest.raises(ToolError):
        preview_upload(fresh_page, broken, "review", "", LIMIT)
    assert fresh_page.which == "mine"
    answer = last_answer(respond(fresh_page.session, "how many customers do we have"))
    assert fresh_page.own_workspace().name in answer.text
    assert fresh_page.demo.name not in answer.text
