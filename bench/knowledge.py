"""Benchmark: the knowledge store on 23k real clothing reviews, with references.

    .venv/bin/python bench/knowledge.py [--reviews PATH] [--limit N] [--queries N]

Prints one table: indexing (chunking + embedding + Chroma writes + catalogue) with the
bare embedding model and Chroma writes alone as references measured in this run, hybrid
search latency without and with filters against each retrieval channel alone, and the
low-vs-high rating theme analysis. The model is loaded before anything is timed, so no
row includes loading it. Targets: indexing at least 300 chunks/s, search p50 at most 50 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from measure import Measured, measure, print_table, rss_mb

from knowledge.embeddings import local_precision
from knowledge.search import Filters, search
from knowledge.sources import read_documents
from knowledge.store import (
    KnowledgeStore,
    chroma_client,
    chroma_metadata,
    collection_name,
    embedding_texts,
)
from knowledge.themes import rating_themes
from tools.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REVIEWS = ROOT.parent / "shared" / "data" / "womens_clothing_reviews.csv"
MODEL_SAMPLE = 5_000  # chunks embedded by the bare model (the reference throughput)
WRITE_BATCH = 2_048  # the store's own batch size, for a like-for-like write reference
WARM_UP = 5
TARGET_CHUNKS_PER_SECOND = 300.0
TARGET_P50_MS = 50.0

SHOPPER_QUERIES = (
    "runs small, had to size up", "runs large, ordered a size down", "fabric is see-through",
    "too tight in the chest", "beautiful color", "poor quality stitching", "returned it",
    "fits true to size", "too short for a tall person", "perfect for petite women",
    "the material is itchy", "soft and comfortable fabric", "shrank after washing",
    "looks cheap in person", "looks nothing like the picture online", "great for the office",
    "flattering on curvy figures", "boxy and unflattering shape", "zipper broke",
    "buttons fell off", "too long in the torso", "sleeves are too tight",
    "arms holes are too big", "need to wear a camisole underneath", "lining is poorly made",
    "wrinkles easily", "got so many compliments", "worth the full price",
    "waited for it to go on sale", "color is different from the photo", "pilled after one wear",
    "love the pockets", "waist is too high", "dress is too low cut",
    "heavy and warm sweater for winter", "thin and flimsy", "perfect summer dress",
    "jeans stretch out during the day", "pattern is lovely", "wish it came in more colors",
)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviews", type=Path, default=DEFAULT_REVIEWS)
    parser.add_argument("--limit", type=int, default=None, help="index the first N reviews")
    parser.add_argument("--queries", type=int, default=200, help="searches per variant")
    args = parser.parse_args()
    if not args.reviews.is_file():
        sys.exit(
            f"The reviews file {args.reviews} is missing. Pass its location with --reviews "
            "(the women's clothing reviews CSV, 23,486 rows)."
        )
    if args.queries < 1 or (args.limit is not None and args.limit < 1):
        sys.exit("--queries and --limit must be at least 1.")

    with tempfile.TemporaryDirectory(prefix="knowledge-bench-") as folder:
        run(args, Path(folder))


def run(args: argparse.Namespace, folder: Path) -> None:
    start_load = os.getloadavg()[0]
    read = measure(lambda: read_documents(args.reviews).documents)
    documents: pd.DataFrame = read.value
    if args.limit is not None:
        documents = documents.head(args.limit).reset_index(drop=True)
    store = KnowledgeStore(Workspace(folder / "ws"))
    store.embedder.embed(["warm up"])  # load the model before anything is timed
    print(_machine(store))
    print(f"data: {len(documents):,} reviews with text; baseline RSS {rss_mb():,.0f} MB\n")

    rows: list[dict[str, Any]] = [
        _row("read reviews (CSV → documents)", len(read.value), read, "documents"),
    ]
    indexed = measure(lambda: store.ingest(documents, "womens_reviews"))
    report = indexed.value
    chunks = store.chunks()
    chunk_rate = len(chunks) / indexed.seconds
    rows.append(
        _row(
            "index: chunk + embed + Chroma + catalogue",
            len(chunks),
            indexed,
            "chunks",
            reference=f"{len(documents) / indexed.seconds:,.1f} documents/s",
        )
    )
    rows.append(
        {
            "step": "  of which embedding (IngestReport.embed_seconds)",
            "count": len(chunks),
            "seconds": report.embed_seconds,
            "per second": len(chunks) / max(report.embed_seconds, 1e-9),
        }
    )

    sample = _sample_texts(chunks, MODEL_SAMPLE)
    model = measure(lambda: store.embedder.embed(sample))
    model_rate = len(sample) / model.seconds
    rows.append(
        _row(
            "bare model embed, same chunk texts (reference)",
            len(sample),
            model,
            "chunks",
            reference="pipeline ÷ model chunks/s",
            ratio=chunk_rate / model_rate,
        )
    )
    writes = measure(lambda: _write_random_vectors(folder / "chroma-only", chunks))
    rows.append(
        _row(
            "Chroma upsert of random unit vectors (reference)",
            len(chunks),
            writes,
            "chunks",
            reference="pipeline ÷ Chroma chunks/s",
            ratio=chunk_rate / (len(chunks) / writes.seconds),
        )
    )

    keywords = measure(lambda: store.catalogue().keywords)
    rows.append(_row("keyword index build (first search)", len(chunks), keywords, "chunks"))
    queries = [SHOPPER_QUERIES[i % len(SHOPPER_QUERIES)] for i in range(args.queries)]
    for query in SHOPPER_QUERIES[:WARM_UP]:
        search(store, query, k=10)
    notes: list[str] = []
    variants = _filter_variants(chunks, notes)
    searched: dict[str, float] = {}
    for name, filters in variants.items():
        timing = _latencies(queries, lambda q, f=filters: search(store, q, k=10, filters=f))
        searched[name] = timing.p50
        rows.append(timing.row(f"search k=10, {name}"))
    plain = searched["no filters"]
    keyword = _latencies(queries, lambda q: store.catalogue().keywords.top(q, 50))
    rows.append(
        keyword.row(
            "keyword channel alone, top 50 (reference)",
            reference="search p50 ÷ this p50",
            ratio=plain / keyword.p50,
        )
    )
    collection = store.collection()
    vector = _latencies(
        queries,
        lambda q: collection.query(
            query_embeddings=store.embedder.embed([q]), n_results=50, include=["distances"]
        ),
    )
    rows.append(
        vector.row(
            "vector channel alone: embed + Chroma top 50 (reference)",
            reference="search p50 ÷ this p50",
            ratio=plain / vector.p50,
        )
    )
    notes.append(
        f"search p50 − keyword p50 − vector p50 = {plain - keyword.p50 - vector.p50:,.1f} ms "
        "(fusion, filtering and building hits; noise when the machine is busy)."
    )

    themes = measure(lambda: rating_themes(store, (1, 2), (5, 5)))
    rows.append(
        _row(
            "themes: 1-2 stars vs 5 stars",
            themes.value.documents,
            themes,
            "documents",
            reference=f"{themes.value.comparison_documents:,} comparison documents",
        )
    )

    print_table([_full(r) for r in rows])
    print()
    _print_targets(chunk_rate, searched)
    print("\nTop themes of 1-2 star reviews against 5 star reviews:")
    for theme in themes.value.themes[:5]:
        print(
            f"  {theme.label:<40} lift {theme.lift}  share {theme.share:.1%}  "
            f"({theme.documents:,} documents, {theme.kind or 'kind unknown'})"
        )
    notes.append(_load_note(start_load))
    for note in notes:
        print(f"note: {note}")


class Latencies:
    """Per-call wall times of one query variant (milliseconds) and the run's peak memory."""

    def __init__(self, milliseconds: list[float], peak_mb: float) -> None:
        self.ms = np.asarray(milliseconds)
        self.p50 = float(np.percentile(self.ms, 50))
        self.p95 = float(np.percentile(self.ms, 95))
        self.peak_mb = peak_mb

    def row(self, step: str, reference: str = "", ratio: float | None = None) -> dict[str, Any]:
        return {
            "step": step,
            "count": len(self.ms),
            "seconds": float(self.ms.sum()) / 1000,
            "per second": 1000 * len(self.ms) / float(self.ms.sum()),
            "p50 ms": self.p50,
            "p95 ms": self.p95,
            "peak MB": self.peak_mb,
            "reference": reference or f"mean {self.ms.mean():,.1f} ms",
            "ratio": ratio,
        }


def _latencies(queries: list[str], call: Callable[[str], Any]) -> Latencies:
    def timed() -> list[float]:
        out = []
        for query in queries:
            started = time.perf_counter()
            call(query)
            out.append(1000 * (time.perf_counter() - started))
        return out

    done = measure(timed)
    return Latencies(done.value, done.peak_mb)


def _filter_variants(chunks: pd.DataFrame, notes: list[str]) -> dict[str, Filters | None]:
    variants: dict[str, Filters | None] = {
        "no filters": None,
        "rating ≤ 2": Filters(rating_max=2),
        "rating ≥ 4, reviews only": Filters(rating_min=4, source_types=("review",)),
    }
    customers = chunks["customer_id"].dropna().drop_duplicates().sort_values()
    if customers.empty:
        notes.append(
            "The reviews carry no customer ids, so search within a customer "
            "segment (Filters(customer_ids=…)) is not measured."
        )
    else:
        segment = frozenset(customers.sample(frac=1 / 3, random_state=0).astype(str))
        variants[f"segment of {len(segment):,} customers"] = Filters(customer_ids=segment)
    return variants


def _sample_texts(chunks: pd.DataFrame, size: int) -> list[str]:
    """What the store embeds, for a fixed random sample of chunks (all when fewer)."""
    if len(chunks) > size:
        chunks = chunks.sample(size, random_state=0)
    return embedding_texts(chunks)


def _write_random_vectors(folder: Path, chunks: pd.DataFrame) -> None:
    """Chroma's share of indexing: the same ids and metadata, vectors already computed."""
    ws = Workspace(folder)
    collection = chroma_client(ws).get_or_create_collection(
        collection_name("bench:random"),
        embedding_function=None,
        configuration={"hnsw": {"space": "cosine"}},
    )
    ids = chunks["chunk_id"].tolist()
    metadatas = chroma_metadata(chunks)
    vectors = np.random.default_rng(0).standard_normal((len(ids), 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    for lo in range(0, len(ids), WRITE_BATCH):
        hi = lo + WRITE_BATCH
        collection.upsert(ids=ids[lo:hi], embeddings=vectors[lo:hi], metadatas=metadatas[lo:hi])


def _row(
    step: str,
    count: int,
    done: Measured,
    unit: str,
    reference: str = "",
    ratio: float | None = None,
) -> dict[str, Any]:
    return {
        "step": step,
        "count": count,
        "seconds": done.seconds,
        "per second": count / done.seconds if done.seconds else None,
        "peak MB": done.peak_mb,
        "reference": reference or unit,
        "ratio": ratio,
    }


def _full(row: dict[str, Any]) -> dict[str, Any]:
    columns = (
        "step",
        "count",
        "seconds",
        "per second",
        "p50 ms",
        "p95 ms",
        "peak MB",
        "reference",
        "ratio",
    )
    return {column: row.get(column) for column in columns}


def _print_targets(chunk_rate: float, searched: dict[str, float]) -> None:
    def verdict(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    print(
        f"target indexing ≥ {TARGET_CHUNKS_PER_SECOND:,.0f} chunks/s: {chunk_rate:,.1f} "
        f"→ {verdict(chunk_rate >= TARGET_CHUNKS_PER_SECOND)}"
    )
    for name, p50 in searched.items():
        print(
            f"target search p50 ≤ {TARGET_P50_MS:,.0f} ms ({name}): {p50:,.1f} ms "
            f"→ {verdict(p50 <= TARGET_P50_MS)}"
        )


def _load_note(start_load: float) -> str:
    """Other processes on the machine slow every row; say how busy it was."""
    cores = os.cpu_count() or 1
    end_load = os.getloadavg()[0]
    busy = (
        " The machine was busy: timings are pessimistic."
        if max(start_load, end_load) > cores
        else ""
    )
    return (
        f"1-minute load average {start_load:.1f} at start, {end_load:.1f} at end, "
        f"on {cores} cores.{busy}"
    )


def _machine(store: KnowledgeStore) -> str:
    import torch

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"machine: {cpu}, {torch.get_num_threads()} torch threads; embeddings "
        f"{store.embedder.backend_id}, precision {local_precision()}"
    )


if __name__ == "__main__":
    main()
