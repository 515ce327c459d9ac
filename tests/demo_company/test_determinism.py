"""The demo generator is a pure, fast function of its arguments."""

from __future__ import annotations

import builtins
import datetime
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from demo_company import GENERATOR_VERSION, DemoData, generate_demo

TABLES = ("customers", "orders", "tickets", "reviews", "surveys", "transcripts")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def timed_demo() -> tuple[DemoData, float]:
    start = time.perf_counter()
    data = generate_demo()
    return data, time.perf_counter() - start


def test_default_generation_takes_at_most_30_seconds(timed_demo: tuple[DemoData, float]) -> None:
    _, seconds = timed_demo
    assert seconds <= 30, f"generate_demo() took {seconds:.1f} s"


def test_same_seed_gives_identical_frames_and_truth(timed_demo: tuple[DemoData, float]) -> None:
    first, _ = timed_demo
    again = generate_demo(seed=7)
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(first, table), getattr(again, table))
    assert first.ground_truth == again.ground_truth


def test_different_seeds_give_different_data() -> None:
    a = generate_demo(seed=1, n_customers=400)
    b = generate_demo(seed=2, n_customers=400)
    for table in TABLES:
        assert not getattr(a, table).equals(getattr(b, table)), table
    assert a.customers["name"].tolist() != b.customers["name"].tolist()
    assert a.ground_truth["customer_archetype"] != b.ground_truth["customer_archetype"]


def _fingerprint_script(seed: int, n: int) -> str:
    return (
        "import pandas as pd\n"
        "from demo_company import generate_demo\n"
        f"d = generate_demo(seed={seed}, n_customers={n})\n"
        "for t in ('customers', 'orders', 'tickets', 'reviews', 'surveys', 'transcripts'):\n"
        "    print(t, int(pd.util.hash_pandas_object(getattr(d, t), index=True).sum()))\n"
    )


def test_output_does_not_depend_on_string_hash_randomisation() -> None:
    """Two interpreters with different hash seeds must produce the same tables."""
    outputs = []
    for hash_seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", _fingerprint_script(5, 300)], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=120, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == len(TABLES)


def test_generation_reads_no_files_and_opens_no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    generate_demo(seed=11, n_customers=50)  # warm up lazy imports (Faker locales)

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"I/O attempted: {args!r}")

    monkeypatch.setattr(builtins, "open", forbidden)
    monkeypatch.setattr(socket, "socket", forbidden)
    data = generate_demo(seed=12, n_customers=300)
    assert len(data.customers) == 300


def test_ground_truth_is_json_serialisable_and_complete(
        timed_demo: tuple[DemoData, float]) -> None:
    data, _ = timed_demo
    truth = data.ground_truth
    assert json.loads(json.dumps(truth)) == truth
    assert isinstance(GENERATOR_VERSION, int) and GENERATOR_VERSION == 1
    assert truth["generator_version"] == GENERATOR_VERSION
    assert truth["seed"] == 7 and truth["as_of"] == "2026-10-31"
    assert truth["n_customers"] == len(data.customers) == 6000
    assert set(truth["archetypes"]) == {"loyal_champion", "discount_hunter", "impulse_buyer",
                                        "needs_based", "at_risk", "new_customer"}
    assert set(truth["customer_archetype"]) == set(data.customers["customer_id"])
    pain_keys = []
    for info in truth["archetypes"].values():
        assert info["label"] and info["description"] and info["traits"]
        assert len(info["pain_points"]) == 3
        for key, theme in info["pain_points"].items():
            assert theme["label"] and theme["keywords"]
            assert truth["themes"][key]["kind"] == "pain"
            pain_keys.append(key)
    assert len(set(pain_keys)) == 18
    kinds = [t["kind"] for t in truth["themes"].values()]
    assert kinds.count("praise") == 5 and kinds.count("pain") == 18
    counts = pd.Series(truth["customer_archetype"]).value_counts()
    for key, info in truth["archetypes"].items():
        assert info["n_customers"] == counts[key]
        assert abs(counts[key] / 6000 - info["share"]) < 0.01


def test_custom_as_of_moves_the_whole_history() -> None:
    as_of = datetime.date(2025, 6, 30)
    data = generate_demo(seed=3, n_customers=300, as_of=as_of)
    dates = data.orders["order_date"]
    assert dates.max() <= pd.Timestamp(as_of)
    assert (pd.Timestamp(as_of) - dates.min()).days >= 2 * 365
    assert data.ground_truth["as_of"] == "2025-06-30"
