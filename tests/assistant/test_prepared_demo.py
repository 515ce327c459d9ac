"""The demo a session copies has its feedback indexed already, so a copy drafts personas and
searches feedback without indexing first."""

from __future__ import annotations

from pathlib import Path

from assistant.demo import prepared_demo
from knowledge.indexing import ensure_indexed
from knowledge.sources import qualitative_datasets
from knowledge.store import KnowledgeStore
from tools.settings import DataSettings


def test_prepared_demo_is_indexed_once_and_copies_share_the_index(tmp_path: Path) -> None:
    settings = DataSettings(workspaces_dir=tmp_path / "spaces", max_upload_mb=10, demo_seed=7)
    demo = prepared_demo(settings)
    feedback = qualitative_datasets(demo)
    assert set(feedback) >= {"reviews", "surveys", "transcripts"}
    chunks = KnowledgeStore(demo).chunks()
    indexed = set(chunks["source"].str.removeprefix("dataset:"))
    assert indexed == set(feedback), "every feedback table of the demo is indexed"
    expected_docs = sum(len(demo.read_dataset(name)) for name in feedback)
    assert chunks["doc_id"].astype(str).groupby(chunks["source"]).nunique().sum() <= expected_docs

    again = prepared_demo(settings)  # a later start: nothing to do
    assert ensure_indexed(KnowledgeStore(again)) == []

    copy = demo.copy_to(tmp_path / "session-copy")
    assert ensure_indexed(KnowledgeStore(copy)) == [], "the copy needs no indexing of its own"
    assert len(KnowledgeStore(copy).chunks()) == len(chunks)
