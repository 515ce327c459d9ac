"""Embedders: the local model offline, an OpenAI-compatible service, and switching between them."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import knowledge.embeddings as embeddings_module
from knowledge.embeddings import LocalEmbedder, OpenAIEmbedder, embedder_from_env
from knowledge.errors import KnowledgeError
from knowledge.search import search
from knowledge.store import META_KEY, KnowledgeStore, chroma_client, collection_name
from tools.workspace import Workspace

STUB_DIM = 8


def stub_vector(text: str) -> list[float]:
    """What the stub service answers for a text: deterministic, not unit length."""
    digest = hashlib.sha256(text.encode()).digest()[:STUB_DIM]
    return [float(b) - 100.0 for b in digest]


def unit(vector: list[float]) -> np.ndarray:
    array = np.asarray(vector, dtype=np.float32)
    return array / np.linalg.norm(array)


class StubService:
    """An OpenAI-compatible embeddings endpoint on 127.0.0.1 that can be told to misbehave."""

    def __init__(self) -> None:
        self.mode = "ok"  # ok | 500 | 401 | slow | short
        self.sleep = 0.0
        self.requests: list[dict[str, Any]] = []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # the name http.server calls
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                service.requests.append({"path": self.path, **body})
                if self.path != "/v1/embeddings":
                    return self.reply(404, {"error": {"message": "not found"}})
                if service.mode == "500":
                    return self.reply(500, {"error": {"message": "the model crashed"}})
                if service.mode == "401":
                    return self.reply(401, {"error": {"message": "Incorrect API key provided"}})
                if service.mode == "slow":
                    time.sleep(service.sleep)
                texts = body["input"]
                if service.mode == "short":
                    texts = texts[:-1]
                items = [
                    {"object": "embedding", "index": i, "embedding": self.encode(t, body)}
                    for i, t in enumerate(texts)
                ]
                items.reverse()  # real services may answer out of order; "index" says where
                usage = {"prompt_tokens": 1, "total_tokens": 1}
                self.reply(200, {"object": "list", "data": items, "model": body["model"],
                                 "usage": usage})  # fmt: skip

            def encode(self, text: str, body: dict[str, Any]) -> Any:
                vector = stub_vector(text)
                if body.get("encoding_format") == "base64":
                    return base64.b64encode(np.asarray(vector, "<f4").tobytes()).decode()
                return vector

            def reply(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)  # a client that timed out has hung up

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def embedded_texts(self) -> list[list[str]]:
        return [r["input"] for r in self.requests if r["path"] == "/v1/embeddings"]


@pytest.fixture
def stub() -> Iterator[StubService]:
    service = StubService()
    service.thread.start()
    yield service
    service.server.shutdown()
    service.server.server_close()


def openai_embedder(stub: StubService, **options: Any) -> OpenAIEmbedder:
    return OpenAIEmbedder(model="stub-embed", base_url=stub.url, api_key="test-key", **options)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


# ----- the local model ------------------------------------------------------------------
SENTENCES = ["the parcel arrived late", "my delivery was delayed", "I love the colour"]


def test_local_vectors_are_unit_length_and_follow_meaning() -> None:
    vectors = LocalEmbedder().embed(SENTENCES)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    late, delayed, colour = vectors
    assert float(late @ delayed) > float(late @ colour) + 0.2
    assert float(late @ delayed) > float(delayed @ colour) + 0.2
    assert LocalEmbedder().embed([]).shape == (0, 384)


def test_bfloat16_and_float32_agree() -> None:
    texts = [*SENTENCES, "Customer: I want a refund for the broken zip.", "质量很好，物流很快"]
    full = LocalEmbedder(precision="float32").embed(texts)
    half = LocalEmbedder(precision="bfloat16").embed(texts)
    assert full.dtype == half.dtype == np.float32
    assert not np.array_equal(full, half), "both ran at the same precision"
    for a, b in zip(full, half, strict=True):
        assert cosine(a, b) > 0.99
    assert LocalEmbedder(precision="float32").backend_id == LocalEmbedder("bfloat16").backend_id


def test_local_model_loads_and_runs_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network is off in this test")

    def refuse_lookup(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args[:2])
        raise socket.gaierror("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse_lookup)
    embeddings_module._load_local_model.cache_clear()  # load again, from disk only
    vectors = LocalEmbedder(precision="float32").embed(SENTENCES)
    assert vectors.shape == (3, 384)
    assert attempts == [], f"the local model tried to reach {attempts}"


# ----- an OpenAI-compatible service ---------------------------------------------------------
def test_openai_vectors_come_back_in_order_and_normalised(stub: StubService) -> None:
    texts = [f"review number {i} about the parcel" for i in range(7)]
    vectors = openai_embedder(stub, batch=3).embed(texts)
    assert vectors.shape == (7, STUB_DIM) and vectors.dtype == np.float32
    for text, vector in zip(texts, vectors, strict=True):
        np.testing.assert_allclose(vector, unit(stub_vector(text)), atol=1e-5)
    assert stub.embedded_texts() == [texts[0:3], texts[3:6], texts[6:7]]
    assert all(r["model"] == "stub-embed" for r in stub.requests)


@pytest.mark.parametrize(
    ("mode", "words"),
    [("500", ["InternalServerError", "crashed"]), ("401", ["AuthenticationError", "key"])],
)
def test_openai_http_errors_become_clear_messages(
    stub: StubService, mode: str, words: list[str]
) -> None:
    stub.mode = mode
    with pytest.raises(KnowledgeError) as error:
        openai_embedder(stub).embed(["hello"])
    message = str(error.value)
    assert stub.url in message and "stub-embed" in message
    assert all(word in message for word in words), message
    assert "SEGMENT_EMBEDDINGS=local" in message


def test_openai_timeout_becomes_a_clear_message(stub: StubService) -> None:
    stub.mode, stub.sleep = "slow", 3.0
    started = time.perf_counter()
    with pytest.raises(KnowledgeError) as error:
        openai_embedder(stub, timeout=0.3).embed(["hello"])
    assert time.perf_counter() - started < 2.9, "the timeout was not applied"
    assert "Timeout" in str(error.value) and stub.url in str(error.value)


def test_openai_wrong_number_of_vectors_is_refused(stub: StubService) -> None:
    stub.mode = "short"
    with pytest.raises(KnowledgeError) as error:
        openai_embedder(stub).embed(["one", "two", "three"])
    assert "2 vectors for 3 texts" in str(error.value)


# ----- switching backends re-embeds instead of mixing ------------------------------------
TEXTS = {
    "R1": "The parcel arrived two weeks late and the courier never called.",
    "R2": "Lovely colour and the fabric feels soft.",
    "S1": "Support answered my question within minutes.",
}


def planted_documents() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": list(TEXTS),
            "source_type": ["review", "review", "survey"],
            "text": list(TEXTS.values()),
            "customer_id": ["C1", "C2", "C3"],
            "date": ["2024-01-05", "2024-02-06", "2024-03-07"],
            "rating": [2, 5, None],
            "nps": [None, None, 9],
            "language": "en",
        }
    )


def collection_names(ws: Workspace) -> set[str]:
    return {c.name for c in chroma_client(ws).list_collections()}


def test_backend_change_reembeds_every_chunk(tmp_path: Path, stub: StubService) -> None:
    ws = Workspace(tmp_path / "ws")
    local = LocalEmbedder()
    KnowledgeStore(ws, local).ingest(planted_documents(), "mine")
    local_name = collection_name(local.backend_id)
    assert collection_names(ws) == {local_name}

    remote = openai_embedder(stub)
    store = KnowledgeStore(ws, remote)
    assert store.ensure_backend() is True
    assert store.ensure_backend() is False
    remote_name = collection_name(remote.backend_id)
    assert collection_names(ws) == {remote_name}, "the old model's vectors are still there"
    state = ws.get_meta(META_KEY)
    assert state["backend"] == remote.backend_id
    assert state["reindexed_from"] == local.backend_id

    chunks = store.chunks()
    stored = chroma_client(ws).get_collection(remote_name, embedding_function=None)
    got = stored.get(include=["embeddings"])
    assert sorted(got["ids"]) == sorted(chunks["chunk_id"]) and len(got["ids"]) == 3
    text_of = dict(zip(chunks["chunk_id"], chunks["text"], strict=True))
    for chunk, vector in zip(got["ids"], got["embeddings"], strict=True):
        assert len(vector) == STUB_DIM
        np.testing.assert_allclose(vector, unit(stub_vector(text_of[chunk])), atol=1e-5)

    stub.requests.clear()
    hits = search(store, "courier", k=3)
    assert hits[0].doc_id == "R1" and hits[0].keyword_score is not None
    assert all(h.similarity is not None for h in hits), "the vector channel was not used"
    assert stub.embedded_texts() == [["courier"]]

    back = KnowledgeStore(ws, LocalEmbedder())
    assert back.ensure_backend() is True
    assert collection_names(ws) == {local_name}
    vectors = back.collection().get(include=["embeddings"])["embeddings"]
    assert np.asarray(vectors).shape == (3, 384)
    assert search(back, "delayed shipment", k=1)[0].doc_id == "R1"


# ----- choosing the backend from the environment ---------------------------------------------
def test_embedder_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SEGMENT_EMBEDDINGS", "SEGMENT_EMBEDDING_MODEL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    assert isinstance(embedder_from_env(), LocalEmbedder)

    monkeypatch.setenv("SEGMENT_EMBEDDINGS", "openai")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    chosen = embedder_from_env()
    assert isinstance(chosen, OpenAIEmbedder)
    assert chosen.base_url == "http://127.0.0.1:9/v1"
    assert chosen.backend_id.endswith("@http://127.0.0.1:9/v1")

    monkeypatch.setenv("SEGMENT_EMBEDDINGS", "word2vec")
    with pytest.raises(KnowledgeError) as error:
        embedder_from_env()
    assert "word2vec" in str(error.value) and "local, openai" in str(error.value)
