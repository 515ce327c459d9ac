"""The demo workspace is generated once, cached on disk, and regenerated only when needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from demo_company.workspace import GROUND_TRUTH, TABLES, demo_workspace
from tools.settings import DataSettings


def settings(tmp_path: Path, seed: int = 7) -> DataSettings:
    return DataSettings(workspaces_dir=tmp_path, max_upload_mb=10, demo_seed=seed)


def files(root: Path) -> dict[str, str]:
    manifest = json.loads((root / "workspace.json").read_text())
    return {name: info["file"] for name, info in manifest["datasets"].items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("demo")
    demo_workspace(settings(base))
    return base


def test_all_tables_and_ground_truth_are_stored(built: Path) -> None:
    ws = demo_workspace(settings(built))
    assert set(ws.dataset_names()) == set(TABLES)
    truth = ws.read_json(GROUND_TRUTH)
    customers = ws.read_dataset("customers")
    assert set(truth["customer_archetype"]) == set(customers["customer_id"])
    assert "archetype" not in customers.columns  # the answer is not in the data
    assert ws.dataset_info("orders")["roles"]["order_date"] == "transaction_date"


def test_second_start_reads_the_cache(built: Path) -> None:
    before = files(built / "demo")
    demo_workspace(settings(built))
    assert files(built / "demo") == before


def test_another_seed_regenerates(built: Path, tmp_path: Path) -> None:
    first = demo_workspace(settings(built)).read_dataset("customers")["name"].head(20).tolist()
    other = demo_workspace(settings(tmp_path, seed=8)).read_dataset("customers")
    assert other["name"].head(20).tolist() != first


def test_interrupted_generation_is_redone(tmp_path: Path) -> None:
    ws = demo_workspace(settings(tmp_path))
    ws.delete_dataset("surveys")  # as if a crash happened before the last table was saved
    again = demo_workspace(settings(tmp_path))
    assert again.has_dataset("surveys")
