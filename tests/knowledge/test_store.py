"""The knowledge store: vectors in Chroma, a catalogue in the workspace, both always in step."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import knowledge.catalogue as catalogue_module
import knowledge.store as store_module
from knowledge.embeddings import LocalEmbedder
from knowledge.errors import KnowledgeError
from knowledge.indexing import ensure_indexed, index_dataset, index_file
from knowledge.search import search
from knowledge.store import KnowledgeStore, chroma_client
from tools.workspace import Workspace

HASH_DIM = 16


def hash_vector(text: str) -> np.ndarray:
    """A unit vector that depends only on the text (computed here, not by the store)."""
    raw = np.frombuffer(hashlib.sha256(text.encode()).digest()[:HASH_DIM], dtype=np.uint8)
    vector = raw.astype(np.float32) - 127.5
    return vector / np.linalg.norm(vector)


class HashEmbedder:
    """A fast stand-in model (the store's bookkeeping does not depend on the model). It can
    be slow, or fail after some calls like a model that runs out of memory half-way."""

    backend_id = "test:hash16"
    multilingual = True

    def __init__(self, fail_after: int | None = None, delay: float = 0.0) -> None:
        self.calls, self.fail_after, self.delay = 0, fail_after, delay

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        time.sleep(self.delay)
        if self.fail_after is not None and self.calls > self.fail_after:
            raise RuntimeError("out of memory")
        return np.vstack([hash_vector(t) for t in texts]).astype(np.float32)


def chunk_id(source: str, doc_id: str, position: int, text: str) -> str:
    return hashlib.sha256(f"{source}/{doc_id}\x1f{position}\x1f{text}".encode()).hexdigest()[:32]


PLANTED = {
    "R1": ("review", "The parcel arrived two weeks late and the courier never called.", 2.0, None),
    "R2": ("review", "Lovely colour and the fabric feels soft.", 5.0, None),
    "R3": ("review", "The zip broke on the first day.", 1.0, None),
    "S1": ("survey", "Support answered my question within minutes.", None, 9.0),
    "S2": ("survey", "Prices went up again, I am looking elsewhere.", None, 3.0),
}

REVIEW_TEXTS = [
    "The parcel arrived late and the box was crushed on one side.",
    "Great fit, I ordered a second one in blue straight away.",
    "Customer service never replied to my emails about the refund.",
    "The colour faded after the very first wash, disappointing.",
]
SURVEY_TEXTS = [
    "I would recommend you because delivery is always fast.",
    "Too expensive for what you get, I am switching brands.",
    "The app keeps logging me out when I try to pay.",
]


def documents(texts: dict[str, tuple[str, str, float | None, float | None]]) -> pd.DataFrame:
    """One single-sentence document per entry: each becomes exactly one chunk."""
    kinds, words, ratings, nps = (list(column) for column in zip(*texts.values(), strict=True))
    columns = {"doc_id": list(texts), "source_type": kinds, "text": words, "rating": ratings}
    days = [f"2024-03-{i + 1:02d}" for i in range(len(texts))]
    customers = [f"C{i}" for i in range(len(texts))]
    return pd.DataFrame({**columns, "nps": nps, "date": days, "customer_id": customers,
                         "language": "en"})  # fmt: skip


def expected_ids(source: str, texts: dict[str, tuple]) -> dict[str, str]:
    """doc id → the id of its single chunk, computed from the planted text only."""
    return {doc: chunk_id(source, doc, 0, entry[1]) for doc, entry in texts.items()}


def chroma_ids(store: KnowledgeStore, ids: list[str]) -> set[str]:
    return set(store.collection().get(ids=ids, include=[])["ids"])


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "ws")


@pytest.fixture
def store(ws: Workspace) -> KnowledgeStore:
    return KnowledgeStore(ws, HashEmbedder())


# ----- Chroma holds the vectors ---------------------------------------------------------
def test_chroma_holds_one_vector_per_chunk_inside_the_workspace(store: KnowledgeStore) -> None:
    report = store.ingest(documents(PLANTED), "mine")
    ids = expected_ids("mine", PLANTED)
    chunks = store.chunks()
    assert report.chunks_added == len(PLANTED) == len(chunks)
    assert sorted(chunks["chunk_id"]) == sorted(ids.values())
    collection = store.collection()
    assert collection.count() == len(chunks)

    stored = collection.get(ids=[ids["R1"], ids["S2"]], include=["embeddings", "metadatas"])
    by_id = dict(zip(stored["ids"], stored["embeddings"], strict=True))
    meta = dict(zip(stored["ids"], stored["metadatas"], strict=True))
    np.testing.assert_allclose(by_id[ids["R1"]], hash_vector(PLANTED["R1"][1]), atol=1e-6)
    np.testing.assert_allclose(by_id[ids["S2"]], hash_vector(PLANTED["S2"][1]), atol=1e-6)
    assert meta[ids["R1"]]["doc_id"] == "R1" and meta[ids["R1"]]["rating"] == 2.0
    assert meta[ids["R1"]]["day"] == 20240301 and meta[ids["R1"]]["source"] == "mine"
    assert meta[ids["S2"]]["nps"] == 3.0 and "rating" not in meta[ids["S2"]]

    client = chroma_client(store.ws)
    folder = store.ws.root / "chroma"
    assert Path(client.get_settings().persist_directory).resolve() == folder
    assert any(folder.iterdir()), "Chroma wrote nothing into the workspace"
    assert client.get_settings().anonymized_telemetry is False


# ----- the same content is added once ---------------------------------------------------
def test_reingesting_the_same_documents_adds_nothing(store: KnowledgeStore) -> None:
    store.ingest(documents(PLANTED), "mine")
    calls = store.embedder.calls
    report = store.ingest(documents(PLANTED), "mine")
    assert report.chunks_added == 0 and report.chunks_removed == 0
    assert report.chunks_already_indexed == len(PLANTED)
    assert store.embedder.calls == calls, "unchanged chunks were embedded again"
    assert store.collection().count() == len(store.chunks()) == len(PLANTED)


def test_chunk_ids_are_content_hashes(store: KnowledgeStore) -> None:
    store.ingest(documents(PLANTED), "mine")
    chunks = store.chunks()
    recomputed = [
        chunk_id(row.source, row.doc_id, row.position, row.text) for row in chunks.itertuples()
    ]
    assert chunks["chunk_id"].tolist() == recomputed
    ids = expected_ids("mine", PLANTED)
    assert chroma_ids(store, list(ids.values())) == set(ids.values())
    # the same document under another source is another chunk
    store.ingest(documents({"R2": PLANTED["R2"]}), "other")
    assert chunk_id("other", "R2", 0, PLANTED["R2"][1]) in set(store.chunks()["chunk_id"])
    assert store.collection().count() == len(PLANTED) + 1


def test_indexing_the_same_file_twice_adds_nothing(tmp_path: Path, ws: Workspace) -> None:
    store = KnowledgeStore(ws, LocalEmbedder())
    path = tmp_path / "feedback.csv"
    rows = enumerate(REVIEW_TEXTS, start=1)
    lines = [f'R{i},C{i},2024-05-{i:02d},{1 + i % 5},"{text}"' for i, text in rows]
    path.write_text("review_id,customer_id,date,rating,review\n" + "\n".join(lines) + "\n")
    first = index_file(store, path)
    count = store.collection().count()
    second = index_file(store, path)
    assert first.source == second.source == "feedback.csv"
    assert first.documents == 4 and first.chunks_added == 4
    assert second.chunks_added == 0 and second.chunks_already_indexed == 4
    assert store.collection().count() == count == len(store.chunks()) == 4
    expected = chunk_id("feedback.csv", "R3", 0, REVIEW_TEXTS[2])
    assert expected in set(store.chunks()["chunk_id"])


# ----- changes and deletions reach both the catalogue and Chroma ------------------------
def test_changed_text_replaces_the_old_chunks(store: KnowledgeStore) -> None:
    store.ingest(documents(PLANTED), "mine")
    old = expected_ids("mine", PLANTED)
    changed = {"R1": ("review", "Delivery was quick this time, well done.", 4.0, None)}
    report = store.ingest(documents(changed), "mine")
    new_id = chunk_id("mine", "R1", 0, changed["R1"][1])
    catalogue = set(store.chunks()["chunk_id"])
    assert report.chunks_added == 1 and report.chunks_removed == 1
    assert old["R1"] not in catalogue and new_id in catalogue
    assert chroma_ids(store, [old["R1"], new_id]) == {new_id}
    # the other documents were not part of the batch and stay (replace=False)
    assert {old[d] for d in ("R2", "R3", "S1", "S2")} <= catalogue
    assert store.collection().count() == len(catalogue) == len(PLANTED)


def test_replace_removes_documents_missing_from_the_batch(store: KnowledgeStore) -> None:
    store.ingest(documents(PLANTED), "mine")
    store.ingest(documents({"X1": ("note", "A note from another team.", None, None)}), "notes")
    old = expected_ids("mine", PLANTED)
    kept = {d: PLANTED[d] for d in ("R1", "S1")}
    report = store.ingest(documents(kept), "mine", replace=True)
    assert report.chunks_added == 0 and report.chunks_removed == 3
    chunks = store.chunks()
    assert sorted(chunks.loc[chunks["source"] == "mine", "doc_id"]) == ["R1", "S1"]
    assert (chunks["source"] == "notes").sum() == 1, "another source was touched"
    gone = [old[d] for d in ("R2", "R3", "S2")]
    assert chroma_ids(store, gone) == set()
    assert store.collection().count() == len(chunks) == 3
    assert store.sources()["mine"]["documents"] == 2


def test_delete_by_source_and_by_document(store: KnowledgeStore) -> None:
    store.ingest(documents(PLANTED), "mine")
    notes = {"X1": ("note", "A note from another team.", None, None)}
    store.ingest(documents(notes), "notes")
    old = expected_ids("mine", PLANTED)

    assert store.delete(doc_ids=["R2", "S1"]) == 2
    assert set(store.chunks()["doc_id"]) == {"R1", "R3", "S2", "X1"}
    assert chroma_ids(store, [old["R2"], old["S1"]]) == set()
    assert store.collection().count() == 4

    assert store.delete(source="notes") == 1
    assert set(store.chunks()["source"]) == {"mine"}
    assert "notes" not in store.sources()
    assert chroma_ids(store, [chunk_id("notes", "X1", 0, notes["X1"][1])]) == set()
    assert store.collection().count() == len(store.chunks()) == 3

    with pytest.raises(KnowledgeError) as error:
        store.delete(source="nope")
    assert "nope" in str(error.value) and "mine" in str(error.value)
    with pytest.raises(KnowledgeError):
        store.delete(doc_ids=["not-there"])
    assert store.collection().count() == 3


# ----- a failed ingest leaves everything as it was --------------------------------------
def test_failure_half_way_leaves_the_store_as_it_was(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    KnowledgeStore(ws, HashEmbedder()).ingest(documents(PLANTED), "mine")
    before_state = ws.get_meta(store_module.META_KEY)
    before_chunks = KnowledgeStore(ws, HashEmbedder()).chunks()
    monkeypatch.setattr(store_module, "_ADD_BATCH", 2)

    broken = HashEmbedder(fail_after=1)
    store = KnowledgeStore(ws, broken)
    batch = {
        "R1": ("review", "A changed text for the first review.", 3.0, None),
        "N1": ("review", "First new review.", 4.0, None),
        "N2": ("review", "Second new review.", 4.0, None),
        "N3": ("review", "Third new review.", 2.0, None),
        "N4": ("review", "Fourth new review.", 1.0, None),
    }
    with pytest.raises(KnowledgeError) as error:
        store.ingest(documents(batch), "mine")
    assert "as it was" in str(error.value)
    assert broken.calls == 2, "the failure should come on the second batch"

    assert ws.get_meta(store_module.META_KEY) == before_state
    pd.testing.assert_frame_equal(store.chunks(), before_chunks)
    attempted = list(expected_ids("mine", batch).values())
    assert chroma_ids(store, attempted) == set(), "vectors of the failed ingest remain"
    assert store.collection().count() == len(PLANTED)
    # the old version of the changed document is still there
    assert chroma_ids(store, [expected_ids("mine", PLANTED)["R1"]]) != set()


def test_write_failing_half_way_removes_what_was_written(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    KnowledgeStore(ws, HashEmbedder()).ingest(documents(PLANTED), "mine")
    monkeypatch.setattr(store_module, "_ADD_BATCH", 2)
    store = KnowledgeStore(ws, HashEmbedder())
    collection = store.collection()
    real_upsert, writes = collection.upsert, []

    def upsert_then_fail(**kwargs: object) -> None:
        writes.append(kwargs["ids"])
        if len(writes) > 1:
            raise OSError(28, "No space left on device")
        real_upsert(**kwargs)

    monkeypatch.setattr(type(collection), "upsert", lambda self, **kw: upsert_then_fail(**kw))
    batch = {f"N{i}": ("review", f"New review number {i} about sizing.", 4.0, None)
             for i in range(5)}
    with pytest.raises(KnowledgeError) as error:
        store.ingest(documents(batch), "mine")
    assert "as it was" in str(error.value)
    assert len(writes) == 2, "the first write should have gone through before the failure"
    monkeypatch.undo()
    attempted = list(expected_ids("mine", batch).values())
    assert chroma_ids(store, attempted) == set(), "vectors of the failed ingest remain"
    assert store.collection().count() == len(PLANTED)


def test_catalogue_that_cannot_be_saved_leaves_no_vectors(
    store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.ingest(documents({d: PLANTED[d] for d in ("R1", "R2")}), "mine")
    before_state = store.ws.get_meta(store_module.META_KEY)

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.Catalogue, "write", staticmethod(disk_full))
    with pytest.raises(KnowledgeError) as error:
        store.ingest(documents(PLANTED), "mine")
    assert "No space left" in str(error.value) and "as it was" in str(error.value)
    assert store.ws.get_meta(store_module.META_KEY) == before_state
    assert store.collection().count() == len(store.chunks()) == 2
    attempted = expected_ids("mine", {d: PLANTED[d] for d in ("R3", "S1", "S2")})
    assert chroma_ids(store, list(attempted.values())) == set()


# ----- re-opening -----------------------------------------------------------------------
def test_reopened_store_sees_the_same_chunks_and_searches(ws: Workspace) -> None:
    store = KnowledgeStore(ws, LocalEmbedder())
    store.ingest(documents(PLANTED), "mine")
    before = store.chunks().copy()
    # forget everything held in memory: the Chroma client and the cached catalogue
    store_module._CLIENTS.pop(str(ws.root / "chroma")).close()
    catalogue_module._CACHE.clear()

    reopened = KnowledgeStore(Workspace(ws.root), LocalEmbedder())
    pd.testing.assert_frame_equal(reopened.chunks(), before)
    assert reopened.collection().count() == len(PLANTED)
    assert reopened.ensure_backend() is False
    hits = search(reopened, "delayed shipment", k=3)  # no word in common with R1: meaning
    assert hits[0].doc_id == "R1" and hits[0].keyword_score is None
    assert hits[0].similarity == max(h.similarity for h in hits)
    assert search(reopened, "zip", k=1)[0].doc_id == "R3"


# ----- workspace datasets ----------------------------------------------------------------
def test_datasets_are_indexed_once_and_again_when_they_change(
    make_ws: Callable[..., Workspace],
) -> None:
    ids = ["R1", "R2", "R3", "R4"]
    reviews = pd.DataFrame({"review_id": ids, "rating": [2, 5, 1, 2], "review": REVIEW_TEXTS})
    surveys = pd.DataFrame({"response_id": ["S1", "S2", "S3"], "answer": SURVEY_TEXTS})
    orders = pd.DataFrame({"order_id": ["O1", "O2"], "amount": [10.0, 20.0]})
    roles = {"reviews": {"review": "text"}, "surveys": {"answer": "text"}}
    ws = make_ws(reviews=reviews, surveys=surveys, orders=orders, roles=roles)
    store = KnowledgeStore(ws, LocalEmbedder())

    first = index_dataset(store, "reviews")
    assert first.source == "dataset:reviews" and first.chunks_added == 4
    reports = ensure_indexed(store)
    assert [r.source for r in reports] == ["dataset:surveys"]
    assert ensure_indexed(store) == []
    assert store.collection().count() == len(store.chunks()) == 7
    assert set(store.sources()) == {"dataset:reviews", "dataset:surveys"}

    old_id = chunk_id("dataset:reviews", "R3", 0, REVIEW_TEXTS[2])
    assert old_id in set(store.chunks()["chunk_id"])
    changed = reviews.copy()
    changed.loc[2, "review"] = "Customer service called me back the same day, great."
    ws.save_dataset("reviews", changed, ws.dataset_info("reviews"))
    reports = ensure_indexed(store)
    assert [r.source for r in reports] == ["dataset:reviews"]
    assert reports[0].chunks_added == 1 and reports[0].chunks_removed == 1
    new_id = chunk_id("dataset:reviews", "R3", 0, changed.loc[2, "review"])
    catalogue = set(store.chunks()["chunk_id"])
    assert old_id not in catalogue and new_id in catalogue
    assert chroma_ids(store, [old_id, new_id]) == {new_id}
    assert store.collection().count() == len(catalogue) == 7
    assert ensure_indexed(store) == []


# ----- catalogue ↔ documents on the demo -------------------------------------------------
DEMO_TEXTS = {
    "reviews": ("review_id", "text"),
    "surveys": ("response_id", "answer"),
    "transcripts": ("call_id", "transcript"),
}


def test_demo_chunks_are_verbatim_pieces_of_their_documents(demo_knowledge_ws: Workspace) -> None:
    store = KnowledgeStore(demo_knowledge_ws, LocalEmbedder())
    chunks = store.chunks()
    assert store.collection().count() == len(chunks)
    for name, (id_column, text_column) in DEMO_TEXTS.items():
        frame = demo_knowledge_ws.read_dataset(name)
        frame = frame[frame[text_column].fillna("").str.strip() != ""]
        text_of = dict(zip(frame[id_column].astype(str), frame[text_column], strict=True))
        mine = chunks[chunks["source"] == f"dataset:{name}"]
        assert set(mine["doc_id"]) == set(text_of), f"{name}: documents missing or extra"
        for row in mine.itertuples():
            document = text_of[row.doc_id]
            assert document[row.start : row.start + len(row.text)] == row.text, row.chunk_id
            assert row.chunk_id == chunk_id(row.source, row.doc_id, row.position, row.text)
        positions = mine.groupby("doc_id")["position"].agg(list)
        assert all(p == list(range(len(p))) for p in positions), f"{name}: positions gap"


# ----- two stores on one workspace (two tool calls at once) ---------------------------------
def test_concurrent_ingests_into_one_workspace_keep_both(ws: Workspace) -> None:
    first = {d: PLANTED[d] for d in ("R1", "R2", "R3")}
    second = {d: PLANTED[d] for d in ("S1", "S2")}
    errors: list[BaseException] = []

    def ingest(texts: dict[str, tuple], source: str) -> None:
        try:
            KnowledgeStore(ws, HashEmbedder(delay=0.3)).ingest(documents(texts), source)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=a) for a in ((first, "A"), (second, "B"))]
    for thread in threads:
        thread.start()
        time.sleep(0.05)
    for thread in threads:
        thread.join()
    assert errors == []
    store = KnowledgeStore(ws, HashEmbedder())
    chunks = store.chunks()
    assert sorted(chunks["doc_id"]) == ["R1", "R2", "R3", "S1", "S2"], "an ingest was lost"
    assert set(store.sources()) == {"A", "B"}
    assert store.collection().count() == len(chunks) == 5
    catalogues = list((ws.root / "knowledge").glob("chunks-*.parquet"))
    assert [p.name for p in catalogues] == [Path(store.state["catalogue"]).name]
