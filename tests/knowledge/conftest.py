"""The women's clothing reviews indexed once per test run (about 43,000 passages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.sources import read_documents
from knowledge.store import KnowledgeStore
from tools.workspace import Workspace


@pytest.fixture(scope="session")
def womens_store(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeStore:
    path = shared_data / "womens_clothing_reviews.csv"
    store = KnowledgeStore(Workspace(tmp_path_factory.mktemp("womens") / "ws"))
    store.ingest(read_documents(path).documents, "womens_clothing_reviews.csv")
    return store
