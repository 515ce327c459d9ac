"""Chunks are verbatim spans: one per speaker turn, per survey answer, or per sentence group."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest

from knowledge.chunking import HARD_LIMIT, chunk_documents, sentence_spans
from knowledge.documents import CHUNK_COLUMNS, as_documents
from tools.workspace import Workspace


def documents(*texts: str, source_type: str = "review", **fields: object) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "doc_id": [f"D{i}" for i in range(len(texts))],
            "source_type": source_type,
            "source": "planted",
            "text": list(texts),
        }
    )
    for name, value in fields.items():
        frame[name] = value
    return as_documents(frame)


def assert_verbatim(docs: pd.DataFrame, chunks: pd.DataFrame) -> None:
    """Every chunk is exactly its document's text at `start`, with no edge whitespace."""
    text_of = dict(zip(docs["doc_id"], docs["text"], strict=True))
    for doc_id, start, text in zip(chunks["doc_id"], chunks["start"], chunks["text"], strict=True):
        assert text_of[doc_id][start : start + len(text)] == text
        assert text == text.strip() and text


# ----- the offset invariant on real and demo data ------------------------------------------
@pytest.mark.parametrize(
    ("dataset", "column", "source_type"),
    [("reviews", "text", "review"), ("surveys", "answer", "survey"),
     ("transcripts", "transcript", "transcript")],
)  # fmt: skip
def test_demo_chunks_are_verbatim(
    demo_ws: Workspace, dataset: str, column: str, source_type: str
) -> None:
    frame = demo_ws.read_dataset(dataset)
    docs = as_documents(
        pd.DataFrame(
            {
                "doc_id": frame.iloc[:, 0],
                "source_type": source_type,
                "source": dataset,
                "text": frame[column],
            }
        )
    )
    chunks = chunk_documents(docs)
    assert set(chunks["doc_id"]) == set(docs["doc_id"])
    assert_verbatim(docs, chunks)
    if source_type == "transcript":
        labelled = frame[column].str.count(r"(?m)^(?:Agent|Customer):").sum()
        assert len(chunks) == labelled
        assert set(chunks["speaker"]) == {"agent", "customer"}


def test_womens_reviews_chunks_are_verbatim_and_fast(shared_data: Path) -> None:
    raw = pd.read_csv(shared_data / "womens_clothing_reviews.csv")
    texts = raw["Review Text"].dropna()
    texts = texts[texts.str.strip() != ""]
    docs = as_documents(
        pd.DataFrame(
            {"doc_id": texts.index.astype(str), "source_type": "review", "text": texts.to_numpy()}
        )
    )
    started = time.perf_counter()
    chunks = chunk_documents(docs, max_chars=240)
    assert time.perf_counter() - started < 2.0
    assert chunks["doc_id"].nunique() == len(texts)
    assert_verbatim(docs, chunks)
    lengths = chunks["text"].str.len()
    assert (lengths > 240).any()  # some single sentences are longer than the target
    for text in chunks.loc[lengths > 240, "text"].head(200):
        assert len(sentence_spans(text)) == 1


# ----- transcripts ---------------------------------------------------------------------
PLANTED_CALL = (
    "Call 1042, recorded 3 May\n"
    "Agent: Hello, thanks for calling Lumen.\n"
    "Customer: My parcel is late.\n"
    "It was due on Monday.\n"
    "Representative: Sorry about that, let me check.\n"
    "Caller: Thanks.\n"
    "Supervisor: I can add a voucher.\n"
)


def test_transcript_gives_one_chunk_per_turn_without_the_label() -> None:
    docs = documents(PLANTED_CALL, source_type="transcript")
    chunks = chunk_documents(docs)
    turns = chunks[chunks["speaker"].notna()]
    labelled_lines = len(re.findall(r"(?m)^\w+:", PLANTED_CALL))
    assert labelled_lines == 5
    assert len(turns) == labelled_lines
    assert turns["speaker"].tolist() == ["agent", "customer", "agent", "customer", "supervisor"]
    assert turns["text"].tolist() == [
        "Hello, thanks for calling Lumen.",
        "My parcel is late.\nIt was due on Monday.",
        "Sorry about that, let me check.",
        "Thanks.",
        "I can add a voucher.",
    ]
    assert PLANTED_CALL[turns["start"].iloc[0] - len("Agent: ") :].startswith("Agent: Hello")
    assert chunks["text"].iloc[0] == "Call 1042, recorded 3 May"  # header: no speaker
    assert chunks["position"].tolist() == list(range(len(chunks)))
    assert_verbatim(docs, chunks)


def test_chinese_transcript_with_full_width_colons() -> None:
    call = "客服：您好，请问有什么可以帮您？\n客户：我的订单还没到。\n客服：我帮您查一下。"
    chunks = chunk_documents(documents(call, source_type="transcript"))
    assert chunks["speaker"].tolist() == ["agent", "customer", "agent"]
    assert chunks["text"].tolist() == [
        "您好，请问有什么可以帮您？",
        "我的订单还没到。",
        "我帮您查一下。",
    ]
    assert_verbatim(documents(call, source_type="transcript"), chunks)


def test_long_turn_is_split_into_sentence_groups_with_the_same_speaker() -> None:
    sentence = "This sentence about the delivery is exactly fifty chars. "
    call = "Agent: " + sentence * 10 + "\nCustomer: Fine."
    docs = documents(call, source_type="transcript")
    chunks = chunk_documents(docs, max_chars=130)
    agent = chunks[chunks["speaker"] == "agent"]
    assert len(agent) == 5  # two 57-character sentences fit in 130
    assert (agent["text"].str.len() <= 130).all()
    assert chunks["speaker"].iloc[-1] == "customer"
    assert_verbatim(docs, chunks)


# ----- reviews, notes, surveys ------------------------------------------------------------
REVIEW = (
    "The dress arrived in two days. Dr. Smith at the store said it runs 4.5 cm long! "
    "Honestly the fabric is thinner than I expected from the photos, which show a heavy "
    "knit with a lining that simply is not there when the parcel arrives at your door. "
    "Would I buy again? Maybe. 面料很好。尺码偏大！"
)


def test_review_is_packed_into_sentence_groups_in_order() -> None:
    docs = documents(REVIEW, source_type="review")
    chunks = chunk_documents(docs, max_chars=90)
    sentences = [REVIEW[a:b] for a, b in sentence_spans(REVIEW)]
    assert sentences[1] == "Dr. Smith at the store said it runs 4.5 cm long!"
    assert len(sentences) == 7
    for text in chunks["text"]:
        assert len(text) <= 90 or len(sentence_spans(text)) == 1
    joined = " ".join(chunks["text"])
    assert re.sub(r"\s", "", joined) == re.sub(r"\s", "", REVIEW)
    assert chunks["start"].is_monotonic_increasing
    assert_verbatim(docs, chunks)


def test_short_review_and_survey_answer_stay_whole() -> None:
    answer = "It was fine. " * 120  # 1,560 characters, many sentences
    docs = documents("  Short and sweet.  ", answer, source_type="survey")
    chunks = chunk_documents(docs, max_chars=240)
    assert chunks["text"].tolist() == ["Short and sweet.", answer.strip()]
    assert chunks["start"].tolist() == [2, 0]


def test_survey_answer_over_2000_characters_is_split() -> None:
    answer = "The loyalty points expire too fast. " * 70  # 2,520 characters
    chunks = chunk_documents(documents(answer, source_type="survey"), max_chars=240)
    assert len(chunks) > 1
    assert (chunks["text"].str.len() <= 240).all()


@pytest.mark.parametrize("unit", ["lorem ipsum dolor ", "好"])
def test_unpunctuated_text_is_hard_split(unit: str) -> None:
    text = (unit * (50_000 // len(unit) + 1))[:50_000]
    docs = documents(text, source_type="note")
    chunks = chunk_documents(docs)
    assert (chunks["text"].str.len() <= HARD_LIMIT).all()
    assert len(chunks) >= 25
    assert "".join(chunks["text"]).replace(" ", "") == text.replace(" ", "")
    assert_verbatim(docs, chunks)


def test_ids_are_deterministic_and_metadata_is_carried() -> None:
    docs = documents(REVIEW, "Good.", source_type="review", rating=[2.0, 5.0], language="en")
    first = chunk_documents(docs, max_chars=90)
    again = chunk_documents(docs.copy(), max_chars=90)
    assert first["chunk_id"].tolist() == again["chunk_id"].tolist()
    assert first["chunk_id"].is_unique
    assert first.groupby("doc_id")["rating"].first().to_dict() == {"D0": 2.0, "D1": 5.0}
    assert (first["language"] == "en").all() and (first["source"] == "planted").all()
    assert list(first.columns) == list(CHUNK_COLUMNS)


def test_empty_documents_give_no_chunks() -> None:
    chunks = chunk_documents(documents("", "   \n\t ", source_type="note"))
    assert chunks.empty and list(chunks.columns) == list(CHUNK_COLUMNS)
    mixed = chunk_documents(documents("", "Real words.", source_type="transcript"))
    assert mixed["doc_id"].tolist() == ["D1"]


def test_sentence_spans_respect_decimals_abbreviations_and_chinese() -> None:
    text = "It costs 4.5 dollars, e.g. at the U.S. store. Great!\n好用。还会买！"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "It costs 4.5 dollars, e.g. at the U.S. store.",
        "Great!",
        "好用。",
        "还会买！",
    ]
    assert sentence_spans("  \n ") == []
