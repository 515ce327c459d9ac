"""The chunk catalogue is switched atomically; leftovers of an interrupted ingest are removed."""

from __future__ import annotations

import os
import time

import pandas as pd

from knowledge.store import KnowledgeStore
from tools.workspace import Workspace


class Tiny:
    """A small deterministic embedder: vectors from letter counts (enough for storage tests)."""

    backend_id = "test:letters"
    multilingual = True

    def embed(self, texts):
        import numpy as np

        rows = np.array([[t.lower().count(c) + 1e-3 for c in "aeiostnrl"] for t in texts], float)
        return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype("float32")


def test_an_orphaned_catalogue_file_is_removed_and_the_current_one_kept(tmp_path):
    ws = Workspace(tmp_path / "ws")
    store = KnowledgeStore(ws, Tiny())
    store.ingest(pd.DataFrame({"doc_id": ["1"], "source_type": ["note"], "text": ["Hello"]}), "a")
    current = ws.path(store.state["catalogue"])
    orphan = ws.path("knowledge/chunks-interrupted.parquet")
    orphan.write_bytes(current.read_bytes())
    old = time.time() - 3600
    os.utime(orphan, (old, old))
    os.utime(current, (old, old))
    Workspace(ws.root)  # opening a workspace tidies it
    assert current.exists() and not orphan.exists()
    assert KnowledgeStore(ws, Tiny()).chunks()["text"].tolist() == ["Hello"]


def test_a_quote_is_found_verbatim_whatever_its_spacing_case_or_quote_marks(tmp_path):
    store = KnowledgeStore(Workspace(tmp_path / "ws"), Tiny())
    text = "The parcel  never arrived. I’m still waiting for a refund!"
    store.ingest(pd.DataFrame({"doc_id": ["1"], "source_type": ["note"], "text": [text]}), "a")
    catalogue = store.catalogue()
    assert catalogue.contains("the parcel never arrived.")
    assert catalogue.contains("I'm still waiting for a refund")
    assert not catalogue.contains("I'm still waiting for my money")
    assert not catalogue.contains("   ")
