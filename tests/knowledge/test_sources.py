"""Files, folders and datasets become documents; bad input gives a message that says what to do."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest

from knowledge.documents import DOCUMENT_COLUMNS
from knowledge.errors import KnowledgeError
from knowledge.sources import (
    documents_from_dataset,
    documents_from_frame,
    qualitative_datasets,
    read_documents,
)
from tools.workspace import Workspace

REVIEWS_CSV = """review_id,customer_id,review_date,Rating,Title,Review Text
R1,C1,2024-03-01,5,Lovely,"The blue mug arrived quickly and it keeps coffee hot."
R2,C2,2024-03-02,2,Broken,"The handle snapped off after a week, really disappointed."
R3,C1,2024-03-03,4,,"   "
R2,C3,2024-03-04,3,Again,"This row repeats the id R2 and must be dropped as a duplicate."
R4,C4,2024-03-05,1,Slow,"Delivery took three weeks and nobody answered my emails."
""" + "".join(
    f'R{i},C{i},2024-04-{i:02d},4,Fine,"Review number {i} says it was fine."\n'
    for i in range(5, 15)
)
REVIEW_IDS = ["R1", "R2", "R4"] + [f"R{i}" for i in range(5, 15)]
CALL = "Agent: Hello, how can I help?\nCustomer: My order is late.\nAgent: I will check it now.\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ----- tables ----------------------------------------------------------------------------
def test_csv_of_reviews(tmp_path: Path) -> None:
    batch = read_documents(write(tmp_path / "mugs.csv", REVIEWS_CSV))
    docs, report = batch.documents, batch.report
    assert list(docs.columns) == list(DOCUMENT_COLUMNS)
    assert docs["doc_id"].tolist() == REVIEW_IDS
    assert report.skipped_empty == 1 and report.duplicate_ids == 1 and report.documents == 13
    assert report.source_type == "review" and (docs["source_type"] == "review").all()
    first = docs.head(3)
    assert first["rating"].tolist() == [5.0, 2.0, 1.0]
    assert first["title"].tolist() == ["Lovely", "Broken", "Slow"]
    assert first["customer_id"].tolist() == ["C1", "C2", "C4"]
    assert first["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-03-01",
        "2024-03-02",
        "2024-03-05",
    ]
    assert docs["text"].iloc[1] == "The handle snapped off after a week, really disappointed."
    assert report.columns == {
        "text": "Review Text",
        "doc_id": "review_id",
        "customer_id": "customer_id",
        "date": "review_date",
        "rating": "Rating",
        "title": "Title",
    }
    assert (docs["language"] == "en").all() and (docs["source"] == "mugs.csv").all()
    assert any("R2" in w or "repeat" in w for w in report.warnings)
    assert report.to_dict()["documents"] == 13


def test_tsv_of_survey_answers(tmp_path: Path) -> None:
    tsv = (
        "response_id\tNPS\tanswer\n"
        "S1\t9\tGreat prices and the app is easy to use.\n"
        "S2\t3\t价格太贵了，而且客服回复很慢。\n"
    )
    batch = read_documents(write(tmp_path / "nps.tsv", tsv))
    assert batch.report.source_type == "survey"
    assert batch.documents["nps"].tolist() == [9.0, 3.0]
    assert batch.documents["language"].tolist() == ["en", "zh"]
    assert batch.documents["doc_id"].tolist() == ["S1", "S2"]


def test_json_lines_of_transcripts(tmp_path: Path) -> None:
    rows = [
        {"call_id": "CALL1", "agent": "Ann", "transcript": CALL},
        {"call_id": "CALL2", "agent": "Bob", "transcript": CALL.replace("late", "broken")},
    ]
    path = write(tmp_path / "calls.jsonl", "\n".join(json.dumps(r) for r in rows))
    batch = read_documents(path)
    assert batch.report.source_type == "transcript"
    assert batch.documents["doc_id"].tolist() == ["CALL1", "CALL2"]
    assert "broken" in batch.documents["text"].iloc[1]


def test_json_array_without_ids_gets_stable_text_ids(tmp_path: Path) -> None:
    rows = [
        {"channel": "email", "comment": "Please bring back the old loyalty scheme."},
        {"channel": "chat", "comment": "Please bring back the old loyalty scheme."},
        {"channel": "chat", "comment": "The checkout page keeps timing out on my phone."},
    ]
    path = write(tmp_path / "comments.json", json.dumps(rows))
    first = read_documents(path)
    again = read_documents(path)
    ids = first.documents["doc_id"]
    assert ids.tolist() == again.documents["doc_id"].tolist()
    assert ids.is_unique and len(ids) == 3  # the same words from two people stay two documents
    assert first.report.source_type == "note"
    assert "doc_id" not in first.report.columns


def test_women_reviews(shared_data: Path) -> None:
    path = shared_data / "womens_clothing_reviews.csv"
    raw = pd.read_csv(path)
    expected = int((raw["Review Text"].fillna("").str.strip() != "").sum())
    assert len(raw) == 23_486
    started = time.perf_counter()
    batch = read_documents(path)
    assert time.perf_counter() - started < 5.0
    docs = batch.documents
    assert len(docs) == expected == 23_486 - batch.report.skipped_empty
    assert batch.report.source_type == "review"
    assert batch.report.columns["rating"] == "Rating"
    assert batch.report.columns["title"] == "Title"
    assert batch.report.columns["text"] == "Review Text"
    assert docs["doc_id"].is_unique
    assert docs["rating"].between(1, 5).all()
    assert docs["title"].notna().sum() == raw.loc[raw["Review Text"].notna(), "Title"].notna().sum()


# ----- plain text, Markdown, folders ----------------------------------------------------------
def test_txt_transcript_and_note(tmp_path: Path) -> None:
    call = read_documents(write(tmp_path / "call.txt", CALL))
    assert call.report.source_type == "transcript"
    assert call.documents["doc_id"].tolist() == ["call.txt"]
    assert call.documents["text"].iloc[0] == CALL
    note = read_documents(
        write(tmp_path / "visit.txt", "Met the buyer on Tuesday.\nShe wants samples.")
    )
    assert note.report.source_type == "note"
    forced = read_documents(tmp_path / "visit.txt", source_type="Reviews")
    assert forced.documents["source_type"].tolist() == ["review"]


def test_markdown_note_in_utf16_and_utf8_bom(tmp_path: Path) -> None:
    text = "# Store visit\n\nCustomers asked for the café blend.\n"
    md = read_documents(write(tmp_path / "visit.md", text.encode("utf-16")))
    assert md.documents["text"].iloc[0] == text
    assert md.documents["title"].iloc[0] == "visit"
    bom = read_documents(write(tmp_path / "bom.md", b"\xef\xbb\xbf" + text.encode()))
    assert bom.documents["text"].iloc[0] == text


def test_gb18030_text_file(tmp_path: Path) -> None:
    text = "客户反映物流太慢，希望改进包装。\n"
    batch = read_documents(write(tmp_path / "note.txt", text.encode("gb18030")))
    assert batch.documents["text"].iloc[0] == text
    assert batch.documents["language"].iloc[0] == "zh"


def test_mixed_utf8_and_cp1252_lines(tmp_path: Path) -> None:
    data = "First line, café in UTF-8\n".encode() + "Second line, café in cp1252\n".encode("cp1252")
    batch = read_documents(write(tmp_path / "mixed.txt", data))
    text = batch.documents["text"].iloc[0]
    assert text == "First line, café in UTF-8\nSecond line, café in cp1252\n"
    assert any("1 line" in w for w in batch.report.warnings)


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "field"
    write(folder / "calls" / "b.txt", CALL)
    write(folder / "calls" / "a.txt", CALL.replace("late", "lost"))
    write(folder / "notes.md", "Customers keep asking about gift wrapping.")
    write(folder / "mugs.csv", REVIEWS_CSV)
    write(folder / "photo.png", b"\x89PNG\r\n")
    write(folder / "broken.csv", "")
    batch = read_documents(folder)
    docs = batch.documents
    assert batch.report.source == "field"
    assert docs["doc_id"].tolist() == [
        "calls/a.txt", "calls/b.txt", *[f"mugs.csv:{i}" for i in REVIEW_IDS], "notes.md",
    ]  # fmt: skip
    assert docs["source_type"].tolist()[:2] == ["transcript", "transcript"]
    assert docs["source"].tolist()[-1] == "notes.md"
    assert batch.report.documents == 16 and batch.report.source_type == "mixed"
    assert batch.report.skipped_empty == 1 and batch.report.duplicate_ids == 1
    assert any("photo.png" in w for w in batch.report.warnings)
    assert any("broken.csv" in w and "empty" in w for w in batch.report.warnings)


# ----- workspace datasets ------------------------------------------------------------------
def test_demo_datasets(demo_ws: Workspace) -> None:
    assert qualitative_datasets(demo_ws) == ["reviews", "surveys", "transcripts"]
    reviews = documents_from_dataset(demo_ws, "reviews")
    raw = demo_ws.read_dataset("reviews")
    assert reviews.report.source_type == "review" and reviews.report.columns["rating"] == "rating"
    assert reviews.documents["doc_id"].tolist() == raw["review_id"].tolist()
    assert reviews.documents["rating"].tolist() == raw["rating"].astype(float).tolist()
    assert reviews.documents["language"].tolist() == raw["language"].tolist()
    surveys = documents_from_dataset(demo_ws, "surveys")
    assert surveys.report.source_type == "survey" and surveys.report.columns["nps"] == "nps"
    assert surveys.report.columns["text"] == "answer"
    calls = documents_from_dataset(demo_ws, "transcripts")
    assert calls.report.source_type == "transcript"
    assert calls.report.columns["text"] == "transcript"
    assert (
        calls.documents["customer_id"].tolist()
        == demo_ws.read_dataset("transcripts")["customer_id"].tolist()
    )
    with pytest.raises(KnowledgeError, match="Did you mean 'reviews'"):
        documents_from_dataset(demo_ws, "reveiws")


# ----- bad input -------------------------------------------------------------------------
def test_empty_and_header_only_files(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="empty"):
        read_documents(write(tmp_path / "empty.csv", ""))
    with pytest.raises(KnowledgeError, match="empty"):
        read_documents(write(tmp_path / "empty.txt", "  \n\n"))
    with pytest.raises(KnowledgeError, match="no data rows"):
        read_documents(write(tmp_path / "header.csv", "review_id,text\n"))


def test_unknown_text_column_suggests_the_right_one(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="Did you mean 'Review Text'"):
        read_documents(write(tmp_path / "mugs.csv", REVIEWS_CSV), text_column="review txt")


def test_all_empty_text_column() -> None:
    frame = pd.DataFrame({"id": ["1", "2"], "comment": ["", "   "]})
    with pytest.raises(KnowledgeError, match="no text in column 'comment'; every row is empty"):
        documents_from_frame(frame, {}, "export.csv", text_column="comment")


def test_table_without_a_text_column() -> None:
    frame = pd.DataFrame({"id": [1, 2], "amount": [3.5, 4.0]})
    with pytest.raises(KnowledgeError, match="text_column"):
        documents_from_frame(frame, {}, "orders.csv")


def test_document_over_a_million_characters() -> None:
    frame = pd.DataFrame({"doc_id": ["big", "small"], "text": ["word " * 200_001, "tiny text"]})
    with pytest.raises(KnowledgeError, match=r"'big'.*Split it"):
        documents_from_frame(frame, {}, "dump.csv")


def test_huge_one_line_text_file_fails_fast(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    block = b"x" * (1 << 20)
    with open(path, "wb") as handle:
        for _ in range(100):
            handle.write(block)
    started = time.perf_counter()
    with pytest.raises(KnowledgeError, match="Split it"):
        read_documents(path)
    assert time.perf_counter() - started < 5.0


def test_text_file_just_over_the_character_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", "y" * 1_000_001)
    with pytest.raises(KnowledgeError, match="1,000,001 characters"):
        read_documents(path)


def test_unsupported_extension_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"\.jsonl") as caught:
        read_documents(write(tmp_path / "deck.pdf", b"%PDF-1.4"))
    assert "deck.pdf" in str(caught.value)
    with pytest.raises(KnowledgeError, match="no file or folder"):
        read_documents(tmp_path / "missing.csv")


def test_invalid_source_type(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"'tweet' is not a source type.*'transcript'"):
        read_documents(write(tmp_path / "call.txt", CALL), source_type="tweet")
